import type { Matrix, Vector } from '../types.js';
import { fail, show, showList } from '../internal/errors.js';
import { checkInteger, checkSameLength, isTwoDimensional, readLabels, readMatrix, readVector } from '../internal/inputs.js';
import { checkLabelRange, uniqueSorted } from '../internal/labels.js';

/**
 * Options for {@link topKAccuracy}.
 *
 * @example
 * ```ts
 * topKAccuracy(yTrue, yProb, 5, { normalize: false }); // hit count
 * ```
 */
export interface TopKAccuracyOptions {
  /** `false` returns the number of hits instead of the fraction. Default true. */
  normalize?: boolean;
}

/**
 * Whether the true class `t` is among the `k` highest of `row[0 .. cols)`. Ties rank the
 * higher column first, the order scikit-learn's reversed stable argsort gives.
 */
export function inTopK(row: Float64Array, offset: number, cols: number, t: number, k: number): boolean {
  const st = row[offset + t] as number;
  let ahead = 0;
  for (let j = 0; j < cols; j++) {
    const s = row[offset + j] as number;
    if (s > st || (s === st && j > t)) {
      ahead++;
      if (ahead >= k) return false;
    }
  }
  return true;
}

/**
 * Top-k accuracy: the fraction of samples whose true class is among the `k` highest scores
 * (scikit-learn's `top_k_accuracy_score`). `yScore` is `[n, numClasses]` with column `c` scoring
 * class `c`, so labels are integers in `[0, numClasses)`. A 1-D `yScore` is the binary case
 * (positive-class score; labels 0/1).
 *
 * @example
 * ```ts
 * topKAccuracy([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]], 2); // 0.75
 * ```
 */
export function topKAccuracy(yTrue: Vector, yScore: Matrix | Vector, k: number, options: TopKAccuracyOptions = {}): number {
  const fn = 'topKAccuracy';
  checkInteger(fn, 'k', k, 1);
  const t = readLabels(yTrue, fn, 'yTrue');
  let hits = 0;
  if (isTwoDimensional(yScore, fn, 'yScore')) {
    const m = readMatrix(yScore as Matrix, fn, 'yScore');
    checkSameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
    checkLabelRange(fn, 'yTrue', t, m.cols);
    for (let i = 0; i < m.rows; i++) if (inTopK(m.data, i * m.cols, m.cols, t[i] as number, k)) hits++;
  } else {
    const s = readVector(yScore as Vector, fn, 'yScore');
    checkSameLength(fn, 'yTrue', t.length, 'yScore', s.length);
    const labels = uniqueSorted(t);
    if (labels.length > 2) {
      fail(fn, 'yScore', `be 2-D [n, numClasses] when yTrue has more than 2 classes`, `1-D scores with classes ${showList(labels)}`);
    }
    if (k >= 2) {
      hits = t.length; // with two classes, the top 2 always contain the truth
    } else {
      // Binary case as in scikit-learn: threshold probabilities at 0.5, other scores at 0.
      let min = Infinity;
      let max = -Infinity;
      for (const v of s) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const threshold = min >= 0 && max <= 1 ? 0.5 : 0;
      const pos = labels.length === 2 ? (labels[1] as number) : 1;
      if (labels.length === 2 || labels[0] === 0 || labels[0] === 1) {
        for (let i = 0; i < t.length; i++) if ((s[i] as number) > threshold === (t[i] === pos)) hits++;
      } else {
        fail(fn, 'yTrue', 'hold labels 0/1 (or two classes) for 1-D scores', show(labels));
      }
    }
  }
  return options.normalize === false ? hits : hits / t.length;
}
