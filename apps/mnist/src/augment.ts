/**
 * Training batches with seeded augmentation. Each epoch's order and every random rotation, zoom
 * and shift derive from (seed, epoch, batch) alone, so a run resumed at epoch k sees exactly the
 * batches an uninterrupted run saw.
 */
import { Rng, tf } from '@tessera/backend';
import { randomCrop, randomRotation, randomZoom } from '@tessera/preprocess';
import type { Batch } from '@tessera/trainer';
import { IMAGE_SIZE } from './data.js';

/** How strongly to perturb each training image. */
export interface AugmentOptions {
  /** Rotation as a fraction of a turn (0.03 = up to about ±11°). */
  rotation: number;
  /** Zoom in or out by up to this fraction. */
  zoom: number;
  /** Shift by up to this many pixels in each direction. */
  shift: number;
}

/**
 * Mild settings for digits: upright handwriting varies by a few degrees and pixels; flips would
 * change the class (a mirrored 2 is not a 2), so there are none.
 */
export const DIGIT_AUGMENTATION: AugmentOptions = { rotation: 0.03, zoom: 0.1, shift: 2 };

/** Mixes the run seed, epoch and batch into one 32-bit seed (a splitmix-style hash). */
function batchSeed(seed: number, epoch: number, batch: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [epoch, batch]) {
    h = Math.imul(h ^ (v + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/**
 * A batch source for `fit`: a function of the epoch that yields shuffled `{ xs, ys }` batches
 * of `images` (NHWC), augmented when `augment` is given. The trainer disposes each batch.
 *
 * @example
 * ```ts
 * const source = augmentedBatches(xTrain, yTrain, { batchSize: 64, seed: 42, augment: DIGIT_AUGMENTATION });
 * await fit(model, source, { epochs: 3, ... });
 * ```
 */
export function augmentedBatches(
  images: tf.Tensor4D,
  labels: tf.Tensor1D,
  options: { batchSize: number; seed: number; augment: AugmentOptions | null },
): (epoch: number) => AsyncIterable<Batch> {
  const n = images.shape[0];
  if (labels.shape[0] !== n) throw new Error(`augmentedBatches: labels has ${labels.shape[0]} entries but images has ${n}`);
  const { batchSize, seed, augment } = options;
  return (epoch: number) => ({
    async *[Symbol.asyncIterator]() {
      const order = new Rng(batchSeed(seed, epoch, -1)).permutation(n);
      for (let start = 0, b = 0; start < n; start += batchSize, b++) {
        const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
        const s = batchSeed(seed, epoch, b);
        const batch = tf.tidy(() => {
          let xs = tf.gather(images, idx) as tf.Tensor4D;
          if (augment) {
            // Three seeds from one generator: each transform's draws stay independent of the others.
            const rng = new Rng(s);
            xs = randomRotation(xs, { factor: augment.rotation, fillMode: 'constant', fillValue: 0, rng: rng.nextSeed() });
            xs = randomZoom(xs, { heightFactor: augment.zoom, fillMode: 'constant', fillValue: 0, rng: rng.nextSeed() });
            xs = randomCrop(xs, { padding: augment.shift, size: [IMAGE_SIZE, IMAGE_SIZE], rng: rng.nextSeed() });
          }
          return { xs, ys: tf.gather(labels, idx) };
        });
        idx.dispose();
        yield batch;
      }
    },
  });
}
