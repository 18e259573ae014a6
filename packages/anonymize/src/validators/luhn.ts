/**
 * The Luhn (mod 10) checksum used by payment card numbers. Non-digits are ignored; fewer than two
 * digits is never valid.
 *
 * @example
 * luhnValid('4111 1111 1111 1111'); // true
 * luhnValid('4111 1111 1111 1112'); // false
 */
export function luhnValid(number: string): boolean {
  if (typeof number !== 'string') throw new Error(`luhnValid: number must be a string, got ${typeof number}`);
  let sum = 0;
  let count = 0;
  for (let i = number.length - 1; i >= 0; i--) {
    const c = number.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    let d = c;
    if (count % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    count++;
  }
  return count >= 2 && sum % 10 === 0;
}
