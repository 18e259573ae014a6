import type { RecognizerResult } from '../types.js';

/**
 * Options of context-aware score enhancement (Presidio's `LemmaContextAwareEnhancer` defaults:
 * +0.35, at least 0.4, five words before the entity, none after).
 *
 * @example
 * const opts: ContextOptions = { similarityFactor: 0.35, minScoreWithContext: 0.4, prefixCount: 5, suffixCount: 0 };
 */
export interface ContextOptions {
  similarityFactor?: number;
  minScoreWithContext?: number;
  prefixCount?: number;
  suffixCount?: number;
}

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

interface WordIndex {
  starts: Int32Array;
  ends: Int32Array;
  lower: string[];
}

let cachedText: string | undefined;
let cachedIndex: WordIndex | undefined;

/** Word positions of `text`, computed once per text (every recognizer's results share it). */
function wordIndex(text: string): WordIndex {
  if (text === cachedText && cachedIndex) return cachedIndex;
  const starts: number[] = [];
  const ends: number[] = [];
  const lower: string[] = [];
  for (const m of text.matchAll(WORD)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    lower.push(m[0].toLowerCase());
  }
  cachedIndex = { starts: Int32Array.from(starts), ends: Int32Array.from(ends), lower };
  cachedText = text;
  return cachedIndex;
}

/** Index of the first word that ends after `pos` (binary search). */
function firstWordEndingAfter(index: WordIndex, pos: number): number {
  let lo = 0;
  let hi = index.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.ends[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function supports(word: string, contextWord: string): boolean {
  // Presidio matches a context word as a substring of a nearby word ("phone" in "telephone");
  // short context words ("cc", "ip") must match a whole word or its start, or they fire everywhere.
  if (contextWord.length >= 4) return word.includes(contextWord);
  return word === contextWord || (word.startsWith(contextWord) && word.length <= contextWord.length + 2);
}

/**
 * Raises the score of each result that has one of `contextWords` among the words around it.
 * Returns new result objects; the input is not changed.
 *
 * @example
 * const [r] = enhanceWithContext('my ssn is 609649502', [{ entityType: 'US_SSN', start: 10, end: 19, score: 0.05, recognizer: 'x' }], ['ssn']);
 * // r.score === 0.4
 */
export function enhanceWithContext(
  text: string,
  results: readonly RecognizerResult[],
  contextWords: readonly string[],
  options: ContextOptions = {},
): RecognizerResult[] {
  const factor = options.similarityFactor ?? 0.35;
  const minScore = options.minScoreWithContext ?? 0.4;
  const prefixCount = options.prefixCount ?? 5;
  const suffixCount = options.suffixCount ?? 0;
  if (contextWords.length === 0) return results.map((r) => ({ ...r }));
  const lowered = contextWords.map((w) => w.toLowerCase());
  const index = wordIndex(text);
  const memo = new Map<string, boolean>();
  const isSupportive = (word: string): boolean => {
    let v = memo.get(word);
    if (v === undefined) {
      v = lowered.some((c) => supports(word, c));
      memo.set(word, v);
    }
    return v;
  };
  return results.map((r) => {
    // Words entirely before the entity, then words entirely after it.
    const firstInside = firstWordEndingAfter(index, r.start);
    let found = false;
    for (let w = firstInside - 1; w >= Math.max(0, firstInside - prefixCount) && !found; w--) found = isSupportive(index.lower[w]!);
    if (!found && suffixCount > 0) {
      let w = firstWordEndingAfter(index, r.end - 1);
      while (w < index.starts.length && index.starts[w]! < r.end) w++;
      for (let n = 0; n < suffixCount && w < index.starts.length && !found; n++, w++) found = isSupportive(index.lower[w]!);
    }
    if (!found) return { ...r };
    return { ...r, score: Math.min(1, Math.max(minScore, r.score + factor)) };
  });
}
