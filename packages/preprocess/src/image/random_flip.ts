import { tf } from '@tessera/backend';
import { describe, resolveRng, type RandomSource } from '../random_source.js';
import { checkImages, checkProbability } from './image_batch.js';

/**
 * Options for {@link randomFlip}.
 *
 * @example
 * ```ts
 * randomFlip(images, { mode: 'horizontal_and_vertical', probability: 0.5, rng: 1 });
 * ```
 */
export interface RandomFlipOptions {
  /** Which flips to draw. Default `'horizontal'`. */
  mode?: 'horizontal' | 'vertical' | 'horizontal_and_vertical';
  /** Chance that each image is flipped (per axis). Default 0.5. */
  probability?: number;
  rng?: RandomSource;
}

/**
 * Flips each image of an NHWC batch left-right and/or up-down with the given probability,
 * drawn per image from the seed. Returns a new tensor; values are moved, never changed.
 *
 * @example
 * ```ts
 * const out = randomFlip(images, { mode: 'horizontal', rng: 42 });
 * ```
 */
export function randomFlip(images: tf.Tensor4D, options: RandomFlipOptions = {}): tf.Tensor4D {
  const where = 'randomFlip';
  const [n] = checkImages(images, where);
  const mode = options.mode ?? 'horizontal';
  if (mode !== 'horizontal' && mode !== 'vertical' && mode !== 'horizontal_and_vertical') {
    throw new Error(`${where}: options.mode must be 'horizontal', 'vertical' or 'horizontal_and_vertical'; got ${describe(mode)}`);
  }
  const p = checkProbability(options.probability ?? 0.5, where, 'options.probability');
  const rng = resolveRng(options.rng, where);
  const horizontal = new Uint8Array(n);
  const vertical = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (mode !== 'vertical') horizontal[i] = rng.next() < p ? 1 : 0;
    if (mode !== 'horizontal') vertical[i] = rng.next() < p ? 1 : 0;
  }
  return tf.tidy(() => {
    let out: tf.Tensor4D = tf.clone(images);
    const apply = (mask: Uint8Array, axis: number) => {
      if (!mask.some((m) => m === 1)) return;
      const cond = tf.tensor4d(mask, [n, 1, 1, 1], 'bool');
      out = tf.where(cond, tf.reverse(out, axis), out);
    };
    apply(horizontal, 2);
    apply(vertical, 1);
    return out;
  });
}
