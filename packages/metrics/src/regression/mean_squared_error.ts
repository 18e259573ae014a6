import type { Vector } from '../types.js';
import { npMean } from '../internal/pairwise_sum.js';
import { readRegression } from '../internal/regression_inputs.js';

/** Squared errors `(yTrue - yPred)^2`. */
export function squaredErrors(t: Float64Array, p: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const d = (t[i] as number) - (p[i] as number);
    out[i] = d * d;
  }
  return out;
}

/**
 * Mean squared error (scikit-learn's `mean_squared_error`).
 *
 * @example
 * ```ts
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 * ```
 */
export function meanSquaredError(yTrue: Vector, yPred: Vector): number {
  const { t, p } = readRegression('meanSquaredError', yTrue, yPred);
  return npMean(squaredErrors(t, p));
}
