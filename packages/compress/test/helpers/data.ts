/**
 * Generated image data for tests: each class is a fixed pattern of two rectangles on a 16x16
 * canvas (seeded); a sample is its class pattern shifted by up to one pixel, dimmed or
 * brightened, plus Gaussian noise, so a small CNN learns it well but not perfectly.
 */
import { Rng, tf } from '@tessera/backend';

export interface ImageSet {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  labels: number[];
}

function templates(classes: number, size: number, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: classes }, () => {
    const t = new Float32Array(size * size);
    for (let r = 0; r < 2; r++) {
      const h = 2 + rng.int(size / 2);
      const w = 2 + rng.int(size / 2);
      const top = rng.int(size - h);
      const left = rng.int(size - w);
      for (let i = top; i < top + h; i++) for (let j = left; j < left + w; j++) t[i * size + j] = 1;
    }
    return t;
  });
}

/** `n` samples of `classes` patterns, `size` x `size` x 1; the same `patternSeed` gives the same classes. */
export function patternImages(n: number, opts: { classes: number; size?: number; noise?: number; seed: number; patternSeed?: number }): ImageSet {
  const size = opts.size ?? 16;
  const tpl = templates(opts.classes, size, opts.patternSeed ?? 7);
  const rng = new Rng(opts.seed);
  const data = new Float32Array(n * size * size);
  const labels: number[] = [];
  for (let s = 0; s < n; s++) {
    const c = rng.int(opts.classes);
    labels.push(c);
    const dy = rng.int(3) - 1;
    const dx = rng.int(3) - 1;
    const gain = rng.uniform(0.6, 1.2);
    const t = tpl[c] as Float32Array;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const si = i - dy;
        const sj = j - dx;
        const v = si >= 0 && si < size && sj >= 0 && sj < size ? (t[si * size + sj] as number) : 0;
        data[(s * size + i) * size + j] = gain * v + rng.normal(0, opts.noise ?? 0.8);
      }
    }
  }
  return { x: tf.tensor4d(data, [n, size, size, 1]), y: tf.tensor1d(labels, 'int32'), labels };
}
