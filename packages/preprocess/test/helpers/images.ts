/** Small NHWC fixtures and plain-JS image references for the augmentation tests. */
import { Rng, tf } from '@tessera/backend';

export type Img = number[][][]; // [h][w][c]

/** A seeded batch with values in [lo, hi), as nested arrays. */
export function randomImages(seed: number, n: number, h: number, w: number, c: number, lo = 0, hi = 1): Img[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => Array.from({ length: c }, () => rng.uniform(lo, hi)))));
}

export function toTensor(images: Img[]): tf.Tensor4D {
  return tf.tensor4d(images);
}

export function flipH(img: Img): Img {
  return img.map((row) => [...row].reverse());
}

export function flipV(img: Img): Img {
  return [...img].reverse();
}

/** np.rot90 (counter-clockwise) of a square image. */
export function rot90(img: Img): Img {
  const n = img.length;
  return img.map((_, i) => img.map((__, j) => img[j]![n - 1 - i]!));
}

/** Bilinear sample at (x, y) (in-bounds). */
export function bilinear(img: Img, x: number, y: number, ch: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, img[0]!.length - 1);
  const y1 = Math.min(y0 + 1, img.length - 1);
  const fx = x - x0;
  const fy = y - y0;
  const v = (yy: number, xx: number) => img[yy]![xx]![ch]!;
  return (1 - fy) * ((1 - fx) * v(y0, x0) + fx * v(y0, x1)) + fy * ((1 - fx) * v(y1, x0) + fx * v(y1, x1));
}

/** Every element of `a` within tol of `b`. */
export function close(a: unknown, b: unknown, tol = 1e-5): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => close(v, b[i], tol));
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tol;
}

export function flat(x: unknown): number[] {
  return Array.isArray(x) ? x.flatMap(flat) : [x as number];
}
