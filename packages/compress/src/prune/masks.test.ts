import { describe, expect, it } from 'vitest';
import { weightsLike } from '../../test/helpers/reference.js';
import { globalMagnitudeMasks, keptCount, magnitudeMask } from './magnitude.js';
import { nmMask } from './n_m.js';

/** Reference: keep the k largest |v| (ties to the lower index) by a float64 sort of (|v|, index). */
function refMask(values: ArrayLike<number>, k: number): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => {
    const d = Math.abs(values[b] as number) - Math.abs(values[a] as number);
    return d !== 0 ? d : a - b;
  });
  const m = new Array<number>(values.length).fill(0);
  idx.slice(0, k).forEach((i) => (m[i] = 1));
  return m;
}

describe('magnitude masks', () => {
  it('keep max(round(n (1 - s)), 1) largest magnitudes, exactly', () => {
    const v = weightsLike(137, 2);
    for (const s of [0, 0.25, 0.5, 0.8, 0.95, 0.999]) {
      const k = Math.max(Math.round(137 * (1 - s)), 1);
      expect(keptCount(137, s)).toBe(k);
      expect(Array.from(magnitudeMask(v, s))).toEqual(refMask(v, k));
    }
  });

  it('ties go to the lower index; global masks rank all tensors together', () => {
    expect(Array.from(magnitudeMask([1, -1, 1, 0.5], 0.5))).toEqual([1, 1, 0, 0]);
    const a = weightsLike(40, 3).map((x) => x * 0.1); // small weights
    const b = weightsLike(60, 4);
    const [ma, mb] = globalMagnitudeMasks([a, b], 0.7);
    const joint = refMask([...a, ...b], Math.round(100 * 0.3));
    expect([...Array.from(ma!), ...Array.from(mb!)]).toEqual(joint);
    const keptA = Array.from(ma!).reduce((n, x) => n + x, 0);
    const keptB = Array.from(mb!).reduce((n, x) => n + x, 0);
    expect(keptA / 40).toBeLessThan(keptB / 60); // the small layer loses more
  });

  it('pruning target outside [0, 1) is an error naming it', () => {
    expect(() => magnitudeMask([1, 2], 1)).toThrow(/magnitudeMask: sparsity must be a finite number in \[0, 1\); got 1/);
    expect(() => magnitudeMask([1, 2], -0.1)).toThrow(/sparsity must be a finite number in \[0, 1\); got -0.1/);
    expect(() => magnitudeMask([1, NaN], 0.5)).toThrow(/magnitudeMask: values must hold finite numbers .*; got NaN at index 1/);
  });
});

describe('N:M masks', () => {
  it('2:4 along the input channels of a conv kernel: at most 2 non-zeros per group, the 2 largest kept', () => {
    const shape = [3, 3, 8, 5]; // input channels 8 = two groups of 4
    const v = weightsLike(3 * 3 * 8 * 5, 6);
    const mask = nmMask(v, shape, 2, 4);
    for (let kh = 0; kh < 3; kh++) {
      for (let kw = 0; kw < 3; kw++) {
        for (let o = 0; o < 5; o++) {
          for (let g = 0; g < 8; g += 4) {
            const idx = [0, 1, 2, 3].map((c) => ((kh * 3 + kw) * 8 + g + c) * 5 + o);
            const ref = refMask(idx.map((i) => v[i]!), 2);
            expect(idx.map((i) => mask[i])).toEqual(ref);
          }
        }
      }
    }
    expect(Array.from(mask).reduce((n, x) => n + x, 0)).toBe(v.length / 2);
  });

  it('Dense kernels group along axis 0; a short trailing group keeps its n largest', () => {
    const v = [0.1, 0.9, -0.5, 0.2, 0.3, -0.05]; // [6, 1]: groups [0..3], [4, 5]
    expect(Array.from(nmMask(v, [6, 1], 2, 4))).toEqual([0, 1, 1, 0, 1, 1]);
    expect(() => nmMask(v, [6, 1], 4, 4)).toThrow(/nmMask: n must be an integer in \[1, 3\]; got 4/);
    expect(() => nmMask([1, 2], [2], 1, 2)).toThrow(/nmAxis: shape must have rank >= 2/);
  });
});
