import type { Vector } from '../types.js';
import { npMean } from '../internal/pairwise_sum.js';
import { readRegression } from '../internal/regression_inputs.js';

/** Absolute errors `|yPred - yTrue|`. */
export function absoluteErrors(t: Float64Array, p: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = Math.abs((p[i] as number) - (t[i] as number));
  return out;
}

/**
 * Mean absolute error (scikit-learn's `mean_absolute_error`).
 *
 * @example
 * ```ts
 * meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 * ```
 */
export function meanAbsoluteError(yTrue: Vector, yPred: Vector): number {
  const { t, p } = readRegression('meanAbsoluteError', yTrue, yPred);
  return npMean(absoluteErrors(t, p));
}
