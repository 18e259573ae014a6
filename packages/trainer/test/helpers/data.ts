/** Small generated datasets for tests. */
import { tf, Rng } from '@tessera/backend';

/** Gaussian blobs in `dim` dimensions, `k` classes, well separated. */
export function blobs(n: number, dim: number, k: number, seed: number, spread = 0.5): { x: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const centers = Array.from({ length: k }, () => Array.from({ length: dim }, () => rng.uniform(-3, 3)));
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y.push(c);
    x.push((centers[c] as number[]).map((m) => m + rng.normal(0, spread)));
  }
  return { x, y };
}

/** Tensors { x, y } of {@link blobs}. */
export function blobTensors(n: number, dim: number, k: number, seed: number, spread = 0.5): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const d = blobs(n, dim, k, seed, spread);
  return { x: tf.tensor2d(d.x), y: tf.tensor1d(d.y, 'int32') };
}

/**
 * Separable images: class c lights up a square patch at one of `k` grid positions (a
 * ceil(sqrt(k)) grid), plus Gaussian noise of std 0.5 everywhere. `[n, size, size, channels]`.
 */
export function patchImages(n: number, size: number, k: number, seed: number, channels = 1): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const rng = new Rng(seed);
  const data = new Float32Array(n * size * size * channels);
  const labels: number[] = [];
  const grid = Math.ceil(Math.sqrt(k));
  const cell = Math.floor(size / grid);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    labels.push(c);
    const r0 = Math.floor(c / grid) * cell;
    const c0 = (c % grid) * cell;
    for (let r = 0; r < size; r++) {
      for (let q = 0; q < size; q++) {
        const inPatch = r >= r0 && r < r0 + cell && q >= c0 && q < c0 + cell;
        for (let ch = 0; ch < channels; ch++) {
          data[((i * size + r) * size + q) * channels + ch] = (inPatch ? 1 : 0) + rng.normal(0, 0.5);
        }
      }
    }
  }
  return { x: tf.tensor4d(data, [n, size, size, channels]), y: tf.tensor1d(labels, 'int32') };
}

/** Flattened values of all weights (for comparisons); disposes the clones. */
export function weightValues(model: { getWeights(): { name: string; tensor: tf.Tensor }[] }): Float32Array[] {
  const ws = model.getWeights();
  const out = ws.map((w) => Float32Array.from(w.tensor.dataSync() as Float32Array));
  tf.dispose(ws.map((w) => w.tensor));
  return out;
}

/** Largest absolute difference between two weight lists. */
export function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: ${a.length} vs ${b.length} tensors`);
  let m = 0;
  a.forEach((x, i) => {
    const y = b[i] as Float32Array;
    if (x.length !== y.length) throw new Error(`maxAbsDiff: tensor ${i} sizes ${x.length} vs ${y.length}`);
    for (let j = 0; j < x.length; j++) m = Math.max(m, Math.abs((x[j] as number) - (y[j] as number)));
  });
  return m;
}
