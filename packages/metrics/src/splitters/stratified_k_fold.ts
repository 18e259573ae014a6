import type { Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { checkSplits, foldFromTest, readKeys, shuffleRng, type Fold, type ShuffleOptions } from './fold.js';

/**
 * Stratified k-fold splits with scikit-learn 1.2's `StratifiedKFold` assignment: classes are
 * numbered by first appearance, the class-sorted samples are dealt round-robin to folds to size
 * each fold's share of every class, and each class then fills folds in blocks, in data order.
 * Test and train indices are ascending.
 *
 * @example
 * ```ts
 * stratifiedKFold([0, 0, 0, 1, 1, 1], 3).map((f) => f.test); // [[0, 3], [1, 4], [2, 5]]
 * ```
 */
export function stratifiedKFold(y: Vector | readonly (string | number)[], k = 5, options: ShuffleOptions = {}): Fold[] {
  const fn = 'stratifiedKFold';
  const keys = readKeys(fn, 'y', y);
  const n = keys.length;
  if (n === 0) fail(fn, 'y', 'not be empty', '0 samples');
  checkSplits(fn, k, n);
  // Classes by order of first appearance.
  const classOf = new Map<string | number, number>();
  const encoded = new Int32Array(n);
  keys.forEach((key, i) => {
    let c = classOf.get(key);
    if (c === undefined) {
      c = classOf.size;
      classOf.set(key, c);
    }
    encoded[i] = c;
  });
  const nClasses = classOf.size;
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of encoded) counts[c] = (counts[c] as number) + 1;
  if (counts.every((c) => k > c)) {
    fail(fn, 'k', `be at most the size of the largest class (${Math.max(...counts)})`, `${k}`);
  }
  // allocation[f][c]: samples of class c in fold f, from dealing the class-sorted labels
  // round-robin (sample j of the sorted list goes to fold j % k).
  const allocation = Array.from({ length: k }, () => new Array<number>(nClasses).fill(0));
  let j = 0;
  for (let c = 0; c < nClasses; c++) {
    for (let r = 0; r < (counts[c] as number); r++, j++) {
      const row = allocation[j % k] as number[];
      row[c] = (row[c] as number) + 1;
    }
  }
  const rng = shuffleRng(fn, options);
  const testFold = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    const foldsForClass: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < ((allocation[f] as number[])[c] as number); r++) foldsForClass.push(f);
    rng?.shuffle(foldsForClass);
    let next = 0;
    for (let i = 0; i < n; i++) if (encoded[i] === c) testFold[i] = foldsForClass[next++] as number;
  }
  const tests: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (tests[testFold[i] as number] as number[]).push(i);
  return tests.map((test) => foldFromTest(n, test));
}
