/**
 * Probability inputs. Rows of class probabilities must sum to 1 within a tolerance (default
 * 1e-6 per row): scikit-learn 1.2 silently renormalises any row, which hides bugs such as
 * passing logits; we refuse clearly wrong rows and renormalise only the rounding error.
 */
import type { Matrix, Vector } from '../types.js';
import { fail, show } from './errors.js';
import { isTwoDimensional, readMatrix, readVector, type DenseMatrix } from './inputs.js';
import { pairwiseSum } from './pairwise_sum.js';

/** Default per-row tolerance on `|sum(row) - 1|`. */
export const PROBABILITY_TOLERANCE = 1e-6;

/** Checks a tolerance option. */
export function checkTolerance(fn: string, tol: unknown): number {
  if (tol === undefined) return PROBABILITY_TOLERANCE;
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) fail(fn, 'options.tolerance', 'be a finite number >= 0', show(tol));
  return tol;
}

/** Throws unless every value lies in [0, 1]. */
export function checkUnitInterval(fn: string, arg: string, values: Float64Array, cols = 1): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < 0 || v > 1) {
      const where = cols === 1 ? `${arg}[${i}]` : `${arg}[${Math.floor(i / cols)}][${i % cols}]`;
      fail(fn, where, 'be a probability in [0, 1]', show(v));
    }
  }
}

/** Row sums in NumPy's order (`y.sum(axis=1)`). */
export function rowSums(m: DenseMatrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = pairwiseSum(m.data, i * m.cols, m.cols);
  return out;
}

/** Throws unless every value is in [0, 1] and every row sums to 1 within `tol`. */
export function checkProbabilityRows(fn: string, arg: string, m: DenseMatrix, tol: number): void {
  checkUnitInterval(fn, arg, m.data, m.cols);
  const sums = rowSums(m);
  for (let i = 0; i < m.rows; i++) {
    const s = sums[i] as number;
    if (Math.abs(s - 1) > tol) fail(fn, `${arg}[${i}]`, `sum to 1 within ${tol} (a row of class probabilities)`, `sum ${s}`);
  }
}

/** A probability input: one positive-class column (binary) or a matrix of class probabilities. */
export type ProbabilityInput = { kind: 'binary'; p: Float64Array } | { kind: 'multiclass'; m: DenseMatrix };

/**
 * Reads `yProb` as 1-D positive-class probabilities or as a `[n, k]` matrix (rows summing to 1).
 * A `[n, 1]` column counts as 1-D.
 */
export function readProbabilities(fn: string, arg: string, yProb: Vector | Matrix, tol: number): ProbabilityInput {
  if (isTwoDimensional(yProb, fn, arg)) {
    const m = readMatrix(yProb as Matrix, fn, arg);
    checkProbabilityRows(fn, arg, m, tol);
    return { kind: 'multiclass', m };
  }
  const p = readVector(yProb as Vector, fn, arg);
  checkUnitInterval(fn, arg, p);
  return { kind: 'binary', p };
}
