import { describe, expect, it } from 'vitest';
import { col, expectClose, percentile, randomMatrix } from '../../test/helpers/reference.js';
import { percentileSorted } from './quantile.js';
import { RobustScaler } from './robust_scaler.js';

describe('RobustScaler', () => {
  it("reproduces scikit-learn's documented example", () => {
    const X = [[1, -2, 2], [-2, 1, 3], [4, 1, -2]];
    const s = new RobustScaler().fit(X);
    expectClose(s.transform(X), [[0, -2, 0], [-1, 0, 0.4], [1, 0, -1.6]], 1e-15, 1e-15);
  });

  it('uses numpy linear-interpolation percentiles and the median, and inverts', () => {
    for (const n of [1, 2, 7, 10, 101]) {
      const X = randomMatrix(n, n, 3);
      const s = new RobustScaler({ quantileRange: [10, 80] }).fit(X);
      const center = [0, 1, 2].map((j) => percentile(col(X, j), 50));
      const scale = [0, 1, 2].map((j) => percentile(col(X, j), 80) - percentile(col(X, j), 10) || 1);
      expectClose([s.center!], [center], 1e-13, 1e-12);
      expectClose([s.scale!], [scale], 1e-12, 1e-12);
      expectClose(s.inverseTransform(s.transform(X)), X, 1e-12, 1e-9);
    }
  });

  it("interpolates like numpy's lerp on hand-checkable values", () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(percentileSorted(s, 25)).toBe(1.75); // np.percentile([1,2,3,4], 25)
    expect(percentileSorted(s, 75)).toBe(3.25);
    expect(percentileSorted(s, 50)).toBe(2.5);
    expect(percentileSorted(s, 100)).toBe(4);
    expect(percentileSorted(s, 0)).toBe(1);
  });

  it('keeps scale 1 for a zero quantile range and honours withCentering / withScaling', () => {
    const s = new RobustScaler().fit([[3, 1], [3, 2], [3, 3], [3, 4]]);
    expect(s.scale![0]).toBe(1);
    expect(new RobustScaler({ withCentering: false }).fit([[1], [2], [3], [4], [5]]).transform([[4]])).toEqual([[2]]);
    expect(new RobustScaler({ withScaling: false }).fit([[1], [2], [3], [4], [5]]).transform([[4]])).toEqual([[1]]);
  });

  it('round-trips through JSON with identical outputs and validates input', () => {
    const X = randomMatrix(8, 40, 2);
    const s = new RobustScaler().fit(X);
    const again = RobustScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(again.transform(X)).toEqual(s.transform(X));
    expect(() => new RobustScaler({ quantileRange: [80, 20] })).toThrow('RobustScaler: options.quantileRange must be [qMin, qMax] with 0 <= qMin <= qMax <= 100');
    expect(() => new RobustScaler().fit([[1], [NaN]], ['rent'])).toThrow('RobustScaler.fit: X[1][0] (column "rent") is NaN');
    expect(() => new RobustScaler().inverseTransform([[1]])).toThrow('RobustScaler.inverseTransform: not fitted yet');
  });
});
