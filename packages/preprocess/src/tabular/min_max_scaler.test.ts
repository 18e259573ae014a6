import { describe, expect, it } from 'vitest';
import { col, expectClose, randomMatrix } from '../../test/helpers/reference.js';
import { MinMaxScaler } from './min_max_scaler.js';

describe('MinMaxScaler', () => {
  it("reproduces scikit-learn's documented example", () => {
    const data = [[-1, 2], [-0.5, 6], [0, 10], [1, 18]];
    const s = new MinMaxScaler().fit(data);
    expect(s.dataMax).toEqual([1, 18]);
    expect(s.transform(data)).toEqual([[0, 0], [0.25, 0.25], [0.5, 0.5], [1, 1]]);
    expect(s.transform([[2, 2]])).toEqual([[1.5, 0]]);
  });

  it('matches (x - min) / (max - min) * (b - a) + a on generated data, and inverts', () => {
    const X = randomMatrix(3, 100, 4);
    const s = new MinMaxScaler({ featureRange: [-1, 3] }).fit(X);
    const lo = [0, 1, 2, 3].map((j) => Math.min(...col(X, j)));
    const hi = [0, 1, 2, 3].map((j) => Math.max(...col(X, j)));
    const Z = s.transform(X);
    expectClose(Z, X.map((r) => r.map((v, j) => ((v - lo[j]!) / (hi[j]! - lo[j]!)) * 4 - 1)), 1e-12, 1e-12);
    expectClose(s.inverseTransform(Z), X, 1e-12, 1e-9);
  });

  it('maps a zero-range feature to the range minimum (scale = range width)', () => {
    const s = new MinMaxScaler({ featureRange: [2, 5] }).fit([[7, 0], [7, 1]]);
    expect(s.scale).toEqual([3, 3]);
    expect(s.transform([[7, 0.5], [8, 1]])).toEqual([[2, 3.5], [5, 5]]);
  });

  it('clips unseen data into the range only when asked', () => {
    const data = [[0], [10]];
    expect(new MinMaxScaler().fit(data).transform([[20], [-5]])).toEqual([[2], [-0.5]]);
    expect(new MinMaxScaler({ clip: true }).fit(data).transform([[20], [-5]])).toEqual([[1], [0]]);
  });

  it('partialFit widens the range batch by batch', () => {
    const s = new MinMaxScaler().partialFit([[1, 5]]).partialFit([[-3, 9], [2, 7]]);
    expect(s.dataMin).toEqual([-3, 5]);
    expect(s.dataMax).toEqual([2, 9]);
    expect(s.nSamplesSeen).toBe(3);
  });

  it('round-trips through JSON with identical outputs and validates options', () => {
    const X = randomMatrix(4, 30, 3);
    const s = new MinMaxScaler({ featureRange: [0, 255], clip: true }).fit(X);
    const again = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    const Xt = randomMatrix(5, 10, 3);
    expect(again.transform(Xt)).toEqual(s.transform(Xt));
    expect(again.inverseTransform(Xt)).toEqual(s.inverseTransform(Xt));
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow('MinMaxScaler: options.featureRange must be [min, max] with finite min < max; got [1,1]');
    expect(() => new MinMaxScaler().transform([[1]])).toThrow('MinMaxScaler.transform: not fitted yet');
    expect(() => new MinMaxScaler().fit([[NaN]], ['price'])).toThrow('X[0][0] (column "price") is NaN');
  });
});
