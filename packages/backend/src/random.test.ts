import { describe, expect, it } from 'vitest';
import { Rng, getRng, seed } from '@tessera/backend';

describe('Rng', () => {
  it('reproduces the reference xoshiro128** stream from state [1, 2, 3, 4]', () => {
    // First outputs of Blackman & Vigna's xoshiro128starstar.c from s = {1, 2, 3, 4}.
    const rng = new Rng(0);
    rng.setState([1, 2, 3, 4]);
    const got = Array.from({ length: 8 }, () => rng.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  it('gives the same stream for the same seed and different streams for nearby seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(7)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(7)));
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(8)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Rng(1).next()).not.toBe(new Rng(2 ** 32 + 1).next());
  });

  it('draws uniform and normal values with the right moments', () => {
    const rng = new Rng(123);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      s += u;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(s / n).toBeCloseTo(0.5, 2);
    s = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 2);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('draws unbiased integers and valid permutations', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.int(3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    const p = rng.permutation(50);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('resumes exactly from a saved state', () => {
    const rng = new Rng(99);
    rng.next();
    const state = rng.getState();
    const after = [rng.next(), rng.nextUint32(), rng.int(10)];
    const other = new Rng(0);
    other.setState(state);
    expect([other.next(), other.nextUint32(), other.int(10)]).toEqual(after);
  });

  it('rejects bad arguments with the argument named', () => {
    expect(() => new Rng(1.5)).toThrow(/seed must be a finite integer; got 1.5/);
    expect(() => new Rng(0).int(0)).toThrow(/n must be an integer in \[1, 2\^32\]; got 0/);
    expect(() => new Rng(0).setState([1, 2] as unknown as [number, number, number, number])).toThrow(
      /state must be 4 integers/,
    );
  });
});

describe('seed / getRng', () => {
  it('re-seeds the process-wide generator', () => {
    seed(2024);
    const a = getRng().next();
    seed(2024);
    expect(getRng().next()).toBe(a);
    expect(() => seed(Number.NaN)).toThrow(/seed: seed must be a finite integer; got NaN/);
  });
});
