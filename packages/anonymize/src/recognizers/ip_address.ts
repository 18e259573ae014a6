import type { RecognizerResult } from '../types.js';
import { isIpv4, isIpv6 } from '../validators/ip_address.js';
import { VERSION_BEFORE, precededBy } from './negative_context.js';
import type { Recognizer } from './recognizer.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not inside a longer dotted number (versions "1.2.3.4.5", "v1.2.3.4") or a word.
const IPV4 = new RegExp(`(?<![\\p{L}\\p{N}_.])${OCTET}(?:\\.${OCTET}){3}(?![\\p{L}\\p{N}_]|\\.\\d)`, 'gu');
// Hex digits, colons and an optional dotted IPv4 tail; bounded, then parsed by isIpv6.
const IPV6 = /(?<![\p{L}\p{N}_:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(?![\p{L}\p{N}_:])/gu;
const CONTEXT = ['ip', 'ipv4', 'ipv6', 'address', 'host', 'server', 'login'];


/**
 * IP_ADDRESS: dotted-quad IPv4 (octets 0-255) and IPv6 in full, compressed (`::`) and
 * IPv4-embedded forms, each validated by a parser. Times (`10:30:00`), MAC addresses and version
 * strings (also "version 10.2.0.1") are not addresses.
 *
 * @example
 * ipRecognizer().analyze('from 62.24.142.109 and fe80::1', new Set(['IP_ADDRESS']));
 * // two results: [5, 18) and [23, 30)
 */
export function ipRecognizer(): Recognizer {
  return {
    name: 'IpRecognizer',
    supportedEntities: ['IP_ADDRESS'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('IP_ADDRESS')) return [];
      const out: RecognizerResult[] = [];
      for (const m of text.matchAll(IPV4)) {
        if (isIpv4(m[0]) && !precededBy(text, m.index, VERSION_BEFORE)) out.push({ entityType: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.85, recognizer: 'IpRecognizer' });
      }
      for (const m of text.matchAll(IPV6)) {
        let candidate = m[0];
        // A sentence may end right after the address: "... from fe80::1."
        while (candidate.endsWith('.') || (candidate.endsWith(':') && !candidate.endsWith('::'))) candidate = candidate.slice(0, -1);
        if (!candidate.includes(':')) continue;
        const groups = candidate.split(':').filter((x) => x !== '').length;
        if ((groups >= 2 || candidate === '::1') && isIpv6(candidate)) {
          out.push({ entityType: 'IP_ADDRESS', start: m.index, end: m.index + candidate.length, score: 0.85, recognizer: 'IpRecognizer' });
        }
      }
      return out;
    },
  };
}
