import type { Matrix, Vector } from '../types.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { checkLabelRange, resolvePosLabel } from '../internal/labels.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';
import { checkTolerance, readProbabilities, type ProbabilityInput } from '../internal/probabilities.js';

/**
 * Options for {@link brierScore}.
 *
 * @example
 * ```ts
 * brierScore([1, 2, 2], [0.1, 0.8, 0.6], { posLabel: 2 });
 * ```
 */
export interface BrierScoreOptions {
  /** The positive class for 1-D probabilities. Default 1. */
  posLabel?: number;
  /** Allowed `|sum(row) - 1|` for 2-D probabilities. Default 1e-6. */
  tolerance?: number;
}

/** Per-sample squared errors of the probabilities. */
export function brierTerms(fn: string, t: Float64Array, prob: ProbabilityInput, posLabel: number | undefined): Float64Array {
  const n = t.length;
  const out = new Float64Array(n);
  if (prob.kind === 'binary') {
    const pos = resolvePosLabel(fn, t, posLabel);
    for (let i = 0; i < n; i++) {
      const d = (t[i] === pos ? 1 : 0) - (prob.p[i] as number);
      out[i] = d * d;
    }
    return out;
  }
  const { data, cols } = prob.m;
  checkLabelRange(fn, 'yTrue', t, cols);
  const row = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) {
      const d = (t[i] === j ? 1 : 0) - (data[i * cols + j] as number);
      row[j] = d * d;
    }
    out[i] = pairwiseSum(row);
  }
  return out;
}

/**
 * Brier score: the mean squared difference between predicted probability and outcome
 * (scikit-learn's `brier_score_loss`). 1-D `yProb` is the probability of `posLabel`; a
 * `[n, numClasses]` matrix gives the multiclass Brier score (sum over classes, as in
 * scikit-learn 1.7+), column `c` being class `c`.
 *
 * @example
 * ```ts
 * brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 * ```
 */
export function brierScore(yTrue: Vector, yProb: Vector | Matrix, options: BrierScoreOptions = {}): number {
  const fn = 'brierScore';
  const tol = checkTolerance(fn, options.tolerance);
  const t = readLabels(yTrue, fn, 'yTrue');
  const prob = readProbabilities(fn, 'yProb', yProb, tol);
  checkSameLength(fn, 'yTrue', t.length, 'yProb', prob.kind === 'binary' ? prob.p.length : prob.m.rows);
  const terms = brierTerms(fn, t, prob, options.posLabel);
  return pairwiseSum(terms) / terms.length;
}
