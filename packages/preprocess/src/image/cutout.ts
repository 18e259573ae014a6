import { tf } from '@tessera/backend';
import { describe, resolveRng, type RandomSource } from '../random_source.js';
import { checkImages, checkProbability } from './image_batch.js';

/**
 * Options for {@link cutout}.
 *
 * @example
 * ```ts
 * cutout(images, { size: [8, 4], count: 2, fillValue: 0.5, rng: 1 });
 * ```
 */
export interface CutoutOptions {
  /** Side of the square patch, or `[height, width]`. */
  size: number | readonly [number, number];
  /** Patches per image. Default 1. */
  count?: number;
  /** Value written into the patch. Default 0. */
  fillValue?: number;
  /** Chance that an image gets its patches. Default 1. */
  probability?: number;
  rng?: RandomSource;
}

/**
 * Cutout (DeVries & Taylor, 2017): blanks `count` rectangles per image, each centred at a
 * pixel drawn uniformly and clipped at the borders (so patches near an edge are smaller).
 *
 * @example
 * ```ts
 * const out = cutout(images, { size: 8, rng: 2 });
 * ```
 */
export function cutout(images: tf.Tensor4D, options: CutoutOptions): tf.Tensor4D {
  const where = 'cutout';
  const [n, h, w] = checkImages(images, where);
  const size = typeof options?.size === 'number' ? [options.size, options.size] : options?.size;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new Error(`${where}: options.size must be a positive integer or [height, width]; got ${describe(options?.size)}`);
  }
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`${where}: options.count must be an integer >= 1; got ${describe(count)}`);
  const fillValue = options.fillValue ?? 0;
  if (typeof fillValue !== 'number' || !Number.isFinite(fillValue)) throw new Error(`${where}: options.fillValue must be a finite number; got ${describe(fillValue)}`);
  const p = checkProbability(options.probability ?? 1, where, 'options.probability');
  const rng = resolveRng(options.rng, where);
  const [ph, pw] = size as [number, number];
  const keep = new Uint8Array(n * h * w).fill(1);
  for (let i = 0; i < n; i++) {
    if (rng.next() >= p) continue;
    for (let k = 0; k < count; k++) {
      const cy = rng.int(h);
      const cx = rng.int(w);
      const y0 = Math.max(0, cy - Math.floor(ph / 2));
      const y1 = Math.min(h, cy - Math.floor(ph / 2) + ph);
      const x0 = Math.max(0, cx - Math.floor(pw / 2));
      const x1 = Math.min(w, cx - Math.floor(pw / 2) + pw);
      for (let y = y0; y < y1; y++) keep.fill(0, (i * h + y) * w + x0, (i * h + y) * w + x1);
    }
  }
  return tf.tidy(() => tf.where(tf.tensor4d(keep, [n, h, w, 1], 'bool'), images, tf.fill(images.shape, fillValue)));
}
