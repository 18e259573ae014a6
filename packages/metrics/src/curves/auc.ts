import type { Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { checkSameLength, readVector } from '../internal/inputs.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';

/** Trapezoid area in NumPy's `trapz` order: `sum(dx * (y[i+1] + y[i]) / 2)`, summed pairwise. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const parts = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i < n - 1; i++) {
    parts[i] = (((x[i + 1] as number) - (x[i] as number)) * ((y[i + 1] as number) + (y[i] as number))) / 2;
  }
  return pairwiseSum(parts);
}

/**
 * Area under a curve given by points `(x[i], y[i])`, with the trapezoidal rule
 * (scikit-learn's `auc`). `x` must be monotonic (increasing or decreasing).
 *
 * @example
 * ```ts
 * auc([0, 0.5, 1], [0, 0.75, 1]); // 0.625
 * ```
 */
export function auc(x: Vector, y: Vector): number {
  const fn = 'auc';
  const xs = readVector(x, fn, 'x');
  const ys = readVector(y, fn, 'y');
  checkSameLength(fn, 'x', xs.length, 'y', ys.length);
  if (xs.length < 2) fail(fn, 'x', 'have at least 2 points to compute an area', `${xs.length}`);
  let direction = 1;
  let anyNeg = false;
  let allNonPos = true;
  for (let i = 0; i < xs.length - 1; i++) {
    const d = (xs[i + 1] as number) - (xs[i] as number);
    if (d < 0) anyNeg = true;
    if (d > 0) allNonPos = false;
  }
  if (anyNeg) {
    if (!allNonPos) fail(fn, 'x', 'be monotonic increasing or decreasing', 'values that go both ways');
    direction = -1;
  }
  return direction * trapezoid(xs, ys);
}
