import { checkInteger } from '../internal/inputs.js';
import { checkSplits, foldFromTest, shuffleRng, type Fold, type ShuffleOptions } from './fold.js';

/**
 * K-fold cross-validation splits with scikit-learn's `KFold` assignment: consecutive test
 * blocks, the first `n % k` folds one sample larger. With `shuffle`, indices are permuted first
 * (test indices then come in shuffled order, as in scikit-learn; train indices are ascending).
 *
 * @example
 * ```ts
 * kFold(5, 2).map((f) => f.test); // [[0, 1, 2], [3, 4]]
 * kFold(100, 5, { shuffle: true, seed: 7 });
 * ```
 */
export function kFold(n: number, k = 5, options: ShuffleOptions = {}): Fold[] {
  const fn = 'kFold';
  checkInteger(fn, 'n', n, 1);
  checkSplits(fn, k, n);
  const indices = Array.from({ length: n }, (_, i) => i);
  shuffleRng(fn, options)?.shuffle(indices);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    folds.push(foldFromTest(n, indices.slice(start, start + size)));
    start += size;
  }
  return folds;
}
