/** Reading a pair of regression targets. */
import type { Vector } from '../types.js';
import { checkSameLength, readVector } from './inputs.js';

/** Reads `yTrue` and `yPred` as equal-length, non-empty, finite float64 arrays. */
export function readRegression(fn: string, yTrue: Vector, yPred: Vector): { t: Float64Array; p: Float64Array } {
  const t = readVector(yTrue, fn, 'yTrue');
  const p = readVector(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  return { t, p };
}

/**
 * scikit-learn's `force_finite` rule for R^2 and explained variance: a perfect fit scores 1, and
 * a constant target that is not fitted exactly scores 0 instead of -Infinity/NaN.
 */
export function assembleScore(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}
