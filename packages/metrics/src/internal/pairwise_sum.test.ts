import { Rng } from '@tessera/backend';
import { describe, expect, it } from 'vitest';
import { npMean, npWeightedMean, pairwiseSum } from './pairwise_sum.js';

describe('pairwiseSum', () => {
  it('sums small and blocked inputs', () => {
    expect(pairwiseSum([])).toBe(0);
    expect(pairwiseSum([1, 2, 3])).toBe(6);
    expect(pairwiseSum(Array.from({ length: 1000 }, (_, i) => i))).toBe(499500);
    expect(pairwiseSum([5, 1, 2, 3], 1, 2)).toBe(3);
    expect(npMean([1, 2, 3, 4])).toBe(2.5);
    expect(npWeightedMean([1, 3], [3, 1])).toBe(1.5);
  });
  it('is far more accurate than a running sum on long inputs', () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 100_000 }, () => rng.next() * 1e6);
    // Reference: Kahan summation.
    let s = 0;
    let c = 0;
    for (const x of xs) {
      const y = x - c;
      const t = s + y;
      c = t - s - y;
      s = t;
    }
    expect(Math.abs(pairwiseSum(xs) - s) / s).toBeLessThan(1e-14);
  });
  it('follows the 8-accumulator block order of NumPy', () => {
    // Order-sensitive input: 1e16 absorbs a lone 1, but 8 accumulators keep the 1s together.
    const a = [1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    // r0 = 1e16 + 1 (absorbed), r1..r7 = 2 each, combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    const r0 = 1e16 + 1;
    const expected = r0 + 2 + (2 + 2) + (2 + 2 + (2 + 2));
    expect(pairwiseSum(a)).toBe(expected);
  });
});
