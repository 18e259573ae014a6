import type { RecognizerResult } from '../types.js';
import { IBAN_LENGTHS, ibanValid } from '../validators/iban_checksum.js';
import { WORD_CHAR, type Recognizer } from './recognizer.js';

const CONTEXT = ['iban', 'bank', 'account', 'transfer', 'wire', 'refund', 'sepa'];
// Country code and check digits, then up to 32 BBAN characters with optional single spaces.
const WORD = new RegExp(`[${WORD_CHAR}]`, 'u');
const CANDIDATE = new RegExp(`(?<![${WORD_CHAR}])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){10,32}`, 'gu');

/**
 * IBAN_CODE: an ISO 13616 IBAN, compact (`DE89370400440532013000`) or printed in groups of four
 * (`DE89 3704 0044 0532 0130 00`), for a registered country, of that country's length, with a
 * valid mod-97 checksum. The candidate is cut to the country's length, so trailing words are not
 * absorbed.
 *
 * @example
 * ibanRecognizer().analyze('IBAN DE89 3704 0044 0532 0130 00, thanks', new Set(['IBAN_CODE']));
 * // [{ entityType: 'IBAN_CODE', start: 5, end: 32, score: 1, recognizer: 'IbanRecognizer' }]
 */
export function ibanRecognizer(): Recognizer {
  return {
    name: 'IbanRecognizer',
    supportedEntities: ['IBAN_CODE'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('IBAN_CODE')) return [];
      const out: RecognizerResult[] = [];
      CANDIDATE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CANDIDATE.exec(text)) !== null) {
        const start = m.index;
        const length = IBAN_LENGTHS[m[0].slice(0, 2)];
        if (length === undefined) {
          CANDIDATE.lastIndex = start + 1;
          continue;
        }
        // Walk the candidate until `length` alphanumerics are consumed; spaces may only sit
        // between groups of four (the print format), or nowhere.
        const limit = start + m[0].length;
        let count = 0;
        let end = start;
        let spaced: boolean | undefined;
        let ok = true;
        for (let k = start; k < limit && count < length; k++) {
          if (text[k] === ' ') {
            if (count % 4 !== 0 || spaced === false) {
              ok = false;
              break;
            }
            continue;
          }
          if (count > 0 && count % 4 === 0) {
            const afterSpace = text[k - 1] === ' ';
            if (spaced === undefined) spaced = afterSpace;
            else if (spaced !== afterSpace) {
              ok = false;
              break;
            }
          }
          count++;
          end = k + 1;
        }
        const after = text[end];
        const boundary = after === undefined || !WORD.test(after);
        if (ok && count === length && boundary && ibanValid(text.slice(start, end))) {
          out.push({ entityType: 'IBAN_CODE', start, end, score: 1, recognizer: 'IbanRecognizer' });
          CANDIDATE.lastIndex = end;
        } else {
          CANDIDATE.lastIndex = start + 1;
        }
      }
      return out;
    },
  };
}
