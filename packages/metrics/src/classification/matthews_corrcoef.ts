import type { Vector } from '../types.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';

/**
 * Options for {@link matthewsCorrcoef}.
 *
 * @example
 * ```ts
 * matthewsCorrcoef(yTrue, yPred, { numClasses: 3 });
 * ```
 */
export interface MatthewsCorrcoefOptions {
  /** When set, every label must be an integer in `[0, numClasses)`. */
  numClasses?: number;
}

/** MCC from a row-major confusion matrix (the multiclass R_K statistic). */
export function mccFromConfusion(cm: Float64Array, k: number): number {
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = cm[i * k + j] as number;
      tSum[i] = (tSum[i] as number) + c;
      pSum[j] = (pSum[j] as number) + c;
    }
    correct += cm[i * k + i] as number;
  }
  let n = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    const a = tSum[i] as number;
    const b = pSum[i] as number;
    n += b;
    tp += a * b;
    pp += b * b;
    tt += a * a;
  }
  // All terms are integers below 2^53 for any realistic n, so these are exact, as in NumPy.
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/**
 * Matthews correlation coefficient, binary or multiclass (scikit-learn's `matthews_corrcoef`).
 * Returns 0 when either the truth or the prediction has a single class.
 *
 * @example
 * ```ts
 * matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]); // -0.333...
 * ```
 */
export function matthewsCorrcoef(yTrue: Vector, yPred: Vector, options: MatthewsCorrcoefOptions = {}): number {
  const fn = 'matthewsCorrcoef';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  return mccFromConfusion(countConfusion(enc.yTrue, enc.yPred, k), k);
}
