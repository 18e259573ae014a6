import type { Vector } from '../types.js';
import { npMean } from '../internal/pairwise_sum.js';
import { assembleScore, readRegression } from '../internal/regression_inputs.js';
import type { R2Options } from './r2_score.js';

/** Population variance `mean((x - mean(x))^2)` in NumPy's order. */
export function variance(x: Float64Array): number {
  const m = npMean(x);
  const sq = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - m;
    sq[i] = d * d;
  }
  return npMean(sq);
}

/**
 * Explained variance: `1 - Var(yTrue - yPred) / Var(yTrue)` (scikit-learn's
 * `explained_variance_score`). Unlike R^2 it ignores a constant bias in the predictions.
 *
 * @example
 * ```ts
 * explainedVariance([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9571...
 * ```
 */
export function explainedVariance(yTrue: Vector, yPred: Vector, options: R2Options = {}): number {
  const { t, p } = readRegression('explainedVariance', yTrue, yPred);
  const diff = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) diff[i] = (t[i] as number) - (p[i] as number);
  return assembleScore(variance(diff), variance(t), options.forceFinite !== false);
}
