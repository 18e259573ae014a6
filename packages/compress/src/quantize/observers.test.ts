import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { percentile, weightsLike } from '../../test/helpers/reference.js';
import { createObserver, MinMaxObserver, MovingAverageMinMaxObserver, PercentileObserver } from './observers.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('observers', () => {
  it('MinMaxObserver keeps the running extremes over arrays and tensors (tensors are not disposed)', async () => {
    const o = new MinMaxObserver();
    const t = tf.tensor1d([0.5, -3, 2]);
    await expectNoLeaks(() => o.observe(t));
    o.observe([7, -1]);
    expect(o.range()).toEqual([-3, 7]);
    t.dispose();
    o.reset();
    expect(() => o.range()).toThrow(/MinMaxObserver.range: no values observed yet/);
  });

  it('MovingAverageMinMaxObserver follows min += c (batchMin - min) (PyTorch), first batch sets it', () => {
    const batches = Array.from({ length: 6 }, (_, b) => Array.from(weightsLike(50, b + 1)));
    const c = 0.3;
    const o = new MovingAverageMinMaxObserver({ averagingConstant: c });
    let lo = NaN;
    let hi = NaN;
    for (const b of batches) {
      o.observe(b);
      const bl = Math.min(...b);
      const bh = Math.max(...b);
      if (Number.isNaN(lo)) [lo, hi] = [bl, bh];
      else [lo, hi] = [lo + c * (bl - lo), hi + c * (bh - hi)];
    }
    const [a, z] = o.range();
    expect(a).toBeCloseTo(lo, 12);
    expect(z).toBeCloseTo(hi, 12);
  });

  it('PercentileObserver matches NumPy percentiles (linear interpolation) over all batches', () => {
    const all: number[] = [];
    const o = new PercentileObserver({ percentile: 99 });
    for (let b = 0; b < 4; b++) {
      const values = Array.from(weightsLike(251, 20 + b));
      all.push(...values);
      o.observe(values);
    }
    const [lo, hi] = o.range();
    expect(lo).toBeCloseTo(percentile(all, 1), 12);
    expect(hi).toBeCloseTo(percentile(all, 99), 12);
    expect(hi).toBeLessThan(Math.max(...all)); // outliers are clipped
  });

  it('PercentileObserver beyond maxSamples keeps a seeded reservoir: deterministic, within the data range', () => {
    const values = Array.from(weightsLike(5000, 3));
    const run = () => {
      const o = new PercentileObserver({ percentile: 99.9, maxSamples: 1000, seed: 4 });
      for (let i = 0; i < 5000; i += 500) o.observe(values.slice(i, i + 500));
      return o.range();
    };
    const [lo, hi] = run();
    expect(run()).toEqual([lo, hi]);
    expect(lo).toBeGreaterThanOrEqual(Math.min(...values));
    expect(hi).toBeLessThanOrEqual(Math.max(...values));
    expect(hi).toBeGreaterThan(percentile(values, 90));
  });

  it('bad input is an error naming the argument', () => {
    expect(() => new MinMaxObserver().observe([1, NaN])).toThrow(/MinMaxObserver.observe: values must be finite .*; got NaN at index 1/);
    expect(() => new MovingAverageMinMaxObserver({ averagingConstant: 0 })).toThrow(/options.averagingConstant must be a finite number in \(0, 1\]; got 0/);
    expect(() => new PercentileObserver({ percentile: 20 })).toThrow(/options.percentile must be a finite number in \[50, 100\]; got 20/);
    expect(() => createObserver('median' as never)).toThrow(/options.observer must be 'minmax', 'moving-average', 'percentile' or a function/);
  });
});
