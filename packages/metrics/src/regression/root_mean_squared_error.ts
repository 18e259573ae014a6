import type { Vector } from '../types.js';
import { npMean } from '../internal/pairwise_sum.js';
import { readRegression } from '../internal/regression_inputs.js';
import { squaredErrors } from './mean_squared_error.js';

/**
 * Root mean squared error: `sqrt(meanSquaredError)` (scikit-learn's
 * `mean_squared_error(squared=False)`), in the units of the target.
 *
 * @example
 * ```ts
 * rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6123...
 * ```
 */
export function rootMeanSquaredError(yTrue: Vector, yPred: Vector): number {
  const { t, p } = readRegression('rootMeanSquaredError', yTrue, yPred);
  return Math.sqrt(npMean(squaredErrors(t, p)));
}
