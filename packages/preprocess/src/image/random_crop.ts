import type { tf } from '@tessera/backend';
import { describe, resolveRng, type RandomSource } from '../random_source.js';
import { applyTransforms, type FillMode } from './affine.js';
import { checkImages } from './image_batch.js';

/**
 * Options for {@link randomCrop}.
 *
 * @example
 * ```ts
 * randomCrop(images, { padding: 4, fillMode: 'reflect', rng: 1 });
 * ```
 */
export interface RandomCropOptions {
  /** Pixels of padding added on every side before cropping. Default 0. */
  padding?: number;
  /** Crop `[height, width]`. Default: the input size (a random shift, as CIFAR training uses). */
  size?: readonly [number, number];
  /** How the padding is filled. Default `'constant'`. */
  fillMode?: FillMode;
  /** Default 0. */
  fillValue?: number;
  rng?: RandomSource;
}

/**
 * Pads each image of an NHWC batch by `padding` pixels and crops a `size` window at an offset
 * drawn per image (torchvision's RandomCrop(size, padding)). Pixels are copied exactly; no
 * interpolation happens.
 *
 * @example
 * ```ts
 * const out = randomCrop(images, { padding: 4, rng: 0 }); // 32x32 in, 32x32 out, shifted up to 4 px
 * ```
 */
export function randomCrop(images: tf.Tensor4D, options: RandomCropOptions = {}): tf.Tensor4D {
  const where = 'randomCrop';
  const [n, h, w] = checkImages(images, where);
  const padding = options.padding ?? 0;
  if (!Number.isInteger(padding) || padding < 0) throw new Error(`${where}: options.padding must be an integer >= 0; got ${describe(padding)}`);
  const size = options.size ?? [h, w];
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new Error(`${where}: options.size must be [height, width] of positive integers; got ${describe(size)}`);
  }
  const [ch, cw] = size;
  if (ch > h + 2 * padding || cw > w + 2 * padding) {
    throw new Error(`${where}: options.size [${ch}, ${cw}] exceeds the padded image [${h + 2 * padding}, ${w + 2 * padding}]`);
  }
  const fillMode = options.fillMode ?? 'constant';
  const fillValue = options.fillValue ?? 0;
  if (!['constant', 'reflect', 'wrap', 'nearest'].includes(fillMode)) {
    throw new Error(`${where}: options.fillMode must be 'constant', 'reflect', 'wrap' or 'nearest'; got ${describe(fillMode)}`);
  }
  if (typeof fillValue !== 'number' || !Number.isFinite(fillValue)) throw new Error(`${where}: options.fillValue must be a finite number; got ${describe(fillValue)}`);
  const rng = resolveRng(options.rng, where);
  const m = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) {
    // The window's top-left corner in padded coordinates, uniform over every valid position.
    const oy = rng.int(h + 2 * padding - ch + 1);
    const ox = rng.int(w + 2 * padding - cw + 1);
    m.set([1, 0, ox - padding, 0, 1, oy - padding, 0, 0], i * 8);
  }
  // An integer shift with nearest sampling copies pixels exactly.
  return applyTransforms(images, m, { fillMode, fillValue, interpolation: 'nearest' }, [ch, cw]);
}
