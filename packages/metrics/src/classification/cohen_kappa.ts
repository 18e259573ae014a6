import type { Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';

/**
 * Disagreement weights for {@link cohenKappa}.
 *
 * @example
 * ```ts
 * const weights: KappaWeights = 'linear';
 * ```
 */
export type KappaWeights = 'linear' | 'quadratic';

/**
 * Options for {@link cohenKappa}.
 *
 * @example
 * ```ts
 * cohenKappa(rater1, rater2, { weights: 'quadratic' });
 * ```
 */
export interface CohenKappaOptions {
  /** When set, every label must be an integer in `[0, numClasses)`. */
  numClasses?: number;
  /** Weighted kappa: penalise disagreements by class distance (`|i - j|` or `(i - j)^2`). */
  weights?: KappaWeights;
}

/** Checks the `weights` option. */
export function checkKappaWeights(fn: string, w: unknown): KappaWeights | undefined {
  if (w === undefined || w === 'linear' || w === 'quadratic') return w;
  return fail(fn, 'options.weights', "be 'linear', 'quadratic' or undefined", show(w));
}

/** Cohen's kappa from a row-major confusion matrix. */
export function kappaFromConfusion(cm: Float64Array, k: number, weights: KappaWeights | undefined): number {
  const sum0 = new Float64Array(k); // column sums (predicted)
  const sum1 = new Float64Array(k); // row sums (true)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = cm[i * k + j] as number;
      sum0[j] = (sum0[j] as number) + c;
      sum1[i] = (sum1[i] as number) + c;
    }
  }
  const total = pairwiseSum(sum0);
  const weight = (i: number, j: number): number =>
    weights === undefined ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) * (i - j);
  // Element-wise products summed over the flattened matrix, in NumPy's order.
  const observed = new Float64Array(k * k);
  const expected = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weight(i, j);
      observed[i * k + j] = w * (cm[i * k + j] as number);
      expected[i * k + j] = w * (((sum0[i] as number) * (sum1[j] as number)) / total);
    }
  }
  return 1 - pairwiseSum(observed) / pairwiseSum(expected);
}

/**
 * Cohen's kappa: agreement between two labelings corrected for chance
 * (scikit-learn's `cohen_kappa_score`), optionally weighted.
 *
 * @example
 * ```ts
 * cohenKappa([0, 1, 1, 0], [0, 1, 0, 0]); // 0.5
 * cohenKappa([0, 1, 2, 2], [0, 2, 2, 1], { weights: 'quadratic' });
 * ```
 */
export function cohenKappa(yTrue: Vector, yPred: Vector, options: CohenKappaOptions = {}): number {
  const fn = 'cohenKappa';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const weights = checkKappaWeights(fn, options.weights);
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  return kappaFromConfusion(countConfusion(enc.yTrue, enc.yPred, k), k, weights);
}
