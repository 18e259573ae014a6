import type { Vector } from '../types.js';
import { readRegression } from '../internal/regression_inputs.js';
import { absoluteErrors } from './mean_absolute_error.js';

/** The median of `values` (mean of the two middle values for an even count, like `np.median`). */
export function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Median absolute error, robust to outliers (scikit-learn's `median_absolute_error`).
 *
 * @example
 * ```ts
 * medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 * ```
 */
export function medianAbsoluteError(yTrue: Vector, yPred: Vector): number {
  const { t, p } = readRegression('medianAbsoluteError', yTrue, yPred);
  return median(absoluteErrors(t, p));
}
