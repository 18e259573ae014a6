import type { RecognizerResult } from '../types.js';
import type { Recognizer } from './recognizer.js';

// Bounded quantifiers everywhere (local part <= 64 per dot-atom, labels <= 63): no input can make
// this regex backtrack more than a constant amount per start position.
const ATOM = String.raw`[\p{L}\p{N}_%+\-]{1,64}`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?`;
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_%+\-.])${ATOM}(?:\.${ATOM}){0,16}@(?:${LABEL}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}_\-]|\.[\p{L}\p{N}])`,
  'gu',
);
const CONTEXT = ['email', 'mail', 'e-mail', 'contact'];

/**
 * EMAIL_ADDRESS: RFC 5321-shaped addresses (dot-atoms, Unicode letters allowed, a domain with an
 * alphabetic top-level label). A trailing sentence period is not part of the address.
 *
 * @example
 * emailRecognizer().analyze('reply to jo.doe@example.org.', new Set(['EMAIL_ADDRESS']));
 * // [{ entityType: 'EMAIL_ADDRESS', start: 9, end: 27, score: 1, recognizer: 'EmailRecognizer' }]
 */
export function emailRecognizer(): Recognizer {
  return {
    name: 'EmailRecognizer',
    supportedEntities: ['EMAIL_ADDRESS'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('EMAIL_ADDRESS')) return [];
      const out: RecognizerResult[] = [];
      for (const m of text.matchAll(EMAIL)) {
        out.push({ entityType: 'EMAIL_ADDRESS', start: m.index, end: m.index + m[0].length, score: 1, recognizer: 'EmailRecognizer' });
      }
      return out;
    },
  };
}
