import { tf } from '@tessera/backend';
import { resolveRng, type RandomSource } from '../random_source.js';
import { checkImages, checkValueRange, factorRange } from './image_batch.js';

/**
 * Options for {@link randomBrightness}.
 *
 * @example
 * ```ts
 * randomBrightness(images, { factor: 0.1, valueRange: [0, 255] });
 * ```
 */
export interface RandomBrightnessOptions {
  /**
   * Shift as a fraction of the value range, as Keras' RandomBrightness: `f` draws from
   * [-f, f], or give `[lo, hi]`. Each image gets one shift for all its pixels.
   */
  factor: number | readonly [number, number];
  /** The data's range; results are clipped into it. Default `[0, 1]`. */
  valueRange?: readonly [number, number];
  rng?: RandomSource;
}

/**
 * Adds a per-image brightness shift to an NHWC batch and clips to `valueRange`.
 *
 * @example
 * ```ts
 * const out = randomBrightness(images, { factor: 0.2, rng: 5 }); // ±20% of [0, 1]
 * ```
 */
export function randomBrightness(images: tf.Tensor4D, options: RandomBrightnessOptions): tf.Tensor4D {
  const where = 'randomBrightness';
  const [n] = checkImages(images, where);
  const [lo, hi] = factorRange(options?.factor, where, 'options.factor');
  const [vmin, vmax] = checkValueRange(options.valueRange ?? [0, 1], where);
  const rng = resolveRng(options.rng, where);
  const delta = new Float32Array(n);
  for (let i = 0; i < n; i++) delta[i] = rng.uniform(lo, hi) * (vmax - vmin);
  return tf.tidy(() => tf.clipByValue(tf.add(images, tf.tensor4d(delta, [n, 1, 1, 1])), vmin, vmax) as tf.Tensor4D);
}
