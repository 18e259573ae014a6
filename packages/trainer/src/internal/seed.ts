/** Seed derivation: independent streams from (seed, purpose, index) so shuffles depend only on the epoch. */

function mix(h: number, v: number): number {
  let x = Math.imul(v | 0, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  h ^= x;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** A 31-bit seed from a seed and a path of integers (murmur3-style mix, then a finalizer). */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = mix(0x2545f491, seed | 0);
  h = mix(h, Math.floor(seed / 2 ** 32) | 0);
  for (const p of path) h = mix(h, p);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) >>> 1;
}

/** Purpose tags for {@link deriveSeed}. */
export const SHUFFLE_STREAM = 1;
export const TRAINER_STREAM = 2;
