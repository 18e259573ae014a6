import { describe, expect, it } from 'vitest';
import { OneHotEncoder } from './one_hot_encoder.js';

describe('OneHotEncoder', () => {
  const X = [['Male', 1], ['Female', 3], ['Female', 2]];

  it("reproduces scikit-learn's documented example (sorted categories, unknown ignored)", () => {
    const enc = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(X);
    expect(enc.categories).toEqual([['Female', 'Male'], [1, 2, 3]]);
    expect(enc.transform([['Female', 1], ['Male', 4]])).toEqual([[1, 0, 1, 0, 0], [0, 1, 0, 0, 0]]);
    expect(enc.inverseTransform([[0, 1, 1, 0, 0], [0, 0, 0, 1, 0]])).toEqual([['Male', 1], [null, 2]]);
    expect(enc.featureNamesOut(['gender', 'group'])).toEqual(['gender_Female', 'gender_Male', 'group_1', 'group_2', 'group_3']);
  });

  it('sorts numbers numerically and text by code point', () => {
    const enc = new OneHotEncoder().fit([[10, 'b'], [9, 'B'], [100, 'a'], [9, 'é']]);
    expect(enc.categories).toEqual([[9, 10, 100], ['B', 'a', 'b', 'é']]);
    expect(enc.featureNamesOut()).toEqual(['x0_9', 'x0_10', 'x0_100', 'x1_B', 'x1_a', 'x1_b', 'x1_é']);
  });

  it('raises on an unknown category by default, naming the cell but not the value', () => {
    const enc = new OneHotEncoder().fit(X, ['gender', 'group']);
    expect(() => enc.transform([['Other', 1]])).toThrow(
      "OneHotEncoder.transform: X[0][0] (column \"gender\") is a category not seen in fit; pass handleUnknown: 'ignore' to encode unknown categories as all zeros",
    );
    expect(() => enc.inverseTransform([[0, 0, 1, 0, 0]])).toThrow("has an all-zero block for column \"gender\" (only valid with handleUnknown: 'ignore')");
    expect(() => enc.inverseTransform([[1, 1, 1, 0, 0]])).toThrow('X[0] has more than one 1 in the block of column "gender"');
    expect(() => enc.transform([[null, 1]])).toThrow('X[0][0] (column "gender") is missing (null); impute it first');
    expect(() => new OneHotEncoder().fit([['a'], [1]])).toThrow('OneHotEncoder.fit: column 0 of X mixes strings and numbers');
  });

  it('uses given categories and checks the data against them', () => {
    const enc = new OneHotEncoder({ categories: [['c', 'a', 'b']] }).fit([['a'], ['b']]);
    expect(enc.categories).toEqual([['a', 'b', 'c']]);
    expect(enc.transform([['c']])).toEqual([[0, 0, 1]]);
    expect(() => new OneHotEncoder({ categories: [['a']] }).fit([['z']])).toThrow('is a category not seen in fit (not in options.categories)');
  });

  it('round-trips through JSON with identical outputs, keeping number and string categories apart', () => {
    const enc = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['1', 1], ['NaN', 2]]);
    const again = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(enc)));
    expect(again.categories).toEqual([['1', 'NaN'], [1, 2]]);
    const probe = [['1', 2], ['NaN', 1], ['x', 3]];
    expect(again.transform(probe)).toEqual(enc.transform(probe));
    expect(again.inverseTransform(enc.transform(probe))).toEqual(enc.inverseTransform(enc.transform(probe)));
  });
});
