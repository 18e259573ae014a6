/**
 * Seeded randomness. Every random choice in Tessera (initializers, shuffles, dropout masks,
 * augmentation, DP noise) draws from an {@link Rng} so that the same seed on the same
 * backend gives the same result, and checkpoints can store and restore the generator state.
 *
 * The generator is xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 - 1, fast in
 * 32-bit integer JavaScript arithmetic. Seeds are expanded with splitmix32 so that nearby
 * seeds give unrelated streams.
 */

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

function checkSeed(seed: number, where: string): void {
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new Error(`${where}: seed must be a finite integer; got ${String(seed)}`);
  }
}

/** A serialisable snapshot of an {@link Rng}'s position in its stream. */
export type RngState = readonly [number, number, number, number];

/**
 * A seeded pseudo-random number generator (xoshiro128**).
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.next();            // uniform in [0, 1)
 * rng.normal();          // standard normal
 * rng.shuffle([1, 2, 3]); // in place, deterministic
 * ```
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seed: number = 0) {
    checkSeed(seed, 'Rng');
    // Fold seeds beyond 32 bits in, so 2**32 + 1 and 1 differ.
    let st = (seed | 0) ^ Math.floor(seed / 2 ** 32);
    let v: number;
    [st, v] = splitmix32(st);
    this.s0 = v;
    [st, v] = splitmix32(st);
    this.s1 = v;
    [st, v] = splitmix32(st);
    this.s2 = v;
    [, v] = splitmix32(st);
    this.s3 = v;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** A uniform integer in [0, n). Unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new Error(`Rng.int: n must be an integer in [1, 2^32]; got ${String(n)}`);
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** A standard normal sample (Marsaglia polar method; spare value cached). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return mean + std * u * m;
  }

  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i] as T;
      array[i] = array[j] as T;
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`Rng.permutation: n must be an integer >= 0; got ${String(n)}`);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** Fills `out` with uniform values in [low, high) and returns it. */
  fillUniform<A extends Float32Array | Float64Array>(out: A, low = 0, high = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.next();
    return out;
  }

  /** Fills `out` with normal values and returns it. */
  fillNormal<A extends Float32Array | Float64Array>(out: A, mean = 0, std = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * A fresh 31-bit integer seed for tfjs ops that take a `seed` argument
   * (`tf.randomUniform`, `tf.dropout`), so they stay tied to this stream.
   */
  nextSeed(): number {
    return this.nextUint32() >>> 1;
  }

  /** An independent generator derived from this one (advances this one by one draw). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }

  /** The current state, for checkpoints. Restore it with {@link Rng.setState}. */
  getState(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Restores a state from {@link Rng.getState}. */
  setState(state: RngState): void {
    if (!Array.isArray(state) || state.length !== 4 || !state.every((x) => Number.isInteger(x))) {
      throw new Error(`Rng.setState: state must be 4 integers from getState(); got ${JSON.stringify(state)}`);
    }
    [this.s0, this.s1, this.s2, this.s3] = state.map((x) => x | 0) as [number, number, number, number];
    this.spareNormal = null;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let globalRng = new Rng(0);

/**
 * Seeds the process-wide generator returned by {@link getRng} (like `torch.manual_seed`).
 * Components that accept their own `seed` option do not touch it.
 *
 * @example
 * ```ts
 * seed(1234);
 * const a = getRng().next();
 * seed(1234);
 * getRng().next() === a; // true
 * ```
 */
export function seed(n: number): void {
  checkSeed(n, 'seed');
  globalRng = new Rng(n);
}

/**
 * The process-wide generator set by {@link seed} (seed 0 until then).
 *
 * @example
 * ```ts
 * const order = getRng().permutation(10);
 * ```
 */
export function getRng(): Rng {
  return globalRng;
}
