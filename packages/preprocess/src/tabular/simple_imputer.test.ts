import { describe, expect, it } from 'vitest';
import { Rng } from '@tessera/backend';
import { SimpleImputer } from './simple_imputer.js';

describe('SimpleImputer', () => {
  it("reproduces scikit-learn's documented mean example", () => {
    const imp = new SimpleImputer({ strategy: 'mean' }).fit([[7, 2, 3], [4, NaN, 6], [10, 5, 9]]);
    expect(imp.transform([[NaN, 2, 3], [4, NaN, 6], [10, NaN, 9]])).toEqual([[7, 2, 3], [4, 3.5, 6], [10, 3.5, 9]]);
  });

  it('matches float64 mean and median of the observed values on generated data', () => {
    const rng = new Rng(11);
    const X = Array.from({ length: 101 }, () => [rng.next() < 0.2 ? NaN : rng.normal(), rng.next() < 0.5 ? null : rng.uniform(0, 9)]);
    for (const strategy of ['mean', 'median'] as const) {
      const imp = new SimpleImputer({ strategy }).fit(X);
      [0, 1].forEach((j) => {
        const seen = X.map((r) => r[j]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
        const m = seen.length;
        const expected = strategy === 'mean' ? seen.reduce((a, b) => a + b, 0) / m : m % 2 ? seen[(m - 1) / 2]! : (seen[m / 2 - 1]! + seen[m / 2]!) / 2;
        expect(imp.statistics[j]).toBeCloseTo(expected, 13);
      });
      const out = imp.transform(X);
      expect(out.flat().every((v) => typeof v === 'number' && !Number.isNaN(v))).toBe(true);
    }
  });

  it('most_frequent picks the smallest value among ties, for numbers and text', () => {
    const imp = new SimpleImputer({ strategy: 'most_frequent' }).fit([
      [3, 'b'],
      [1, 'a'],
      [3, 'b'],
      [1, 'a'],
      [NaN, null],
      [2, 'c'],
    ]);
    expect(imp.statistics).toEqual([1, 'a']);
    expect(imp.transform([[NaN, undefined]])).toEqual([[1, 'a']]);
  });

  it("constant fills 0 for numbers and 'missing_value' for text unless fillValue is given", () => {
    expect(new SimpleImputer({ strategy: 'constant' }).fit([[1, 'x'], [NaN, null]]).statistics).toEqual([0, 'missing_value']);
    expect(new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fitTransform([[NaN], [2]])).toEqual([[-1], [2]]);
  });

  it('refuses an all-missing column (sklearn would silently drop it) unless keepEmptyFeatures', () => {
    expect(() => new SimpleImputer().fit([[1, NaN], [2, NaN]], ['a', 'b'])).toThrow(
      "SimpleImputer.fit: column \"b\" has no observed value to compute a mean; drop the column, use strategy 'constant', or pass keepEmptyFeatures: true (fills 0)",
    );
    expect(new SimpleImputer({ keepEmptyFeatures: true }).fitTransform([[1, NaN], [3, NaN]])).toEqual([[1, 0], [3, 0]]);
  });

  it('names bad cells and checks fitting', () => {
    expect(() => new SimpleImputer().fit([[1], ['a']], ['age'])).toThrow('column "age" mixes numbers and strings (at X[1][0])');
    expect(() => new SimpleImputer({ strategy: 'median' }).fit([['a']])).toThrow("strategy 'median' needs numbers but X[0][0] (column 0) is a string");
    expect(() => new SimpleImputer().transform([[1]])).toThrow('SimpleImputer.transform: not fitted yet');
    expect(() => new SimpleImputer({ strategy: 'mode' as never })).toThrow('SimpleImputer: options.strategy must be one of mean, median, most_frequent, constant');
  });

  it('round-trips through JSON (text and NaN-free stats) with identical outputs', () => {
    const X = [[1.5, 'x'], [NaN, null], [2.25, 'x'], [0.1, 'y']];
    const imp = new SimpleImputer({ strategy: 'most_frequent' }).fit(X);
    const again = SimpleImputer.fromJSON(JSON.parse(JSON.stringify(imp)));
    expect(again.transform(X)).toEqual(imp.transform(X));
    const c = new SimpleImputer({ strategy: 'constant', fillValue: 'NaN' }).fit([['a'], [null]]);
    expect(SimpleImputer.fromJSON(JSON.parse(JSON.stringify(c))).transform([[null]])).toEqual([['NaN']]);
  });
});
