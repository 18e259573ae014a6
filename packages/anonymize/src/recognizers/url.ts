import type { RecognizerResult } from '../types.js';
import { isIpv4 } from '../validators/ip_address.js';
import type { Recognizer } from './recognizer.js';

// Top-level domains accepted for URLs without a scheme; file extensions that are also ccTLDs
// (.md, .py, .sh, .rs, .pl) are left out so that "readme.md" is not a URL.
const BARE_TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'co', 'ai', 'app', 'dev', 'me', 'tv',
  'us', 'uk', 'de', 'fr', 'es', 'it', 'nl', 'eu', 'ca', 'au', 'jp', 'cn', 'in', 'br', 'ru', 'ch', 'se', 'no',
  'dk', 'fi', 'be', 'at', 'ie', 'nz', 'za', 'mx', 'kr', 'xyz', 'online', 'site', 'tech', 'shop', 'store', 'cloud',
];
const SCHEME_URL = /(?<![\p{L}\p{N}_@.\-+])(?:(?:https?|ftp|wss?):\/\/|www\.)[^\s<>"'`{}|\\^]{1,2048}/giu;
const BARE_URL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.\-/:])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,6}(?:${BARE_TLDS.join('|')})(?::\d{2,5})?(?:/[^\s<>"'\x60{}|\\^]{0,2048})?(?![\p{L}\p{N}_@\-]|\.[\p{L}\p{N}])`,
  'gu',
);
const HOST = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,10}\p{L}{2,24}$/u;
const CONTEXT = ['url', 'link', 'website', 'site', 'visit', 'http', 'https', 'www'];
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation that ends the sentence, and closing brackets without an opener. */
function trimUrl(url: string): string {
  const count = (ch: string): number => {
    let n = 0;
    for (const c of url) if (c === ch) n++;
    return n;
  };
  const balance: Record<string, number> = {};
  for (const [closer, opener] of Object.entries(CLOSERS)) balance[closer] = count(closer) - count(opener);
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1]!;
    if ('.,;:!?\'"*'.includes(last)) {
      end--;
      continue;
    }
    if (CLOSERS[last] !== undefined && balance[last]! > 0) {
      balance[last]!--;
      end--;
      continue;
    }
    break;
  }
  return url.slice(0, end);
}

function hostOk(url: string): boolean {
  const rest = url.replace(/^(?:(?:https?|ftp|wss?):\/\/)/i, '');
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d{1,5}$/, '');
  if (/^\[[0-9A-Fa-f:.]+\]$/.test(host)) return true;
  if (host.toLowerCase() === 'localhost') return /^[a-z]+:\/\//i.test(url);
  return isIpv4(host) || HOST.test(host);
}

/**
 * URL: addresses with a scheme (`https://`, `http://`, `ftp://`) or `www.`, and bare domains with
 * a common top-level domain (`shop.example.org/cart`). Sentence punctuation and unbalanced closing
 * brackets after the URL are excluded; e-mail domains are not URLs.
 *
 * @example
 * urlRecognizer().analyze('See https://example.com/a?b=1.', new Set(['URL']));
 * // [{ entityType: 'URL', start: 4, end: 29, score: 0.85, recognizer: 'UrlRecognizer' }]
 */
export function urlRecognizer(): Recognizer {
  return {
    name: 'UrlRecognizer',
    supportedEntities: ['URL'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('URL')) return [];
      const out: RecognizerResult[] = [];
      for (const m of text.matchAll(SCHEME_URL)) {
        const url = trimUrl(m[0]);
        if (hostOk(url)) out.push({ entityType: 'URL', start: m.index, end: m.index + url.length, score: 0.85, recognizer: 'UrlRecognizer' });
      }
      for (const m of text.matchAll(BARE_URL)) {
        const url = trimUrl(m[0]);
        if (url.length > 0) out.push({ entityType: 'URL', start: m.index, end: m.index + url.length, score: 0.5, recognizer: 'UrlRecognizer' });
      }
      return out;
    },
  };
}
