import { expect, it } from 'vitest';
import { fromBFloat16Bits, fromFloat16Bits, toBFloat16Bits, toFloat16Bits } from '../index.js';

it('binary16 encodes known values, rounding to nearest even', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [65519, 0x7bff], // below the midpoint to infinity
    [65520, 0x7c00], // the midpoint rounds to even: infinity
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // tie between 0 and 2^-24: even is 0
    [1.5 * 2 ** -25, 0x0001],
    [1 / 3, 0x3555],
    [1 + 2 ** -11, 0x3c00], // tie: even mantissa 0
    [1 + 3 * 2 ** -11, 0x3c02], // tie: even mantissa 2
    [1 + 2 ** -11 + 2 ** -20, 0x3c01],
  ];
  for (const [v, bits] of cases) expect(toFloat16Bits(v), String(v)).toBe(bits);
  const nan = toFloat16Bits(NaN);
  expect((nan & 0x7c00) === 0x7c00 && (nan & 0x3ff) !== 0).toBe(true);
  expect(fromFloat16Bits(0x3555)).toBe(0.333251953125);
  expect(Object.is(fromFloat16Bits(0x8000), -0)).toBe(true);
  expect(fromFloat16Bits(0x7e00)).toBeNaN();
});

it('every finite binary16 and bfloat16 value round-trips exactly', () => {
  for (let h = 0; h < 65536; h++) {
    const v = fromFloat16Bits(h);
    if (!Number.isNaN(v)) expect(toFloat16Bits(v)).toBe(h);
    const b = fromBFloat16Bits(h);
    if (!Number.isNaN(b)) expect(toBFloat16Bits(b)).toBe(h);
  }
});

it('binary16 rounding picks the nearest value (ties to even) for random floats of every magnitude', () => {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = 0; i < 20000; i++) {
    const x = Math.fround((next() < 0.5 ? -1 : 1) * 2 ** (-26 + 43 * next()) * (1 + next()));
    const h = toFloat16Bits(x);
    const v = fromFloat16Bits(h);
    if (!Number.isFinite(v)) {
      expect(Math.abs(x)).toBeGreaterThanOrEqual(65520);
      continue;
    }
    // Neighbours of h in magnitude (same sign); none may be nearer, and a tie must go to the even one.
    for (const n of [(h & 0x7fff) - 1, (h & 0x7fff) + 1]) {
      if (n < 0 || n > 0x7bff) continue;
      const w = fromFloat16Bits(n | (h & 0x8000));
      const dv = Math.abs(x - v);
      const dw = Math.abs(x - w);
      expect(dv).toBeLessThanOrEqual(dw);
      if (dv === dw) expect(h & 1).toBe(0);
    }
  }
});

it('bfloat16 keeps the float32 exponent and rounds the mantissa to nearest even', () => {
  expect(toBFloat16Bits(1)).toBe(0x3f80);
  expect(toBFloat16Bits(1 + 2 ** -8)).toBe(0x3f80);
  expect(toBFloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
  expect(toBFloat16Bits(3e38)).toBe(0x7f62);
  expect(fromBFloat16Bits(0xc000)).toBe(-2);
  expect(Number.isNaN(fromBFloat16Bits(toBFloat16Bits(NaN)))).toBe(true);
});
