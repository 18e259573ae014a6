import { describe, expect, it } from 'vitest';
import { col, expectClose, mean, randomMatrix, variance } from '../../test/helpers/reference.js';
import { StandardScaler } from './standard_scaler.js';

describe('StandardScaler', () => {
  const X = randomMatrix(1, 200, 5);

  it('matches float64 mean / population std on generated data, and inverts', () => {
    const s = new StandardScaler().fit(X);
    const mu = [0, 1, 2, 3, 4].map((j) => mean(col(X, j)));
    const sd = [0, 1, 2, 3, 4].map((j) => Math.sqrt(variance(col(X, j))));
    expectClose([s.mean], [mu]);
    expectClose([s.variance], [sd.map((v) => v * v)]);
    expectClose([s.scale], [sd]);
    const Z = s.transform(X);
    expectClose(Z, X.map((r) => r.map((v, j) => (v - mu[j]!) / sd[j]!)), 1e-10, 1e-10);
    // standardized columns: mean 0, population variance 1
    for (let j = 0; j < 5; j++) {
      expect(mean(col(Z, j))).toBeCloseTo(0, 10);
      expect(variance(col(Z, j))).toBeCloseTo(1, 10);
    }
    expectClose(s.inverseTransform(Z), X, 1e-12, 1e-9);
  });

  it("reproduces scikit-learn's documented example", () => {
    const s = new StandardScaler().fit([[0, 0], [0, 0], [1, 1], [1, 1]]);
    expect(s.mean).toEqual([0.5, 0.5]);
    expect(s.transform([[0, 0], [0, 0], [1, 1], [1, 1]])).toEqual([[-1, -1], [-1, -1], [1, 1], [1, 1]]);
    expect(s.transform([[2, 2]])).toEqual([[3, 3]]);
  });

  it('leaves zero-variance (constant) features unscaled: scale 1, centred', () => {
    const s = new StandardScaler().fit([[5, 1], [5, 2], [5, 3]]);
    expect(s.scale[0]).toBe(1);
    expect(s.transform([[5, 2], [7, 2]])).toEqual([[0, 0], [2, 0]]);
    // a constant large value whose float64 variance is rounding noise also counts as constant
    const t = new StandardScaler().fit([[0.1 + 1e8], [0.1 + 1e8], [0.1 + 1e8]]);
    expect(t.scale).toEqual([1]);
  });

  it('partialFit over batches equals one fit', () => {
    const s = new StandardScaler();
    for (let i = 0; i < 200; i += 37) s.partialFit(X.slice(i, i + 37));
    const f = new StandardScaler().fit(X);
    expectClose([s.mean], [f.mean]);
    expectClose([s.variance], [f.variance], 1e-10);
    expect(s.nSamplesSeen).toBe(200);
  });

  it('honours withMean / withStd', () => {
    const data = [[1, 10], [3, 30]];
    expect(new StandardScaler({ withMean: false }).fitTransform(data)).toEqual([[1, 1], [3, 3]]);
    expect(new StandardScaler({ withStd: false }).fitTransform(data)).toEqual([[-1, -10], [1, 10]]);
  });

  it('round-trips through JSON with identical outputs', () => {
    const s = new StandardScaler().fit(X, ['a', 'b', 'c', 'd', 'e']);
    const again = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    const Xt = randomMatrix(2, 20, 5);
    expect(again.transform(Xt)).toEqual(s.transform(Xt));
    expect(again.inverseTransform(Xt)).toEqual(s.inverseTransform(Xt));
    expect(again.featureNamesOut()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('names the column of a NaN, says when it is not fitted, and checks shapes', () => {
    expect(() => new StandardScaler().transform([[1]])).toThrow('StandardScaler.transform: not fitted yet; call fit(X) (or fitTransform) first');
    expect(() => new StandardScaler().fit([[1, 2], [3, NaN]], ['age', 'income'])).toThrow(
      'StandardScaler.partialFit: X[1][1] (column "income") is NaN (a missing value); impute it first (SimpleImputer) or drop the row',
    );
    const s = new StandardScaler().fit([[1, 2], [3, 4]]);
    expect(() => s.transform([[NaN, 1]])).toThrow('StandardScaler.transform: X[0][0] (column 0) is NaN');
    expect(() => s.transform([[1, 2, 3]])).toThrow('StandardScaler.transform: X has 3 columns but the transformer was fitted on 2');
    expect(() => s.transform([[1, 'a' as never]])).toThrow('X[0][1] (column 1) must be a number; got a string (1 chars)');
    expect(() => s.fit([])).toThrow('StandardScaler.partialFit: X has no rows');
    expect(() => StandardScaler.fromJSON({ type: 'MinMaxScaler', version: 1 })).toThrow('StandardScaler.fromJSON: json.type must be "StandardScaler"');
  });
});
