/**
 * Strict dotted-quad IPv4 check: four decimal octets 0-255 without leading zeros.
 *
 * @example
 * isIpv4('192.168.0.1'); // true
 * isIpv4('192.168.0.256'); // false
 */
export function isIpv4(text: string): boolean {
  if (typeof text !== 'string') throw new Error(`isIpv4: text must be a string, got ${typeof text}`);
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * IPv6 check (RFC 4291 text forms): eight groups of 1-4 hex digits, at most one `::` standing for
 * one or more zero groups, and an optional dotted IPv4 tail counting as two groups.
 *
 * @example
 * isIpv6('2001:db8::8a2e:370:7334'); // true
 * isIpv6('12:30:45'); // false
 */
export function isIpv6(text: string): boolean {
  if (typeof text !== 'string') throw new Error(`isIpv6: text must be a string, got ${typeof text}`);
  if (text.length < 2 || text.length > 45) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const parseHalf = (half: string, allowV4Tail: boolean): number => {
    if (half === '') return 0;
    const groups = half.split(':');
    let count = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (allowV4Tail && i === groups.length - 1 && g.includes('.')) {
        if (!isIpv4(g)) return -1;
        count += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) {
        count += 1;
      } else {
        return -1;
      }
    }
    return count;
  };
  if (halves.length === 1) return parseHalf(text, true) === 8;
  const left = parseHalf(halves[0]!, false);
  const right = parseHalf(halves[1]!, true);
  if (left < 0 || right < 0) return false;
  return left + right <= 7;
}
