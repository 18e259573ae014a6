// A shared, linear-time tokenizer for number-like runs ("+44 20 4517 1614", "(333) 956-4056",
// "5108-2462-8194-8215"). Phone, card and SSN recognizers judge the runs' group structure instead
// of running their own backtracking regexes, which keeps all three linear on adversarial input.

/** One group of digits inside a run, with the separator that precedes it. */
export interface DigitGroup {
  /** Span of the group including its parentheses, if any. */
  start: number;
  end: number;
  /** The digits alone. */
  digits: string;
  paren: boolean;
  /** Separator before this group: '' for the first group or a group glued to a parenthesis. */
  sep: '' | ' ' | '-' | '.';
}

/** A maximal run of digit groups, optionally starting with '+'. */
export interface DigitRun {
  start: number;
  end: number;
  plus: boolean;
  groups: DigitGroup[];
  /** The run touches a word character or a symbol on its left ("v8.9", "#7624039", "$12"). */
  attachedLeft: boolean;
  /** The run touches a word character on its right, or continues as a decimal/time/ratio. */
  attachedRight: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const WORDISH = /[\p{L}\p{M}\p{N}_]/u;
const isWordish = (c: string | undefined): boolean => c !== undefined && WORDISH.test(c);
const LEFT_SYMBOLS = new Set(['#', '$', '€', '£', '¥', '%', '&', '@', '/', '\\', '+', '*', '^', '~']);
const LEFT_JOINERS = new Set(['.', ',', '-', '/']);
const RIGHT_SYMBOLS = new Set(['%', '@', '/', '\\']);
const RIGHT_JOINERS = new Set(['.', ',', ':', '-', '/']);
const START = /[+(]?\d/g;

function attachedLeft(text: string, p: number): boolean {
  const prev = text[p - 1];
  if (prev === undefined) return false;
  if (isWordish(prev) || LEFT_SYMBOLS.has(prev)) return true;
  return LEFT_JOINERS.has(prev) && isWordish(text[p - 2]);
}

function attachedRight(text: string, e: number): boolean {
  const next = text[e];
  if (next === undefined) return false;
  if (isWordish(next) || RIGHT_SYMBOLS.has(next)) return true;
  return RIGHT_JOINERS.has(next) && isDigit(text[e + 1]);
}

let cachedText: string | undefined;
let cachedRuns: DigitRun[] = [];

/**
 * Splits `text` into digit runs in one left-to-right pass. The last result is cached: the phone,
 * card and SSN recognizers scan the same text in a row.
 */
export function scanDigitRuns(text: string): DigitRun[] {
  if (text === cachedText) return cachedRuns;
  cachedRuns = scan(text);
  cachedText = text;
  return cachedRuns;
}

function scan(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = START.exec(text)) !== null) {
    const runStart = m.index;
    let i = runStart;
    const plus = text[i] === '+';
    if (plus) i++;
    const groups: DigitGroup[] = [];
    let sep: DigitGroup['sep'] = '';
    let lastEnd = i;
    for (;;) {
      const gStart = i;
      let j = i;
      const paren = text[j] === '(';
      if (paren) j++;
      const ds = j;
      while (isDigit(text[j])) j++;
      const de = j;
      if (de === ds) break;
      if (paren) {
        if (text[j] !== ')') break;
        j++;
      }
      groups.push({ start: gStart, end: j, digits: text.slice(ds, de), paren, sep });
      lastEnd = j;
      i = j;
      const c = text[i];
      const next = text[i + 1];
      if ((c === ' ' || c === '-' || c === '.') && (isDigit(next) || next === '(')) {
        sep = c;
        i++;
        continue;
      }
      // "(333)956-4056" and "+44(0)20 ..." glue a parenthesised group to its neighbour.
      if ((paren && isDigit(c)) || (c === '(' && isDigit(next))) {
        sep = '';
        continue;
      }
      break;
    }
    if (groups.length === 0) {
      START.lastIndex = runStart + 1;
      continue;
    }
    const start = plus ? runStart : groups[0]!.start;
    runs.push({
      start,
      end: lastEnd,
      plus,
      groups,
      attachedLeft: attachedLeft(text, start),
      attachedRight: attachedRight(text, lastEnd),
    });
    START.lastIndex = lastEnd;
  }
  return runs;
}

/** A sub-sequence `groups[i..j]` of a run accepted by a recognizer, with its score. */
export interface RunMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * Tries every contiguous slice of each run's groups (longest first from the leftmost group, at most
 * `maxGroups` long) and keeps the ones `judge` accepts, without overlaps. Slices may only be cut at
 * spaces, so "555-123-4567-89" is never read as a phone number inside a longer identifier.
 */
export function matchRuns(
  runs: readonly DigitRun[],
  maxGroups: number,
  digitRange: readonly [number, number],
  judge: (groups: readonly DigitGroup[], plus: boolean) => number,
): RunMatch[] {
  const out: RunMatch[] = [];
  const [minDigits, maxDigits] = digitRange;
  for (const run of runs) {
    const g = run.groups;
    const last = g.length - 1;
    // Prefix sums of digit counts: most slices are rejected on length before being built.
    const prefix = new Int32Array(g.length + 1);
    for (let k = 0; k < g.length; k++) prefix[k + 1] = prefix[k]! + g[k]!.digits.length;
    let i = 0;
    while (i <= last) {
      if (i > 0 && g[i]!.sep !== ' ') {
        i++;
        continue;
      }
      if (i === 0 && run.attachedLeft) {
        i++;
        continue;
      }
      let found = -1;
      let score = 0;
      for (let j = Math.min(last, i + maxGroups - 1); j >= i; j--) {
        if (j < last && g[j + 1]!.sep !== ' ') continue;
        if (j === last && run.attachedRight) continue;
        const total = prefix[j + 1]! - prefix[i]!;
        if (total < minDigits || total > maxDigits) continue;
        const s = judge(g.slice(i, j + 1), i === 0 && run.plus);
        if (s > 0) {
          found = j;
          score = s;
          break;
        }
      }
      if (found >= 0) {
        out.push({ start: i === 0 ? run.start : g[i]!.start, end: g[found]!.end, score });
        i = found + 1;
      } else {
        i++;
      }
    }
  }
  return out;
}
