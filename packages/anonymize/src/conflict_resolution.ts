import { describe } from './internal/describe.js';
import type { RecognizerResult } from './types.js';

/**
 * How overlapping results are resolved.
 * - `merge_similar_or_contained` (Presidio's anonymizer default): results of the same type that
 *   overlap are merged into their union (highest score kept); a result contained in another
 *   (any type) is dropped; of two results with the same span the lower score is dropped.
 *   Partial overlaps between different types remain.
 * - `remove_intersections` (Presidio): as above, then partial overlaps are cut: the higher-score
 *   result keeps the shared characters and the other is shortened.
 * - `exclusive`: as the first, then of two partially overlapping results the one with the higher
 *   score (then the longer, then the earlier) is kept whole and the other dropped. Output spans
 *   never overlap; this is the analyzer's default.
 *
 * @example
 * const strategy: ConflictResolution = 'exclusive';
 */
export type ConflictResolution = 'merge_similar_or_contained' | 'remove_intersections' | 'exclusive';

const STRATEGIES: readonly ConflictResolution[] = ['merge_similar_or_contained', 'remove_intersections', 'exclusive'];

const contains = (outer: RecognizerResult, inner: RecognizerResult): boolean => outer.start <= inner.start && outer.end >= inner.end;
const sameSpan = (a: RecognizerResult, b: RecognizerResult): boolean => a.start === b.start && a.end === b.end;

/**
 * Presidio analyzer's duplicate removal: drops zero scores, exact duplicates, and results contained
 * in a higher-ranked result of the same entity type (ranked by score, then start, then length).
 *
 * @example
 * removeDuplicates([
 *   { entityType: 'URL', start: 0, end: 20, score: 0.8, recognizer: 'a' },
 *   { entityType: 'URL', start: 8, end: 20, score: 0.5, recognizer: 'b' },
 * ]); // keeps only the first
 */
export function removeDuplicates(results: readonly RecognizerResult[]): RecognizerResult[] {
  if (!Array.isArray(results)) throw new Error(`removeDuplicates: results must be an array, got ${describe(results)}`);
  const sorted = [...results].sort((a, b) => b.score - a.score || a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: RecognizerResult[] = [];
  for (const r of sorted) {
    if (r.score <= 0) continue;
    const redundant = kept.some(
      (k) => k.entityType === r.entityType && (contains(k, r) || (sameSpan(k, r) && k.score === r.score)),
    );
    if (!redundant) kept.push({ ...r });
  }
  return kept;
}

function checkResults(caller: string, results: readonly RecognizerResult[]): void {
  if (!Array.isArray(results)) throw new Error(`${caller}: results must be an array, got ${describe(results)}`);
  results.forEach((r, i) => {
    if (!r || typeof r !== 'object') throw new Error(`${caller}: results[${i}] must be an object, got ${describe(r)}`);
    if (typeof r.entityType !== 'string' || r.entityType.length === 0) {
      throw new Error(`${caller}: results[${i}].entityType must be a non-empty string, got ${describe(r.entityType)}`);
    }
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end <= r.start) {
      throw new Error(`${caller}: results[${i}] must have integer 0 <= start < end, got start ${describe(r.start)} and end ${describe(r.end)}`);
    }
    if (typeof r.score !== 'number' || !(r.score >= 0 && r.score <= 1)) {
      throw new Error(`${caller}: results[${i}].score must be a number in [0, 1], got ${describe(r.score)}`);
    }
  });
}

/**
 * Resolves overlapping results as Presidio does (see {@link ConflictResolution}); returns new
 * objects sorted by start.
 *
 * @example
 * resolveConflicts([
 *   { entityType: 'PERSON', start: 0, end: 10, score: 0.8, recognizer: 'a' },
 *   { entityType: 'LOCATION', start: 4, end: 10, score: 0.9, recognizer: 'b' },
 * ]); // the contained LOCATION is dropped
 */
export function resolveConflicts(
  results: readonly RecognizerResult[],
  strategy: ConflictResolution = 'merge_similar_or_contained',
): RecognizerResult[] {
  checkResults('resolveConflicts', results);
  if (!STRATEGIES.includes(strategy)) {
    throw new Error(`resolveConflicts: strategy must be one of ${STRATEGIES.join(', ')}, got ${describe(strategy)}`);
  }
  // 1. Merge intersecting results of the same type into their union (what Presidio's chained
  //    merging produces), in one sorted sweep per type.
  const byType = new Map<string, RecognizerResult[]>();
  for (const r of results) {
    const list = byType.get(r.entityType) ?? [];
    list.push({ ...r });
    byType.set(r.entityType, list);
  }
  const merged: RecognizerResult[] = [];
  for (const list of byType.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let cur: RecognizerResult | undefined;
    for (const r of list) {
      if (cur && r.start < cur.end) {
        cur.end = Math.max(cur.end, r.end);
        if (r.score > cur.score) {
          cur.score = r.score;
          cur.recognizer = r.recognizer;
        }
      } else {
        cur = r;
        merged.push(r);
      }
    }
  }
  // 2. Drop results contained in another (any type), and the lower score of two equal spans:
  //    after sorting by start, then longer first, then higher score, a result is contained
  //    exactly when an earlier one reaches at least as far.
  merged.sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const unique: RecognizerResult[] = [];
  let maxEnd = -1;
  for (const r of merged) {
    if (maxEnd >= r.end) continue;
    maxEnd = r.end;
    unique.push(r);
  }
  if (strategy === 'merge_similar_or_contained') return unique;
  // 3. What is left overlaps only partially, in chains of neighbours; resolve each chain alone.
  const out: RecognizerResult[] = [];
  let chain: RecognizerResult[] = [];
  let chainEnd = -1;
  const flush = (): void => {
    if (chain.length === 1) out.push(chain[0]!);
    else if (chain.length > 1) out.push(...(strategy === 'exclusive' ? keepBest(chain) : trimIntersections(chain)));
    chain = [];
  };
  for (const r of unique) {
    if (r.start >= chainEnd) flush();
    chain.push(r);
    chainEnd = Math.max(chainEnd, r.end);
  }
  flush();
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Highest score wins whole (then the longer, then the earlier); the losers are dropped. The chain
 * has no containment, so its starts and ends both increase and the results overlapping one of them
 * form a contiguous index range; a Fenwick tree over kept indices answers "is any of them kept?"
 * in O(log n), keeping the whole step O(n log n) even for one huge chain.
 */
function keepBest(chain: RecognizerResult[]): RecognizerResult[] {
  const n = chain.length;
  const tree = new Int32Array(n + 1);
  const add = (i: number): void => {
    for (let x = i + 1; x <= n; x += x & -x) tree[x]!++;
  };
  const prefix = (i: number): number => {
    let s = 0;
    for (let x = i; x > 0; x -= x & -x) s += tree[x]!;
    return s;
  };
  const firstEndAfter = (pos: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chain[mid]!.end > pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const lastStartBefore = (pos: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chain[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const order = chain.map((_, i) => i);
  order.sort((a, b) => {
    const x = chain[a]!;
    const y = chain[b]!;
    return y.score - x.score || y.end - y.start - (x.end - x.start) || x.start - y.start;
  });
  const kept: RecognizerResult[] = [];
  for (const i of order) {
    const r = chain[i]!;
    const lo = firstEndAfter(r.start);
    const hi = lastStartBefore(r.end);
    if (prefix(hi + 1) - prefix(lo) === 0) {
      add(i);
      kept.push(r);
    }
  }
  return kept;
}

/** Presidio's remove_intersections: the lower score gives up the shared characters. */
function trimIntersections(chain: RecognizerResult[]): RecognizerResult[] {
  const list = [...chain].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: RecognizerResult[] = [];
  for (const r of list) {
    for (;;) {
      const prev = out[out.length - 1];
      if (!prev || r.start >= prev.end) break;
      if (prev.score >= r.score) {
        r.start = prev.end;
        break;
      }
      prev.end = r.start;
      if (prev.end > prev.start) break;
      out.pop(); // emptied: the result before it may overlap r too
    }
    if (r.end > r.start) out.push(r);
  }
  return out.sort((a, b) => a.start - b.start);
}
