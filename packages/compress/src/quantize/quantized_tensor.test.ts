import { describe, expect, it } from 'vitest';
import { fromFloat16Bits } from '@tessera/models';
import { channelOf, maxAbsPerChannel, rangePerBlock, weightsLike } from '../../test/helpers/reference.js';
import { dequantizeTensor, quantizedByteLength, quantizedCodes, quantizeTensor } from './quantized_tensor.js';
import { packInt4, unpackInt4 } from './int4_pack.js';

const F32_EPS = 2 ** -23;

/** Banker's rounding written independently of the package. */
function rint(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

describe('per-channel int8 (symmetric)', () => {
  const shape = [3, 3, 4, 6];
  const values = weightsLike(3 * 3 * 4 * 6, 11);
  const q = quantizeTensor(values, shape, { dtype: 'int8', axis: 3 }, 'conv/kernel');

  it('scales are max|x| / 127 per output channel (float64 reference), rounded up to float32', () => {
    const ref = maxAbsPerChannel(values, shape, 3).map((m) => m / 127);
    expect(q.scale!.length).toBe(6);
    ref.forEach((r, c) => {
      expect(q.scale![c]!).toBeGreaterThanOrEqual(r);
      expect(q.scale![c]! - r).toBeLessThanOrEqual(r * F32_EPS);
    });
    expect(q.zeroPoint).toBeNull();
  });

  it('codes are round(x / scale) in [-127, 127], and the max error per element is <= scale / 2', () => {
    const codes = quantizedCodes(q);
    const back = dequantizeTensor(q);
    let worst = 0;
    for (let i = 0; i < values.length; i++) {
      const s = q.scale![channelOf(i, shape, 3)]!;
      const x = values[i]!;
      expect(codes[i]).toBe(Math.max(-127, Math.min(127, rint(x / s))));
      // `back` is float32; allow its own rounding (one ulp of the value) on top of scale / 2.
      const err = Math.abs(back[i]! - x);
      expect(err).toBeLessThanOrEqual(s / 2 + Math.abs(x) * F32_EPS);
      worst = Math.max(worst, err / s);
    }
    expect(worst).toBeGreaterThan(0.4); // the bound is tight, so the check is not vacuous
  });

  it('stores a quarter of the float32 bytes plus one float32 scale per channel', () => {
    expect(q.data).toBeInstanceOf(Int8Array);
    expect(quantizedByteLength(q)).toBe(values.length + 6 * 4);
  });

  it('per-tensor uses one scale for all', () => {
    const t = quantizeTensor(values, shape, { dtype: 'int8' });
    expect(t.scale!.length).toBe(1);
    expect(t.scale![0]!).toBeGreaterThanOrEqual(Math.max(...maxAbsPerChannel(values, shape, null)) / 127);
  });
});

describe('affine and 4-bit', () => {
  it('uint8 affine per channel: zero points and error bound against a float64 reference', () => {
    const shape = [10, 5];
    const values = weightsLike(50, 3).map((v, i) => (i % 5 === 2 ? Math.abs(v) + 0.5 : v)); // one all-positive channel
    const q = quantizeTensor(values, shape, { dtype: 'uint8', axis: 1 });
    expect(q.mode).toBe('affine');
    const ranges = rangePerBlock(values, (i) => i % 5, 5);
    const back = dequantizeTensor(q);
    ranges.forEach(([lo, hi], c) => {
      const s = q.scale![c]!;
      expect(s).toBeGreaterThanOrEqual((hi - lo) / 255);
      expect(q.zeroPoint![c]).toBe(Math.round((0 - lo) / s) + 0);
    });
    expect(q.zeroPoint![2]).toBe(0); // min clamps to 0 for the positive channel
    for (let i = 0; i < 50; i++) expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(q.scale![i % 5]! / 2 + 1e-7);
  });

  it('q4 groups of 8 consecutive values: scale max|x| / 7 per group, codes offset by 8, packed two per byte', () => {
    const values = weightsLike(21, 5); // 3 groups, the last one short
    const q = quantizeTensor(values, [3, 7], { dtype: 'q4', groupSize: 8 });
    expect(q.scale!.length).toBe(3);
    expect(q.data.length).toBe(11);
    const codes = quantizedCodes(q);
    const back = dequantizeTensor(q);
    for (let i = 0; i < 21; i++) {
      const g = Math.floor(i / 8);
      const group = Array.from(values.slice(g * 8, g * 8 + 8));
      const s = q.scale![g]!;
      expect(s).toBeGreaterThanOrEqual(Math.max(...group.map(Math.abs)) / 7);
      expect(codes[i]).toBe(rint(values[i]! / s) + 8);
      expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(s / 2 + 1e-7);
    }
  });

  it('float16 keeps 11 significant bits (relative error <= 2^-11)', () => {
    const values = weightsLike(200, 9);
    const q = quantizeTensor(values, [200], { dtype: 'float16' });
    expect(q.data).toBeInstanceOf(Uint16Array);
    const back = dequantizeTensor(q);
    for (let i = 0; i < 200; i++) {
      expect(back[i]).toBe(fromFloat16Bits((q.data as Uint16Array)[i]!));
      expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * 2 ** -11 + 2 ** -25);
    }
  });
});

describe('int4 packing', () => {
  it('low nibble first; odd counts leave the last high nibble zero; exact round trip', () => {
    expect(Array.from(packInt4([1, 2, 15]))).toEqual([0x21, 0x0f]);
    const codes = Array.from({ length: 33 }, (_, i) => (i * 7) % 16);
    expect(Array.from(unpackInt4(packInt4(codes), 33))).toEqual(codes);
  });

  it('rejects codes outside 0..15 and wrong byte counts', () => {
    expect(() => packInt4([3, 16])).toThrow(/packInt4: codes\[1\] must be an integer in \[0, 15\]; got 16/);
    expect(() => unpackInt4(new Uint8Array(2), 5)).toThrow(/unpackInt4: bytes must hold ceil\(5 \/ 2\) = 3 bytes/);
  });
});

describe('bad input', () => {
  it('non-finite values, bad axis, groups on int8, unknown dtypes: errors that name the argument', () => {
    expect(() => quantizeTensor([1, NaN], [2], { dtype: 'int8' }, 'dense_1/kernel')).toThrow(
      /quantizeTensor: weight 'dense_1\/kernel' must hold finite values only .*; got NaN at flat index 1/,
    );
    expect(() => quantizeTensor([1, 2], [2], { dtype: 'int8', axis: 1 })).toThrow(/spec.axis \(tensor 'tensor', rank 1\) must be an integer in \[0, 0\]; got 1/);
    expect(() => quantizeTensor([1, 2], [2], { dtype: 'int8', groupSize: 2 })).toThrow(/spec.groupSize must be omitted for 'int8'/);
    expect(() => quantizeTensor([1, 2], [2], { dtype: 'int2' as never })).toThrow(/spec.dtype must be one of 'float32', 'float16', 'int8', 'uint8', 'q4'/);
    expect(() => quantizeTensor([1, 2, 3], [2], { dtype: 'int8' })).toThrow(/must hold 2 numbers for shape \[2\]; got 3/);
  });
});
