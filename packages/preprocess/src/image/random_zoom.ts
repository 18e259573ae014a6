import type { tf } from '@tessera/backend';
import { resolveRng, type RandomSource } from '../random_source.js';
import { applyTransforms, geometry, type GeometryOptions } from './affine.js';
import { checkImages, factorRange } from './image_batch.js';

/**
 * Options for {@link randomZoom}.
 *
 * @example
 * ```ts
 * randomZoom(images, { heightFactor: [-0.2, 0], rng: 1 });
 * ```
 */
export interface RandomZoomOptions extends GeometryOptions {
  /**
   * Zoom as Keras' RandomZoom: the view grows by 1 + u with u drawn from [-f, f] (or
   * `[lo, hi]`, lo > -1). Positive u zooms out (content shrinks), negative zooms in.
   */
  heightFactor: number | readonly [number, number];
  /** Default: the height's draw is used for the width too (aspect ratio kept). */
  widthFactor?: number | readonly [number, number];
  rng?: RandomSource;
}

/**
 * Zooms each image of an NHWC batch about its centre by a factor drawn per image; output
 * keeps the input size.
 *
 * @example
 * ```ts
 * const out = randomZoom(images, { heightFactor: 0.2, rng: 3 }); // 80%..120% view
 * ```
 */
export function randomZoom(images: tf.Tensor4D, options: RandomZoomOptions): tf.Tensor4D {
  const where = 'randomZoom';
  const [n, h, w] = checkImages(images, where);
  const hr = factorRange(options?.heightFactor, where, 'options.heightFactor');
  const wr = options.widthFactor === undefined ? null : factorRange(options.widthFactor, where, 'options.widthFactor');
  for (const r of [hr, wr]) {
    if (r !== null && r[0] <= -1) throw new Error(`${where}: zoom factors must stay above -1 (a view of size 0); got [${r.join(', ')}]`);
  }
  const geo = geometry(options, where);
  const rng = resolveRng(options.rng, where);
  const m = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) {
    const zy = 1 + rng.uniform(hr[0], hr[1]);
    const zx = wr === null ? zy : 1 + rng.uniform(wr[0], wr[1]);
    m.set([zx, 0, ((w - 1) / 2) * (1 - zx), 0, zy, ((h - 1) / 2) * (1 - zy), 0, 0], i * 8);
  }
  return applyTransforms(images, m, geo);
}
