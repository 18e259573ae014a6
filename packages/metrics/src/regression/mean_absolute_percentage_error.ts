import type { Vector } from '../types.js';
import { npMean } from '../internal/pairwise_sum.js';
import { readRegression } from '../internal/regression_inputs.js';

/** Relative errors `|yPred - yTrue| / max(|yTrue|, eps)` with eps the float64 machine epsilon. */
export function percentageErrors(t: Float64Array, p: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const yt = t[i] as number;
    out[i] = Math.abs((p[i] as number) - yt) / Math.max(Math.abs(yt), Number.EPSILON);
  }
  return out;
}

/**
 * Mean absolute percentage error as a fraction, not a percentage (scikit-learn's
 * `mean_absolute_percentage_error`). A zero target divides by the machine epsilon, so the
 * result becomes huge rather than infinite, as in scikit-learn.
 *
 * @example
 * ```ts
 * meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.3273...
 * ```
 */
export function meanAbsolutePercentageError(yTrue: Vector, yPred: Vector): number {
  const { t, p } = readRegression('meanAbsolutePercentageError', yTrue, yPred);
  return npMean(percentageErrors(t, p));
}
