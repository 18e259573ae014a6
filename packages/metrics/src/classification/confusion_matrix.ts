import type { Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';

/**
 * How {@link confusionMatrix} normalises counts.
 *
 * @example
 * ```ts
 * const normalize: ConfusionNormalize = 'pred';
 * ```
 */
export type ConfusionNormalize = 'true' | 'pred' | 'all';

/**
 * Options for {@link confusionMatrix}.
 *
 * @example
 * ```ts
 * confusionMatrix(yTrue, yPred, { numClasses: 3, normalize: 'true' });
 * ```
 */
export interface ConfusionMatrixOptions {
  /**
   * Classes are `0 .. numClasses - 1` (labels outside throw). Without it the classes are the
   * sorted labels present in `yTrue` or `yPred`, as in scikit-learn.
   */
  numClasses?: number;
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 becomes 0. */
  normalize?: ConfusionNormalize;
}

/**
 * Normalises a row-major `k x k` count matrix in place of a copy, the way scikit-learn does
 * (`cm / cm.sum(axis=1, keepdims=True)` etc., then NaN from empty rows replaced by 0).
 */
export function normalizeConfusion(cm: Float64Array, k: number, normalize: ConfusionNormalize | undefined): Float64Array {
  if (normalize === undefined) return Float64Array.from(cm);
  const out = new Float64Array(k * k);
  if (normalize === 'all') {
    let total = 0;
    for (let i = 0; i < cm.length; i++) total += cm[i] as number;
    for (let i = 0; i < cm.length; i++) out[i] = total === 0 ? 0 : (cm[i] as number) / total;
    return out;
  }
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += (normalize === 'true' ? cm[i * k + j] : cm[j * k + i]) as number;
    for (let j = 0; j < k; j++) {
      const idx = normalize === 'true' ? i * k + j : j * k + i;
      out[idx] = s === 0 ? 0 : (cm[idx] as number) / s;
    }
  }
  return out;
}

/** Checks the `normalize` option. */
export function checkNormalize(fn: string, normalize: unknown): ConfusionNormalize | undefined {
  if (normalize === undefined || normalize === 'true' || normalize === 'pred' || normalize === 'all') return normalize;
  return fail(fn, 'options.normalize', "be 'true', 'pred', 'all' or undefined", show(normalize));
}

/** Row-major flat matrix to rows. */
export function toRows(cm: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from(cm.subarray(i * k, (i + 1) * k)));
}

/**
 * Confusion matrix: entry `[i][j]` counts samples of true class `i` predicted as class `j`
 * (scikit-learn's `confusion_matrix`). Rows and columns follow the sorted class labels.
 *
 * @example
 * ```ts
 * confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * confusionMatrix([0, 1], [0, 0], { numClasses: 3, normalize: 'true' });
 * // [[1, 0, 0], [1, 0, 0], [0, 0, 0]]
 * ```
 */
export function confusionMatrix(yTrue: Vector, yPred: Vector, options: ConfusionMatrixOptions = {}): number[][] {
  const fn = 'confusionMatrix';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const normalize = checkNormalize(fn, options.normalize);
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  return toRows(normalizeConfusion(countConfusion(enc.yTrue, enc.yPred, k), k, normalize), k);
}
