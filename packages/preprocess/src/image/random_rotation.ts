import type { tf } from '@tessera/backend';
import { resolveRng, type RandomSource } from '../random_source.js';
import { applyTransforms, geometry, type GeometryOptions } from './affine.js';
import { checkImages, factorRange } from './image_batch.js';

/**
 * Options for {@link randomRotation}.
 *
 * @example
 * ```ts
 * randomRotation(images, { factor: [-0.05, 0.05], fillMode: 'reflect', rng: 1 });
 * ```
 */
export interface RandomRotationOptions extends GeometryOptions {
  /**
   * Rotation as a fraction of a full turn, as Keras' RandomRotation: `f` draws from [-f, f]
   * (0.1 = up to ±36°), `[lo, hi]` from that range. Positive turns counter-clockwise.
   */
  factor: number | readonly [number, number];
  rng?: RandomSource;
}

/**
 * Rotates each image of an NHWC batch about its centre by an angle drawn per image. Output
 * keeps the input size; corners are filled per `fillMode`. With `fillMode: 'constant'` and
 * a `fillValue` inside the data's range, values stay in that range.
 *
 * @example
 * ```ts
 * const out = randomRotation(images, { factor: 0.05, rng: 1 }); // up to ±18°
 * ```
 */
export function randomRotation(images: tf.Tensor4D, options: RandomRotationOptions): tf.Tensor4D {
  const where = 'randomRotation';
  const [n, h, w] = checkImages(images, where);
  const [lo, hi] = factorRange(options?.factor, where, 'options.factor');
  const geo = geometry(options, where);
  const rng = resolveRng(options.rng, where);
  const m = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) {
    const angle = rng.uniform(lo, hi) * 2 * Math.PI;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Output pixel -> input point: rotate about the centre ((w - 1) / 2, (h - 1) / 2).
    const xOffset = (w - 1 - (cos * (w - 1) - sin * (h - 1))) / 2;
    const yOffset = (h - 1 - (sin * (w - 1) + cos * (h - 1))) / 2;
    m.set([cos, -sin, xOffset, sin, cos, yOffset, 0, 0], i * 8);
  }
  return applyTransforms(images, m, geo);
}
