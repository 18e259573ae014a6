/**
 * Seed derivation for per-epoch shuffling. A shuffle's order in epoch k depends only on
 * (seed, k), never on how many epochs ran before, so a trainer resuming from a checkpoint
 * at epoch k sees exactly the order an uninterrupted run saw.
 */

function mix32(h: number, v: number): number {
  // murmur3-style combine, then a splitmix32 finalizer so nearby inputs give unrelated outputs.
  let x = Math.imul(v | 0, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  h ^= x;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return h;
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The seed a shuffle uses in a given epoch: a 32-bit hash of `seed` and the epoch path
 * (`[epoch]`, or `[epoch, r]` inside the r-th pass of `repeat()`).
 *
 * @example
 * ```ts
 * epochSeed(42, 3) === epochSeed(42, 3); // true: epoch 3's order is reproducible on its own
 * new Rng(epochSeed(42, 3));              // the generator ds.shuffle(n, 42) uses in epoch 3
 * ```
 */
export function epochSeed(seed: number, ...path: number[]): number {
  if (!Number.isInteger(seed)) throw new Error(`epochSeed: seed must be an integer; got ${String(seed)}`);
  let h = mix32(0x9747b28c, seed | 0);
  h = mix32(h, Math.floor(seed / 2 ** 32) | 0);
  for (const p of path) {
    if (!Number.isInteger(p) || p < 0) throw new Error(`epochSeed: epoch path entries must be integers >= 0; got ${String(p)}`);
    h = mix32(h, p);
  }
  return finalize(mix32(h, path.length));
}
