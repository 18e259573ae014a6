import { Rng } from '@tessera/backend';
import { expect, it } from 'vitest';
import { computeFans, initialize, INITIALIZER_NAMES } from './index.js';

const stats = (v: Float32Array): { mean: number; std: number; min: number; max: number } => {
  let s = 0;
  for (const x of v) s += x;
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length), min: Math.min(...v), max: Math.max(...v) };
};

it('same seed gives the same values; another seed gives others', () => {
  for (const name of INITIALIZER_NAMES) {
    const a = initialize(name, [20, 30], new Rng(1));
    const b = initialize(name, [20, 30], new Rng(1));
    expect(Array.from(a)).toEqual(Array.from(b));
    if (name !== 'zeros' && name !== 'ones')
      expect(Array.from(initialize(name, [20, 30], new Rng(2)))).not.toEqual(Array.from(a));
  }
});

it('Keras fans and distributions', () => {
  expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  expect(computeFans([10, 20])).toEqual({ fanIn: 10, fanOut: 20 });
  const gu = stats(initialize('glorotUniform', [200, 300], new Rng(3)));
  const limit = Math.sqrt(6 / 500);
  expect(gu.min).toBeGreaterThanOrEqual(-limit);
  expect(gu.max).toBeLessThanOrEqual(limit);
  expect(gu.std).toBeCloseTo(limit / Math.sqrt(3), 3);
  const hn = stats(initialize('heNormal', [400, 300], new Rng(4)));
  expect(hn.std).toBeCloseTo(Math.sqrt(2 / 400), 3); // truncated at 2 sigma, rescaled to keep the stddev
  expect(hn.max).toBeLessThanOrEqual((2 * Math.sqrt(2 / 400)) / 0.87962566103423978 + 1e-6);
  const hu = stats(initialize('heUniform', [100, 50], new Rng(5)));
  expect(hu.max).toBeLessThanOrEqual(Math.sqrt(6 / 100));
  const u = stats(initialize('uniform', [100, 100], new Rng(6)));
  expect(u.max).toBeLessThanOrEqual(0.05);
  expect(u.min).toBeGreaterThanOrEqual(-0.05);
});

it('orthogonal gives orthonormal rows or columns (Keras transposes wide matrices)', () => {
  for (const [rows, cols] of [
    [8, 32],
    [32, 8],
    [6, 6],
  ] as const) {
    const w = initialize('orthogonal', [rows, cols], new Rng(7));
    const small = Math.min(rows, cols);
    for (let i = 0; i < small; i++)
      for (let j = 0; j < small; j++) {
        let dot = 0;
        for (let k = 0; k < Math.max(rows, cols); k++) {
          dot +=
            rows >= cols
              ? (w[k * cols + i] as number) * (w[k * cols + j] as number)
              : (w[i * cols + k] as number) * (w[j * cols + k] as number);
        }
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
  }
  expect(() => initialize('orthogonal', [4], new Rng(1))).toThrow(/needs a weight of rank >= 2/);
  expect(() => initialize('lecun' as never, [4], new Rng(1))).toThrow(/unknown initializer "lecun"/);
});
