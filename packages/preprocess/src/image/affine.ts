import { tf } from '@tessera/backend';
import { describe } from '../random_source.js';

/**
 * How pixels outside the input are filled (tf.image.transform's modes).
 *
 * @example
 * ```ts
 * const mode: FillMode = 'reflect';
 * ```
 */
export type FillMode = 'constant' | 'reflect' | 'wrap' | 'nearest';

/**
 * Sampling between pixels.
 *
 * @example
 * ```ts
 * const interp: Interpolation = 'nearest';
 * ```
 */
export type Interpolation = 'bilinear' | 'nearest';

/**
 * Fill and interpolation options shared by the geometric transforms.
 *
 * @example
 * ```ts
 * randomRotation(images, { factor: 0.1, fillMode: 'constant', fillValue: 0, interpolation: 'bilinear' });
 * ```
 */
export interface GeometryOptions {
  /** Default `'constant'` (with `fillValue`). `'reflect'` mirrors about the edge (d c b a | a b c d). */
  fillMode?: FillMode;
  /** Default 0. */
  fillValue?: number;
  /** Default `'bilinear'`. */
  interpolation?: Interpolation;
}

const FILL_MODES: readonly FillMode[] = ['constant', 'reflect', 'wrap', 'nearest'];

/** Validates {@link GeometryOptions}. */
export function geometry(options: GeometryOptions, where: string): Required<GeometryOptions> {
  const fillMode = options.fillMode ?? 'constant';
  const fillValue = options.fillValue ?? 0;
  const interpolation = options.interpolation ?? 'bilinear';
  if (!FILL_MODES.includes(fillMode)) throw new Error(`${where}: options.fillMode must be one of ${FILL_MODES.join(', ')}; got ${describe(fillMode)}`);
  if (typeof fillValue !== 'number' || !Number.isFinite(fillValue)) throw new Error(`${where}: options.fillValue must be a finite number; got ${describe(fillValue)}`);
  if (interpolation !== 'bilinear' && interpolation !== 'nearest') throw new Error(`${where}: options.interpolation must be 'bilinear' or 'nearest'; got ${describe(interpolation)}`);
  return { fillMode, fillValue, interpolation };
}

/**
 * Applies one projective transform per image. Each row of `matrices` ([n * 8]) maps an output
 * pixel (x, y) to the input point ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k) with
 * k = c0 x + c1 y + 1, as tf.image.transform.
 */
export function applyTransforms(
  images: tf.Tensor4D,
  matrices: Float32Array,
  geo: Required<GeometryOptions>,
  outputShape?: [number, number],
): tf.Tensor4D {
  const n = images.shape[0];
  return tf.tidy(() => {
    const all = tf.tensor2d(matrices, [n, 8]);
    // tfjs-backend-cpu 4.22's Transform kernel returns after the first image of a batch and
    // leaves the others at fillValue, so on cpu each image goes through on its own.
    if (tf.getBackend() === 'cpu' && n > 1) {
      const parts = tf.unstack(images).map((img, i) =>
        tf.image.transform(tf.expandDims(img, 0) as tf.Tensor4D, tf.slice(all, [i, 0], [1, 8]), geo.interpolation, geo.fillMode, geo.fillValue, outputShape),
      );
      return tf.concat(parts, 0);
    }
    return tf.image.transform(images, all, geo.interpolation, geo.fillMode, geo.fillValue, outputShape);
  });
}
