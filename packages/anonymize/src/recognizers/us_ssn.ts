import type { RecognizerResult } from '../types.js';
import { matchRuns, scanDigitRuns, type DigitGroup } from './digit_runs.js';
import type { Recognizer } from './recognizer.js';

const CONTEXT = ['ssn', 'ssns', 'social', 'security', 'ssid'];

/**
 * SSA rules: area 000, 666 and 900-999 were never issued, nor group 00 or serial 0000; numbers of
 * one repeated digit and the well-known sample numbers are rejected as Presidio does.
 *
 * @example
 * ssnValid('609-64-9502'); // true
 * ssnValid('900-64-9502'); // false
 */
export function ssnValid(ssn: string): boolean {
  if (typeof ssn !== 'string') throw new Error(`ssnValid: ssn must be a string, got ${typeof ssn}`);
  const d = ssn.replace(/[ .-]/g, '');
  if (!/^\d{9}$/.test(d)) return false;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
  if (/^(\d)\1{8}$/.test(d)) return false;
  return !['123456789', '078051120', '219099999'].includes(d);
}

function judgeSsn(g: readonly DigitGroup[], plus: boolean): number {
  if (plus || g.some((x) => x.paren)) return 0;
  const digits = g.map((x) => x.digits).join('');
  if (g.length === 1) return g[0]!.digits.length === 9 && ssnValid(digits) ? 0.05 : 0;
  if (g.length !== 3) return 0;
  const [a, b, c] = g as [DigitGroup, DigitGroup, DigitGroup];
  if (a.digits.length !== 3 || b.digits.length !== 2 || c.digits.length !== 4) return 0;
  if (b.sep !== c.sep) return 0; // mixed delimiters are not an SSN (Presidio)
  if (!ssnValid(digits)) return 0;
  return b.sep === '-' ? 0.5 : 0.4;
}

/**
 * US_SSN: `ddd-dd-dddd` (also with spaces or dots, weaker), validated by the SSA area/group/serial
 * rules; a bare 9-digit number is reported only after a context word (ssn, social security).
 *
 * @example
 * usSsnRecognizer().analyze('SSN 609-64-9502', new Set(['US_SSN']));
 * // [{ entityType: 'US_SSN', start: 4, end: 15, score: 0.5, recognizer: 'UsSsnRecognizer' }]
 */
export function usSsnRecognizer(): Recognizer {
  return {
    name: 'UsSsnRecognizer',
    supportedEntities: ['US_SSN'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('US_SSN')) return [];
      return matchRuns(scanDigitRuns(text), 3, [9, 9], judgeSsn).map((m) => ({
        entityType: 'US_SSN',
        start: m.start,
        end: m.end,
        score: m.score,
        recognizer: 'UsSsnRecognizer',
      }));
    },
  };
}
