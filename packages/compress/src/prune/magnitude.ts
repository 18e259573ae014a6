/**
 * Magnitude masks: keep the largest |w|, zero the rest. The count kept is TF-MOT's,
 * `max(round(n * (1 - sparsity)), 1)`, and exactly that many are kept (ties go to the lower
 * index), so the sparsity reached is the one asked for up to rounding.
 */
import { checkNumber, fail, show } from '../internal/errors.js';

/**
 * Checks a pruning target: a sparsity in [0, 1) (1 would remove every weight).
 *
 * @example
 * ```ts
 * checkSparsity('pruneLowMagnitude', 'options.sparsity', 1); // throws "... must be a finite number in [0, 1); got 1"
 * ```
 */
export function checkSparsity(fn: string, arg: string, value: unknown): number {
  return checkNumber(fn, arg, value, { min: 0, max: 1, exclusiveMax: true });
}

function checkValues(fn: string, arg: string, values: ArrayLike<number>): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') fail(fn, arg, 'be an array or typed array of numbers', show(values));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, arg, 'hold finite numbers (magnitudes of NaN cannot be ranked)', `${show(v)} at index ${i}`);
  }
}

/** Marks the `keep` largest magnitudes among `values` (flat index order breaks ties). */
function keepLargest(values: ArrayLike<number>, keep: number): Uint8Array {
  const n = values.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => Math.abs(values[b] as number) - Math.abs(values[a] as number) || a - b);
  const mask = new Uint8Array(n);
  for (let i = 0; i < Math.min(keep, n); i++) mask[order[i] as number] = 1;
  return mask;
}

/**
 * TF-MOT's number of weights kept at a sparsity: `max(round(n * (1 - s)), 1)`.
 *
 * @example
 * ```ts
 * keptCount(144, 0.8); // 29
 * ```
 */
export function keptCount(n: number, sparsity: number): number {
  return n === 0 ? 0 : Math.max(Math.round(n * (1 - sparsity)), 1);
}

/**
 * A 0/1 mask keeping the largest-magnitude values of one tensor at the given sparsity.
 *
 * @example
 * ```ts
 * magnitudeMask([0.1, -3, 0.5, 2], 0.5); // Uint8Array [0, 1, 0, 1]
 * ```
 */
export function magnitudeMask(values: ArrayLike<number>, sparsity: number): Uint8Array {
  const fn = 'magnitudeMask';
  checkValues(fn, 'values', values);
  const s = checkSparsity(fn, 'sparsity', sparsity);
  return keepLargest(values, keptCount(values.length, s));
}

/**
 * Masks for several tensors ranked together (PyTorch `global_unstructured`): one magnitude
 * threshold for all, so layers with small weights lose more of them.
 *
 * @example
 * ```ts
 * const [a, b] = globalMagnitudeMasks([[0.1, 0.2], [5, 6]], 0.5); // a = [0, 0], b = [1, 1]
 * ```
 */
export function globalMagnitudeMasks(tensors: readonly ArrayLike<number>[], sparsity: number): Uint8Array[] {
  const fn = 'globalMagnitudeMasks';
  if (!Array.isArray(tensors)) fail(fn, 'tensors', 'be an array of value arrays', show(tensors));
  tensors.forEach((t, i) => checkValues(fn, `tensors[${i}]`, t));
  const s = checkSparsity(fn, 'sparsity', sparsity);
  const total = tensors.reduce((n, t) => n + t.length, 0);
  const all = new Float64Array(total);
  let at = 0;
  for (const t of tensors) {
    for (let i = 0; i < t.length; i++) all[at + i] = t[i] as number;
    at += t.length;
  }
  const flat = keepLargest(all, keptCount(total, s));
  const out: Uint8Array[] = [];
  at = 0;
  for (const t of tensors) {
    out.push(flat.slice(at, at + t.length));
    at += t.length;
  }
  return out;
}
