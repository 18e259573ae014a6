import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';
import { checkTolerance, readProbabilities, type ProbabilityInput } from '../internal/probabilities.js';

/**
 * Options for {@link logLoss}.
 *
 * @example
 * ```ts
 * logLoss(yTrue, yProb, { eps: 1e-15, tolerance: 1e-4 });
 * ```
 */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to `[eps, 1 - eps]` before the log. Default `'auto'`: the float64
   * machine epsilon (2.22e-16), which is scikit-learn 1.2's `eps="auto"`.
   */
  eps?: 'auto' | number;
  /** Allowed `|sum(row) - 1|` for 2-D probabilities. Default 1e-6. */
  tolerance?: number;
  /** `false` returns the summed loss instead of the mean. Default true. */
  normalize?: boolean;
}

/** Per-sample negative log-likelihoods, clipped and renormalised like scikit-learn 1.2.1. */
export function logLossTerms(fn: string, t: Float64Array, prob: ProbabilityInput, eps: number): Float64Array {
  const n = t.length;
  const out = new Float64Array(n);
  const hi = 1 - eps;
  const clip = (v: number): number => (v < eps ? eps : v > hi ? hi : v);
  if (prob.kind === 'binary') {
    for (let i = 0; i < n; i++) {
      const label = t[i] as number;
      if (label !== 0 && label !== 1) fail(fn, `yTrue[${i}]`, 'be 0 or 1 when yProb is 1-D (positive-class probability)', show(label));
      const p1 = clip(prob.p[i] as number);
      const p0 = 1 - p1;
      const s = p0 + p1;
      out[i] = -Math.log((label === 1 ? p1 : p0) / s);
    }
    return out;
  }
  const { data, cols } = prob.m;
  checkLabelRange(fn, 'yTrue', t, cols);
  const row = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) row[j] = clip(data[i * cols + j] as number);
    const s = pairwiseSum(row);
    out[i] = -Math.log((row[t[i] as number] as number) / s);
  }
  return out;
}

/** Resolves the `eps` option. */
export function checkEps(fn: string, eps: unknown): number {
  if (eps === undefined || eps === 'auto') return Number.EPSILON;
  if (typeof eps !== 'number' || !(eps >= 0 && eps < 0.5)) fail(fn, 'options.eps', "be 'auto' or a number in [0, 0.5)", show(eps));
  return eps;
}

/**
 * Log loss (cross-entropy) of predicted probabilities (scikit-learn's `log_loss`).
 * `yProb` is 1-D (probability of class 1; labels 0/1) or `[n, numClasses]` with rows summing
 * to 1 (within `tolerance`, default 1e-6); column `c` is class `c`, as if scikit-learn were
 * given `labels=range(numClasses)`.
 *
 * @example
 * ```ts
 * logLoss([0, 1, 1], [0.1, 0.8, 0.6]); // 0.2797...
 * logLoss([0, 2], [[0.9, 0.05, 0.05], [0.1, 0.1, 0.8]]); // 0.1642...
 * ```
 */
export function logLoss(yTrue: Vector, yProb: Vector | Matrix, options: LogLossOptions = {}): number {
  const fn = 'logLoss';
  const eps = checkEps(fn, options.eps);
  const tol = checkTolerance(fn, options.tolerance);
  const t = readLabels(yTrue, fn, 'yTrue');
  const prob = readProbabilities(fn, 'yProb', yProb, tol);
  checkSameLength(fn, 'yTrue', t.length, 'yProb', prob.kind === 'binary' ? prob.p.length : prob.m.rows);
  const terms = logLossTerms(fn, t, prob, eps);
  const total = pairwiseSum(terms);
  return options.normalize === false ? total : total / terms.length;
}
