import type { RecognizerResult } from '../types.js';
import { luhnValid } from '../validators/luhn.js';
import { matchRuns, scanDigitRuns, type DigitGroup } from './digit_runs.js';
import type { Recognizer } from './recognizer.js';

const CONTEXT = ['credit', 'card', 'visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'maestro', 'cc', 'payment'];

/**
 * Issuer prefix (IIN) and length rules of the major schemes (Visa, Mastercard, Amex, Discover,
 * JCB, Diners, UnionPay, Maestro); anything else is not a card. Digits only.
 *
 * @example
 * cardSchemeAccepts('378282246310005'); // true (Amex, 15 digits)
 * cardSchemeAccepts('3782822463100050'); // false (Amex has 15 digits)
 */
export function cardSchemeAccepts(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19; // Diners Club
  if (p2 === 62) return n >= 16 && n <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 13 && n <= 19; // Maestro
  return false;
}

function judgeCard(g: readonly DigitGroup[], plus: boolean): number {
  if (plus || g.some((x) => x.paren)) return 0;
  const lens = g.map((x) => x.digits.length);
  if (g.length > 1) {
    const sep = g[1]!.sep;
    if ((sep !== ' ' && sep !== '-') || g.slice(1).some((x) => x.sep !== sep)) return 0;
    const fours = lens.slice(0, -1).every((l) => l === 4) && lens.at(-1)! >= 1 && lens.at(-1)! <= 4 && g.length >= 3 && g.length <= 5;
    const amexOrDiners = g.length === 3 && lens[0] === 4 && lens[1] === 6 && (lens[2] === 5 || lens[2] === 4);
    if (!fours && !amexOrDiners) return 0;
  }
  const digits = g.map((x) => x.digits).join('');
  if (digits.length < 13 || digits.length > 19) return 0;
  if (!cardSchemeAccepts(digits) || !luhnValid(digits)) return 0;
  return 1;
}

/**
 * CREDIT_CARD: 13-19 digits, contiguous or grouped by spaces or hyphens (4-4-4-4, 4-6-5 ...), with
 * a known scheme prefix and length and a valid Luhn checksum. A Luhn-invalid number is never
 * reported, whatever its context.
 *
 * @example
 * creditCardRecognizer().analyze('card 4111-1111-1111-1111', new Set(['CREDIT_CARD']));
 * // [{ entityType: 'CREDIT_CARD', start: 5, end: 24, score: 1, recognizer: 'CreditCardRecognizer' }]
 */
export function creditCardRecognizer(): Recognizer {
  return {
    name: 'CreditCardRecognizer',
    supportedEntities: ['CREDIT_CARD'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('CREDIT_CARD')) return [];
      return matchRuns(scanDigitRuns(text), 5, [13, 19], judgeCard).map((m) => ({
        entityType: 'CREDIT_CARD',
        start: m.start,
        end: m.end,
        score: m.score,
        recognizer: 'CreditCardRecognizer',
      }));
    },
  };
}
