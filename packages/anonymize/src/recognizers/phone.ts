import type { RecognizerResult } from '../types.js';
import { matchRuns, scanDigitRuns, type DigitGroup } from './digit_runs.js';
import { REFERENCE_BEFORE, precededBy } from './negative_context.js';
import type { Recognizer } from './recognizer.js';

const CONTEXT = ['phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'call', 'fax', 'number', 'contact', 'whatsapp', 'sms', 'dial'];

const sameSeparators = (g: readonly DigitGroup[], allowed: string): boolean => {
  const seps = g.slice(1).map((x) => x.sep);
  return seps.every((s) => s === seps[0]) && seps.every((s) => allowed.includes(s) && s !== '');
};

/** North American numbers: area code and exchange start with 2-9. */
function nanp(g: readonly DigitGroup[]): number {
  let rest = g;
  if (g.length === 4) {
    if (g[0]!.digits !== '1' || g[0]!.paren) return 0;
    rest = g.slice(1);
  }
  if (rest.length !== 3) return 0;
  const [area, exchange, line] = rest as [DigitGroup, DigitGroup, DigitGroup];
  if (area.digits.length !== 3 || exchange.digits.length !== 3 || line.digits.length !== 4) return 0;
  if (exchange.paren || line.paren) return 0;
  if (area.digits[0]! < '2' || exchange.digits[0]! < '2') return 0;
  if (area.paren) {
    if (exchange.sep !== '' && exchange.sep !== ' ') return 0;
    if (line.sep === '') return 0;
    return 0.8;
  }
  if (exchange.sep === '' || exchange.sep !== line.sep) return 0;
  if (g.length === 4 && rest[0]!.sep === '') return 0;
  return exchange.sep === ' ' ? 0.5 : 0.75;
}

/** "+CC groups": E.164 allows at most 15 digits; "(0)" is a national trunk prefix, not counted. */
function international(g: readonly DigitGroup[]): number {
  const cc = g[0]!;
  if (cc.paren) return 0;
  if (g.length === 1) return cc.digits.length >= 8 && cc.digits.length <= 15 && cc.digits[0] !== '0' ? 0.7 : 0;
  if (g.length > 7 || cc.digits.length > 3 || cc.digits[0] === '0') return 0;
  let total = cc.digits.length;
  // After a '+', separators may mix ("+55 11 91234-5678", "+81 3-1234-5678"): the plus sign and
  // the country code already make the number unambiguous.
  for (let k = 1; k < g.length; k++) {
    const x = g[k]!;
    if (x.paren) {
      if (k !== 1 || x.digits.length > 4) return 0;
    } else if (x.digits.length > 8) {
      return 0;
    }
    if (!(x.paren && x.digits === '0')) total += x.digits.length;
    const afterParen = g[k - 1]!.paren;
    if (x.paren || afterParen) {
      if (x.sep !== '' && x.sep !== ' ') return 0;
    } else if (x.sep === '') {
      return 0;
    }
  }
  return total >= 8 && total <= 15 ? 0.75 : 0;
}

/** National numbers with a trunk prefix 0 ("020 7946 0958", "030 649199", "06 12 34 56 78"). */
function trunk(g: readonly DigitGroup[]): number {
  const first = g[0]!;
  if (first.digits[0] !== '0' || g.length < 2) return 0;
  if (g.slice(1).some((x) => x.paren)) return 0;
  const total = g.reduce((s, x) => s + x.digits.length, 0);
  if (g.length === 5 && g.every((x) => x.digits.length === 2) && !first.paren) {
    return sameSeparators(g, ' .-') ? 0.5 : 0;
  }
  if (first.digits.length < 2 || first.digits.length > 5 || g.length > 4) return 0;
  if (g.slice(1).some((x) => x.digits.length < 3 || x.digits.length > 8)) return 0;
  if (total < 9 || total > 12) return 0;
  if (first.paren) {
    const rest = g.slice(1);
    if (rest[0]!.sep !== ' ' && rest[0]!.sep !== '') return 0;
    return rest.length === 1 || sameSeparators(rest, ' -') ? 0.5 : 0;
  }
  return sameSeparators(g, ' -') ? 0.5 : 0;
}

/** Scores below the default threshold (0.35): these need a context word such as "phone" or "call". */
function weak(g: readonly DigitGroup[]): number {
  if (g.some((x) => x.paren)) return 0;
  if (g.length === 1) {
    const d = g[0]!.digits;
    if (d.length === 10 && d[0]! >= '2' && d[3]! >= '2') return 0.3;
    if (d.length === 11 && d[0] === '1' && d[1]! >= '2' && d[4]! >= '2') return 0.3;
    return 0;
  }
  if (g.length === 2 && g[0]!.digits.length === 3 && g[1]!.digits.length === 4 && g[1]!.sep === '-' && g[0]!.digits[0]! >= '2') {
    return 0.2;
  }
  return 0;
}

function judgePhone(g: readonly DigitGroup[], plus: boolean): number {
  if (plus) return international(g);
  return Math.max(nanp(g), trunk(g), weak(g));
}

/**
 * PHONE_NUMBER: international numbers with `+` and a country code (E.164 length), North American
 * numbers (`(333) 956-4056`, `944-865-1683`, `691.868.5636`, `+1 202 210 8806`), national numbers
 * with a trunk 0 (`020 7946 0958`). Bare digit strings and 7-digit local numbers score below the
 * default threshold and are reported only next to a context word (phone, call, mobile...).
 * Card numbers, SSNs, IPs, dates and versions have other group shapes and are not matched, and
 * a number right after "order", "invoice", "ticket", "tracking"... is a reference, not a phone.
 *
 * @example
 * const r = phoneRecognizer().analyze('call +44 20 4517 1614 today', new Set(['PHONE_NUMBER']));
 * // [{ entityType: 'PHONE_NUMBER', start: 5, end: 21, score: 0.75, recognizer: 'PhoneRecognizer' }]
 */
export function phoneRecognizer(): Recognizer {
  return {
    name: 'PhoneRecognizer',
    supportedEntities: ['PHONE_NUMBER'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('PHONE_NUMBER')) return [];
      return matchRuns(scanDigitRuns(text), 8, [7, 15], judgePhone)
        .filter((m) => !precededBy(text, m.start, REFERENCE_BEFORE))
        .map((m) => ({
        entityType: 'PHONE_NUMBER',
        start: m.start,
        end: m.end,
        score: m.score,
        recognizer: 'PhoneRecognizer',
      }));
    },
  };
}
