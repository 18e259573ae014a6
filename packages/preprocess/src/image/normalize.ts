import { tf } from '@tessera/backend';
import { describe } from '../random_source.js';
import { checkImages } from './image_batch.js';

/**
 * Per-channel statistics for {@link normalize}: one number for all channels, or one per channel.
 *
 * @example
 * ```ts
 * normalize(images, { mean: 0.5, std: 0.25 });
 * ```
 */
export interface NormalizeOptions {
  mean: number | readonly number[];
  std: number | readonly number[];
}

function perChannel(v: number | readonly number[], c: number, where: string, name: string, positive: boolean): number[] {
  const arr = typeof v === 'number' ? new Array<number>(c).fill(v) : v;
  if (!Array.isArray(arr) || arr.length !== c) throw new Error(`${where}: ${name} must be a number or ${c} numbers (one per channel); got ${describe(v)}`);
  arr.forEach((x, k) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || (positive && !(x > 0))) {
      throw new Error(`${where}: ${name}[${k}] must be a finite number${positive ? ' > 0' : ''}; got ${describe(x)}`);
    }
  });
  return [...arr];
}

/**
 * (x - mean) / std per channel on an NHWC batch, as torchvision's Normalize. Returns a new
 * tensor (the caller disposes it); the input is left alone.
 *
 * @example
 * ```ts
 * const z = normalize(images, { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
 * ```
 */
export function normalize(images: tf.Tensor4D, options: NormalizeOptions): tf.Tensor4D {
  const where = 'normalize';
  const [, , , c] = checkImages(images, where);
  const mean = perChannel(options?.mean, c, where, 'mean', false);
  const std = perChannel(options?.std, c, where, 'std', true);
  return tf.tidy(() => tf.div(tf.sub(images, tf.tensor1d(mean)), tf.tensor1d(std)));
}

/**
 * Undoes {@link normalize}: x * std + mean per channel.
 *
 * @example
 * ```ts
 * const back = denormalize(z, { mean: 0.5, std: 0.25 });
 * ```
 */
export function denormalize(images: tf.Tensor4D, options: NormalizeOptions): tf.Tensor4D {
  const where = 'denormalize';
  const [, , , c] = checkImages(images, where);
  const mean = perChannel(options?.mean, c, where, 'mean', false);
  const std = perChannel(options?.std, c, where, 'std', true);
  return tf.tidy(() => tf.add(tf.mul(images, tf.tensor1d(std)), tf.tensor1d(mean)));
}
