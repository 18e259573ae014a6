import { describe, expect, it } from 'vitest';
import { randomOverSample, randomUnderSample } from './resample.js';

const y = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'c'];
const x = y.map((_, i) => [i]);
const counts = (ys: string[]) => Object.fromEntries(['a', 'b', 'c'].map((c) => [c, ys.filter((v) => v === c).length]));

describe('random over/under-sampling', () => {
  it('over-samples every class to the majority, originals first, deterministically', () => {
    const r = randomOverSample(x, y, { rng: 1 });
    expect(counts(r.y)).toEqual({ a: 6, b: 6, c: 6 });
    expect(r.indices.slice(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    r.indices.forEach((i, k) => expect(r.x[k]).toEqual([i]));
    expect(r.report).toMatchObject({ added: 9, removed: 0 });
    expect([...r.report.after]).toEqual([['a', 6], ['b', 6], ['c', 6]]);
    expect(randomOverSample(x, y, { rng: 1 })).toEqual(r);
  });

  it('under-samples every class to the minority without replacement, counting what went', () => {
    const r = randomUnderSample(x, y, { rng: 2 });
    expect(counts(r.y)).toEqual({ a: 1, b: 1, c: 1 });
    expect(r.report.removed).toBe(6);
    expect(new Set(r.indices).size).toBe(3);
    const m = randomUnderSample(x, y, { rng: 2, strategy: new Map([['a', 3]]) });
    expect(counts(m.y)).toEqual({ a: 3, b: 2, c: 1 });
    expect(m.y).toEqual(['a', 'a', 'a', 'b', 'b', 'c']); // grouped by class, sorted
  });

  it('validates targets', () => {
    expect(() => randomUnderSample(x, y, { strategy: new Map([['a', 9]]) })).toThrow('randomUnderSample: under-sampling target 9 is above the class\'s 6 samples');
    expect(() => randomOverSample(x, y, { strategy: new Map([['z', 9]]) })).toThrow('randomOverSample: options.strategy names a class that y does not contain');
    expect(() => randomOverSample(x, y.slice(1))).toThrow('randomOverSample: y must have one label per sample of x (9)');
  });
});
