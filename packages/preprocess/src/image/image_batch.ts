import { tf } from '@tessera/backend';
import { describe } from '../random_source.js';

/** Validates an NHWC float32 batch and returns [n, h, w, c]. */
export function checkImages(images: unknown, where: string): [number, number, number, number] {
  if (!(images instanceof tf.Tensor)) throw new Error(`${where}: images must be a tf.Tensor4D [batch, height, width, channels]; got ${describe(images)}`);
  if (images.isDisposed) throw new Error(`${where}: images was already disposed`);
  if (images.rank !== 4) throw new Error(`${where}: images must have rank 4 [batch, height, width, channels]; got shape [${images.shape.join(', ')}]`);
  if (images.dtype !== 'float32') throw new Error(`${where}: images must be float32; got ${images.dtype} (use tf.cast(images, 'float32'))`);
  const [n, h, w, c] = images.shape as [number, number, number, number];
  if (n === 0 || h === 0 || w === 0 || c === 0) throw new Error(`${where}: images has an empty dimension: [${images.shape.join(', ')}]`);
  return [n, h, w, c];
}

/** A `[lo, hi]` range from a symmetric factor `f` (`[-f, f]`) or an explicit pair. */
export function factorRange(factor: unknown, where: string, name: string, min = -Infinity): [number, number] {
  const pair = typeof factor === 'number' ? [-Math.abs(factor), Math.abs(factor)] : factor;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => typeof v === 'number' && Number.isFinite(v)) || !((pair[0] as number) <= (pair[1] as number))) {
    throw new Error(`${where}: ${name} must be a finite number or a pair [lo, hi] with lo <= hi; got ${describe(factor)}`);
  }
  if ((pair[0] as number) < min) throw new Error(`${where}: ${name} must not go below ${min}; got [${pair.join(', ')}]`);
  return [pair[0] as number, pair[1] as number];
}

/** A probability in [0, 1]. */
export function checkProbability(p: unknown, where: string, name: string): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new Error(`${where}: ${name} must be a number in [0, 1]; got ${describe(p)}`);
  return p;
}

/** A value range `[min, max]` with min < max. */
export function checkValueRange(r: unknown, where: string): [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v)) || !((r[0] as number) < (r[1] as number))) {
    throw new Error(`${where}: valueRange must be [min, max] with finite min < max; got ${describe(r)}`);
  }
  return [r[0] as number, r[1] as number];
}
