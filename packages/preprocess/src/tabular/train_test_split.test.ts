import { describe, expect, it } from 'vitest';
import { Rng } from '@tessera/backend';
import { approximateMode, splitSizes, trainTestSplit, trainValTestSplit } from './train_test_split.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('trainTestSplit', () => {
  it("sizes splits as scikit-learn does (test rounds up, train rounds down, default 0.25)", () => {
    expect(splitSizes(10, undefined, undefined, 't')).toEqual([7, 3]);
    expect(splitSizes(10, 0.33, undefined, 't')).toEqual([6, 4]);
    expect(splitSizes(10, undefined, 0.67, 't')).toEqual([6, 4]);
    expect(splitSizes(10, 0.2, 0.5, 't')).toEqual([5, 2]);
    expect(splitSizes(10, 3, undefined, 't')).toEqual([7, 3]);
    expect(() => splitSizes(10, 0.6, 0.6, 't')).toThrow('t: testSize + trainSize = 1.2 exceeds 1');
    expect(() => splitSizes(3, 0.99, undefined, 't')).toThrow('t: with 3 samples and testSize 0.99 the train set would be empty');
    expect(() => splitSizes(10, 10, undefined, 't')).toThrow('t: testSize = 10 must be smaller than the number of samples 10');
  });

  it('partitions the samples, keeps x and y aligned, and is deterministic per seed', () => {
    const x = range(50).map((i) => ({ i }));
    const y = range(50).map((i) => i * 2);
    const a = trainTestSplit(x, y, { testSize: 0.2, rng: 3 });
    expect(a.xTest).toHaveLength(10);
    expect([...a.trainIndex, ...a.testIndex].sort((p, q) => p - q)).toEqual(range(50));
    a.xTrain.forEach((v, k) => expect(a.yTrain[k]).toBe(v.i * 2));
    expect(trainTestSplit(x, y, { testSize: 0.2, rng: 3 })).toEqual(a);
    expect(trainTestSplit(x, y, { testSize: 0.2, rng: 4 }).testIndex).not.toEqual(a.testIndex);
    expect(trainTestSplit(x, undefined, { shuffle: false, testSize: 0.2 }).testIndex).toEqual(range(10).map((i) => 40 + i));
  });

  it('stratifies: each class keeps its proportion (sklearn allocation)', () => {
    const y = [...Array(60).fill('a'), ...Array(30).fill('b'), ...Array(10).fill('c')] as string[];
    const s = trainTestSplit(range(100), y, { testSize: 0.2, rng: 1, stratify: true });
    const count = (ys: string[], c: string) => ys.filter((v) => v === c).length;
    expect([count(s.yTest, 'a'), count(s.yTest, 'b'), count(s.yTest, 'c')]).toEqual([12, 6, 2]);
    expect([count(s.yTrain, 'a'), count(s.yTrain, 'b'), count(s.yTrain, 'c')]).toEqual([48, 24, 8]);
    expect(() => trainTestSplit(range(4), ['a', 'a', 'a', 'b'], { stratify: true, rng: 0 })).toThrow(
      'trainTestSplit: the least populated class in stratify has 1 member; each class needs at least 2',
    );
    expect(() => trainTestSplit(range(4), ['a', 'a', 'b', 'b'], { stratify: true, shuffle: false })).toThrow('trainTestSplit: stratify needs shuffle: true');
  });

  it("hands out leftover draws like sklearn's _approximate_mode (documented examples)", () => {
    expect(approximateMode([4, 2], 3, new Rng(0))).toEqual([2, 1]);
    expect(approximateMode([5, 2], 4, new Rng(0))).toEqual([3, 1]);
    // ties are broken at random but the total is exact
    const tie = approximateMode([2, 2, 2], 2, new Rng(5));
    expect(tie.reduce((a, b) => a + b, 0)).toBe(2);
    expect(tie.every((v) => v <= 1)).toBe(true);
  });
});

describe('trainValTestSplit', () => {
  it('splits into three disjoint stratified parts sized from the whole set', () => {
    const y = range(200).map((i) => (i % 4 === 0 ? 'rare' : 'common'));
    const s = trainValTestSplit(range(200), y, { valSize: 0.1, testSize: 0.2, rng: 9, stratify: true });
    expect([s.xTrain.length, s.xVal.length, s.xTest.length]).toEqual([140, 20, 40]);
    expect(new Set([...s.trainIndex, ...s.valIndex, ...s.testIndex]).size).toBe(200);
    expect(s.yVal.filter((v) => v === 'rare')).toHaveLength(5);
    expect(s.yTest.filter((v) => v === 'rare')).toHaveLength(10);
    expect(trainValTestSplit(range(200), y, { valSize: 0.1, testSize: 0.2, rng: 9, stratify: true })).toEqual(s);
    expect(() => trainValTestSplit(range(10), undefined, { valSize: 0.5, testSize: 0.5 })).toThrow('trainValTestSplit: validation (5) + test (5) samples leave no training samples out of 10');
  });
});
