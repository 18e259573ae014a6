import { describe, expect, it } from 'vitest';
import { col, mean, percentile, randomMatrix, variance } from '../../test/helpers/reference.js';
import { OutlierFilter } from './outlier_filter.js';

describe('OutlierFilter', () => {
  it("learns Tukey's IQR fences and removes rows outside them, with a report", () => {
    const X = [[1, 10], [2, 11], [3, 12], [4, 13], [100, 12], [3, -50]];
    const f = new OutlierFilter({ method: 'iqr', factor: 1.5 }).fit(X, ['a', 'b']);
    const q1 = percentile(col(X, 0), 25);
    const q3 = percentile(col(X, 0), 75);
    expect(f.bounds[0]).toEqual([q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)]);
    const { X: kept, y, kept: idx, report } = f.filter(X, ['p', 'q', 'r', 's', 't', 'u']);
    expect(idx).toEqual([0, 1, 2, 3]);
    expect(kept).toEqual(X.slice(0, 4));
    expect(y).toEqual(['p', 'q', 'r', 's']);
    expect(report).toEqual({ rows: 6, kept: 4, removed: 2, removedByColumn: { a: 1, b: 1 } });
  });

  it('uses |x - mean| / population std > threshold for z-scores', () => {
    const X = randomMatrix(21, 300, 2);
    const f = new OutlierFilter({ method: 'zscore', threshold: 2 }).fit(X);
    const m = mean(col(X, 1));
    const s = Math.sqrt(variance(col(X, 1)));
    expect(f.bounds[1]![0]).toBeCloseTo(m - 2 * s, 9);
    const mask = f.mask(X);
    X.forEach((r, i) => {
      const inside = [0, 1].every((j) => Math.abs(r[j]! - mean(col(X, j))) <= 2 * Math.sqrt(variance(col(X, j))) + 1e-9);
      expect(mask[i]).toBe(inside);
    });
    expect(OutlierFilter.fromJSON(JSON.parse(JSON.stringify(f))).mask(X)).toEqual(mask);
  });

  it('validates input and fitting', () => {
    expect(() => new OutlierFilter().mask([[1]])).toThrow('OutlierFilter.mask: not fitted yet');
    expect(() => new OutlierFilter({ factor: -1 })).toThrow('OutlierFilter: options.factor must be a finite number >= 0');
    const f = new OutlierFilter().fit([[1], [2], [3]]);
    expect(() => f.filter([[1]], [1, 2])).toThrow('OutlierFilter.filter: y must have one label per row of X (1)');
    expect(() => f.filter([[NaN]])).toThrow('OutlierFilter.filter: X[0][0] (column 0) is NaN');
  });
});
