import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { classCounts, gatherDigits, loadDigits, sampleIndices, splitDigits, type Digits } from './data.js';

let digits: Digits;
beforeAll(async () => {
  digits = await loadDigits();
});

describe('loadDigits', () => {
  it('reads all 10,000 digits of the mnist package with their labels', () => {
    // Reference: the package's own files, read independently.
    const require = createRequire(import.meta.url);
    const perClass = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data.length / 784);
    expect(digits.count).toBe(10_000);
    expect(classCounts(digits.labels)).toEqual(perClass);
    expect(digits.images.length).toBe(10_000 * 784);
    expect(Object.keys(digits.source.files)).toHaveLength(10);
    expect(digits.source.version).toBe('1.1.0');
    for (const h of Object.values(digits.source.files)) expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('sampleIndices and splitDigits', () => {
  it('samples with the class balance of the whole set, reproducibly', () => {
    const a = sampleIndices(digits.labels, 500, 3);
    expect(a).toEqual(sampleIndices(digits.labels, 500, 3));
    expect(new Set(a).size).toBe(a.length);
    const counts = classCounts(a.map((i) => digits.labels[i]!));
    const whole = classCounts(digits.labels);
    counts.forEach((c, k) => expect(Math.abs(c - (whole[k]! / 10_000) * 500)).toBeLessThanOrEqual(1));
    expect(sampleIndices(digits.labels, null, 3)).toHaveLength(10_000);
  });

  it('splits into disjoint stratified parts that cover the sample', () => {
    const idx = sampleIndices(digits.labels, 2000, 1);
    const s = splitDigits(digits.labels, idx, { valSize: 0.1, testSize: 0.1, seed: 1 });
    expect(s.train.length + s.val.length + s.test.length).toBe(2000);
    expect(new Set([...s.train, ...s.val, ...s.test])).toEqual(new Set(idx));
    const test = classCounts(s.test.map((i) => digits.labels[i]!));
    const all = classCounts(idx.map((i) => digits.labels[i]!));
    test.forEach((c, k) => expect(Math.abs(c - all[k]! / 10)).toBeLessThanOrEqual(1));
  });

  it('refuses a part smaller than the number of classes', () => {
    const idx = sampleIndices(digits.labels, 100, 1);
    expect(() => splitDigits(digits.labels, idx, { valSize: 0.05, testSize: 0.1, seed: 1 })).toThrow('--val-size 0.05 of 100 digits leaves 5 digits, fewer than the 10 classes');
  });

  it('gathers the images of given indices', () => {
    const g = gatherDigits(digits, [3, 9999]);
    expect(Array.from(g.images.subarray(0, 784))).toEqual(Array.from(digits.images.subarray(3 * 784, 4 * 784)));
    expect(Array.from(g.labels)).toEqual([digits.labels[3], digits.labels[9999]]);
  });
});
