import { tf } from '@tessera/backend';
import { resolveRng, type RandomSource } from '../random_source.js';
import { checkImages, checkValueRange, factorRange } from './image_batch.js';

/**
 * Options for {@link randomContrast}.
 *
 * @example
 * ```ts
 * randomContrast(images, { factor: [0.8, 1.2] });
 * ```
 */
export interface RandomContrastOptions {
  /**
   * Contrast factor drawn from [1 - f, 1 + f] (as Keras' RandomContrast), or from
   * `[lo, hi]` given directly as factors (lo >= 0).
   */
  factor: number | readonly [number, number];
  /** The data's range; results are clipped into it. Default `[0, 1]`. */
  valueRange?: readonly [number, number];
  rng?: RandomSource;
}

/**
 * Scales each image's deviation from its per-channel mean by a factor drawn per image:
 * (x - mean) * c + mean, then clips to `valueRange`.
 *
 * @example
 * ```ts
 * const out = randomContrast(images, { factor: 0.3, rng: 9 }); // c in [0.7, 1.3]
 * ```
 */
export function randomContrast(images: tf.Tensor4D, options: RandomContrastOptions): tf.Tensor4D {
  const where = 'randomContrast';
  const [n] = checkImages(images, where);
  const f = options?.factor;
  let range: [number, number];
  if (typeof f === 'number') {
    if (!(f >= 0 && f <= 1)) throw new Error(`${where}: options.factor as a number must be in [0, 1]; got ${f}`);
    range = [1 - f, 1 + f];
  } else range = factorRange(f, where, 'options.factor', 0);
  const [vmin, vmax] = checkValueRange(options.valueRange ?? [0, 1], where);
  const rng = resolveRng(options.rng, where);
  const c = new Float32Array(n);
  for (let i = 0; i < n; i++) c[i] = rng.uniform(range[0], range[1]);
  return tf.tidy(() => {
    const mean = tf.mean(images, [1, 2], true);
    const out = tf.add(tf.mul(tf.sub(images, mean), tf.tensor4d(c, [n, 1, 1, 1])), mean);
    return tf.clipByValue(out, vmin, vmax) as tf.Tensor4D;
  });
}
