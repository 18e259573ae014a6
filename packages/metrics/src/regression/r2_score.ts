import type { Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { npMean, pairwiseSum } from '../internal/pairwise_sum.js';
import { assembleScore, readRegression } from '../internal/regression_inputs.js';
import { squaredErrors } from './mean_squared_error.js';

/**
 * Options for {@link r2Score} and {@link explainedVariance}.
 *
 * @example
 * ```ts
 * r2Score([1, 1], [1, 2], { forceFinite: false }); // -Infinity
 * ```
 */
export interface R2Options {
  /**
   * Replace the NaN/-Infinity of a constant `yTrue` by 1 (perfect fit) or 0. Default true,
   * scikit-learn's `force_finite=True`.
   */
  forceFinite?: boolean;
}

/**
 * Coefficient of determination R^2: 1 minus residual over total sum of squares
 * (scikit-learn's `r2_score`). Can be negative for fits worse than the mean.
 *
 * @example
 * ```ts
 * r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486...
 * ```
 */
export function r2Score(yTrue: Vector, yPred: Vector, options: R2Options = {}): number {
  const fn = 'r2Score';
  const { t, p } = readRegression(fn, yTrue, yPred);
  if (t.length < 2) fail(fn, 'yTrue', 'have at least 2 samples (R^2 is undefined for one)', `${t.length}`);
  const numerator = pairwiseSum(squaredErrors(t, p));
  const mean = npMean(t);
  const dev = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const d = (t[i] as number) - mean;
    dev[i] = d * d;
  }
  return assembleScore(numerator, pairwiseSum(dev), options.forceFinite !== false);
}
