import { describe } from '../internal/describe.js';

/**
 * A source of uniform numbers in [0, 1), like `Math.random`.
 *
 * @example
 * const rnd: RandomSource = seededRandom(42);
 */
export type RandomSource = () => number;

const buf = new Uint32Array(2);

/**
 * Uniform number in [0, 1) with 53 random bits from the platform's cryptographically secure
 * generator (`crypto.getRandomValues`). The default for every DP mechanism: noise drawn from a
 * predictable generator can be subtracted by an attacker who reconstructs its state.
 *
 * @example
 * secureRandom(); // e.g. 0.7138...
 */
export function secureRandom(): number {
  const c = globalThis.crypto;
  if (!c?.getRandomValues) throw new Error('secureRandom: globalThis.crypto.getRandomValues is not available in this runtime');
  c.getRandomValues(buf);
  // 27 + 26 bits -> a multiple of 2^-53 in [0, 1).
  return ((buf[0]! >>> 5) * 67108864 + (buf[1]! >>> 6)) / 9007199254740992;
}

/**
 * A deterministic generator (xoshiro128**, seeded through splitmix32) for tests and reproducible
 * examples. Never use it for real releases: anyone who learns the seed can remove the noise.
 *
 * @example
 * const a = seededRandom(7), b = seededRandom(7);
 * a() === b(); // true
 */
export function seededRandom(seed: number | string): RandomSource {
  let h: number;
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new Error(`seededRandom: seed must be a finite number or a string, got ${describe(seed)}`);
    h = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
  } else if (typeof seed === 'string') {
    h = 2166136261;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  } else {
    throw new Error(`seededRandom: seed must be a finite number or a string, got ${describe(seed)}`);
  }
  const splitmix = (): number => {
    h = (h + 0x9e3779b9) >>> 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    return result;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/** Validates an injected random source by calling it once per draw. */
export function drawUniform(caller: string, random: RandomSource): number {
  const u = random();
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) throw new Error(`${caller}: random() must return a number in [0, 1), got ${describe(u)}`);
  return u;
}
