/**
 * N:M semi-structured sparsity (NVIDIA's 2:4, TF-MOT's `sparsity_m_by_n`): in every group of M
 * consecutive weights along the input-channel axis, only the N largest magnitudes stay.
 */
import { checkNumber, fail, numel, show } from '../internal/errors.js';

/**
 * The axis N:M groups run along: the input-channel axis of a kernel (axis 0 of a Dense kernel
 * `[in, units]`, axis 2 of a Conv2D kernel `[kh, kw, in, filters]`), i.e. `rank - 2`.
 *
 * @example
 * ```ts
 * nmAxis([3, 3, 16, 32]); // 2
 * ```
 */
export function nmAxis(shape: readonly number[]): number {
  if (shape.length < 2) fail('nmAxis', 'shape', 'have rank >= 2 (a kernel)', `[${shape.join(', ')}]`);
  return shape.length - 2;
}

/**
 * A 0/1 mask with at most `n` non-zeros in every group of `m` consecutive elements along the
 * input-channel axis (for each position of the other axes). A trailing group shorter than `m`
 * keeps its `n` largest. Ties go to the lower index.
 *
 * @example
 * ```ts
 * nmMask([1, -4, 3, 2], [4, 1], 2, 4); // Uint8Array [0, 1, 1, 0]
 * ```
 */
export function nmMask(values: ArrayLike<number>, shape: readonly number[], n: number, m: number): Uint8Array {
  const fn = 'nmMask';
  const mm = checkNumber(fn, 'm', m, { min: 1, integer: true });
  const nn = checkNumber(fn, 'n', n, { min: 1, max: mm - 1, integer: true });
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(fn, 'shape', 'be an array of non-negative integers', show(shape));
  const size = numel(shape);
  if (values?.length !== size) fail(fn, 'values', `hold ${size} numbers for shape [${shape.join(', ')}]`, show(values?.length));
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(values[i])) fail(fn, 'values', 'be finite', `${show(values[i])} at index ${i}`);
  }
  const axis = nmAxis(shape);
  const len = shape[axis] as number;
  const inner = numel(shape.slice(axis + 1));
  const outer = numel(shape.slice(0, axis));
  const mask = new Uint8Array(size);
  const idx: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      for (let g = 0; g < len; g += mm) {
        idx.length = 0;
        for (let c = g; c < Math.min(g + mm, len); c++) idx.push((o * len + c) * inner + j);
        idx.sort((a, b) => Math.abs(values[b] as number) - Math.abs(values[a] as number) || a - b);
        for (let k = 0; k < Math.min(nn, idx.length); k++) mask[idx[k] as number] = 1;
      }
    }
  }
  return mask;
}
