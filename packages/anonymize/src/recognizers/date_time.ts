import type { RecognizerResult } from '../types.js';
import { VERSION_BEFORE, precededBy } from './negative_context.js';
import type { Recognizer } from './recognizer.js';

const MONTH = String.raw`(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|jun\.|july?|jul\.|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?!\p{L})`;
const MONTH_CAP = String.raw`(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|Jun\.|July?|Jul\.|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?!\p{L})`;
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s)?`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:1[5-9]|2[01])\d\d`;
const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;

interface DatePattern {
  regex: RegExp;
  score: number;
  check?: (m: RegExpExecArray, text: string) => boolean;
}

const validDayMonth = (a: number, b: number): boolean =>
  a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));

const PATTERNS: DatePattern[] = [
  // 23 June 1990, 23rd of June, 1990, Monday 5 Jan. 2024
  { regex: new RegExp(`${B}${WEEKDAY}${DAY}\\s(?:of\\s)?${MONTH},?\\s${YEAR}${E}`, 'giu'), score: 0.85 },
  // February 7, 1974, Jan 5 2024, Tuesday, March 3rd, 2020
  { regex: new RegExp(`${B}${WEEKDAY}${MONTH}\\s${DAY},?\\s${YEAR}${E}`, 'giu'), score: 0.85 },
  // 05-Jan-2024, 5/Jan/24 (logs and forms)
  { regex: new RegExp(`${B}(?:[12]\\d|3[01]|0?[1-9])([-/])${MONTH}\\1(?:\\d{4}|\\d{2})${E}`, 'giu'), score: 0.85 },
  // June 1990
  { regex: new RegExp(`${B}${MONTH},?\\s${YEAR}${E}`, 'giu'), score: 0.5 },
  // 5 June, June 5th (no year: capitalised month only, so "may 5" in prose is not a date)
  { regex: new RegExp(`${B}${DAY}\\s(?:of\\s)?${MONTH_CAP}${E}`, 'gu'), score: 0.4 },
  { regex: new RegExp(`${B}${MONTH_CAP}\\s${DAY}(?![\\p{L}\\p{N}_]|[.,:/-]?\\d)`, 'gu'), score: 0.4 },
  // 10/04/1957, 4/5/99, 23.06.1990, 23-06-1990 (dots and hyphens need a 4-digit year: "1.2.24" is a version)
  {
    regex: /(?<![\p{L}\p{N}_/.:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}_]|[/.:-]\d)/gu,
    score: 0.6,
    check: (m, text) =>
      validDayMonth(Number(m[1]), Number(m[3])) && (m[2] === '/' || m[4]!.length === 4) && !(m[2] === '.' && precededBy(text, m.index, VERSION_BEFORE)),
  },
  // 1976-08-20, 2024/01/05, 2024-01-05T10:30:00Z, 2024-01-05 10:30
  {
    regex: /(?<![\p{L}\p{N}_/.:-])(\d{4})([-/.])(\d{2})\2(\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\p{L}\p{N}_]|[/.:-]\d)/gu,
    score: 0.85,
    check: (m) => Number(m[1]) >= 1000 && Number(m[3]) >= 1 && Number(m[3]) <= 12 && Number(m[4]) >= 1 && Number(m[4]) <= 31,
  },
  // 10:30 AM, 3 p.m.
  {
    regex: /(?<![\p{L}\p{N}_:.])(?:(\d{1,2}):[0-5]\d(?::[0-5]\d)?\s?|(\d{1,2})\s?)(?:[AaPp]\.[Mm]\.|[AaPp][Mm](?![\p{L}\p{N}_]))/gu,
    score: 0.5,
    check: (m) => {
      const h = Number(m[1] ?? m[2]);
      return h >= 1 && h <= 12;
    },
  },
  // 14:05, 09:30:15: alone these are weak (a ratio or a score looks the same), so they need context.
  {
    regex: /(?<![\p{L}\p{N}_:.])([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\p{L}\p{N}_]|[:.]\d|\s?[AaPp]\.?[Mm](?![\p{L}]))/gu,
    score: 0.3,
  },
];

const CONTEXT = ['date', 'time', 'born', 'birth', 'birthday', 'dob', 'expires', 'expiry', 'meeting', 'appointment', 'scheduled', 'arrival', 'departure'];

/**
 * DATE_TIME: written dates in day-month-year and month-day-year order (`23 June 1990`,
 * `February 7, 1974`, optional weekday and ordinal), month and year (`June 1990`), day and month
 * (`June 5`), numeric dates (`10/04/1957`, `23.06.1990`, `05-Jan-2024`, ISO `1976-08-20` with an
 * optional time)
 * and clock times with am/pm. Day and month ranges are checked; version strings such as `1.2.24`
 * are not dates. A bare `14:05` needs a context word (time, meeting...).
 *
 * @example
 * dateTimeRecognizer().analyze('born 23 June 1990', new Set(['DATE_TIME']));
 * // [5, 17) "23 June 1990" (0.85) plus the contained candidates "June 1990" and "23 June",
 * // which the analyzer's overlap resolution removes
 * analyze('born 23 June 1990'); // [{ entityType: 'DATE_TIME', start: 5, end: 17, score: 1, ... }]
 */
export function dateTimeRecognizer(): Recognizer {
  return {
    name: 'DateRecognizer',
    supportedEntities: ['DATE_TIME'],
    context: CONTEXT,
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('DATE_TIME')) return [];
      const out: RecognizerResult[] = [];
      for (const p of PATTERNS) {
        p.regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.regex.exec(text)) !== null) {
          if (p.check && !p.check(m, text)) {
            p.regex.lastIndex = m.index + 1;
            continue;
          }
          out.push({ entityType: 'DATE_TIME', start: m.index, end: m.index + m[0].length, score: p.score, recognizer: 'DateRecognizer' });
        }
      }
      return out;
    },
  };
}
