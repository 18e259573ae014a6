import { describe, expect, it } from 'vitest';
import { codeRange, dequantizeValue, float32AtLeast, quantizeValue, quantParams, roundHalfEven } from './affine.js';

describe('quantParams', () => {
  it('symmetric int8: scale = max|x| / 127 rounded up to float32, zero point 0, codes -127..127', () => {
    const p = quantParams(-0.3, 0.7, { dtype: 'int8', mode: 'symmetric' });
    expect(p.zeroPoint).toBe(0);
    expect([p.qmin, p.qmax]).toEqual([-127, 127]);
    expect(p.scale).toBe(Math.fround(p.scale));
    expect(p.scale).toBeGreaterThanOrEqual(0.7 / 127);
    expect(p.scale - 0.7 / 127).toBeLessThan(1e-9);
  });

  it('affine uint8 maps [min, max] (widened to include 0) to 0..255 with an integer zero point', () => {
    const p = quantParams(-1, 2, { dtype: 'uint8', mode: 'affine' });
    expect(p.scale).toBeGreaterThanOrEqual(3 / 255);
    expect(p.zeroPoint).toBe(Math.round(1 / (3 / 255))); // 85
    const q = quantParams(0.5, 2, { dtype: 'uint8' }); // affine by default; 0 is included
    expect(q.zeroPoint).toBe(0);
    expect(q.scale).toBeGreaterThanOrEqual(2 / 255);
  });

  it('code ranges of every dtype and mode', () => {
    expect(codeRange('int8', 'affine')).toEqual({ qmin: -128, qmax: 127, zero: 0 });
    expect(codeRange('uint8', 'symmetric')).toEqual({ qmin: 1, qmax: 255, zero: 128 });
    expect(codeRange('q4', 'symmetric')).toEqual({ qmin: 1, qmax: 15, zero: 8 });
    expect(codeRange('q4', 'affine')).toEqual({ qmin: 0, qmax: 15, zero: 0 });
  });

  it('every value in the range comes back within scale / 2 (float64 check, all dtypes and modes)', () => {
    const ranges: [number, number][] = [[-1, 1], [-0.01, 3], [-5, -0.2], [0.1, 0.9], [-1e-3, 1e-3], [-123.4, 0.5]];
    for (const dtype of ['int8', 'uint8', 'q4'] as const) {
      for (const mode of ['symmetric', 'affine'] as const) {
        for (const [lo, hi] of ranges) {
          const p = quantParams(lo, hi, { dtype, mode });
          for (let k = 0; k <= 1000; k++) {
            const x = lo + ((hi - lo) * k) / 1000;
            const err = Math.abs(dequantizeValue(quantizeValue(x, p), p) - x);
            expect(err, `${dtype} ${mode} [${lo}, ${hi}] x=${x}`).toBeLessThanOrEqual(p.scale / 2 + 1e-12 * Math.abs(x));
          }
          expect(dequantizeValue(quantizeValue(0, p), p)).toBe(0); // zero is exact
        }
      }
    }
  });

  it('degenerate all-zero range gives scale 1 and keeps zero exact', () => {
    const p = quantParams(0, 0, { dtype: 'int8', mode: 'affine' });
    expect(p.scale).toBe(1);
    expect(dequantizeValue(quantizeValue(0, p), p)).toBe(0);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => quantParams(NaN, 1, { dtype: 'int8' })).toThrow(/quantParams: min and max must be finite numbers; got \[NaN, 1\]/);
    expect(() => quantParams(2, 1, { dtype: 'int8' })).toThrow(/quantParams: min must be <= max/);
    expect(() => quantParams(0, 1, { dtype: 'int3' as never })).toThrow(/spec.dtype must be one of 'int8', 'uint8', 'q4'; got "int3"/);
  });
});

describe('helpers', () => {
  it('roundHalfEven matches banker’s rounding (tf.round)', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, -3]);
  });

  it('float32AtLeast returns the smallest float32 >= x', () => {
    for (const x of [0.1, 1 / 3, 0.7 / 127, 1e-30, 12345.678]) {
      const f = float32AtLeast(x);
      expect(f).toBe(Math.fround(f));
      expect(f).toBeGreaterThanOrEqual(x);
      // the float32 just below is < x
      const below = new Float32Array([f]);
      new Uint32Array(below.buffer)[0]! -= 1;
      expect(below[0]!).toBeLessThan(x);
    }
  });
});
