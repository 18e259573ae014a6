import { describe, expect, it } from 'vitest';
import { accuracy, crossValidate, groupKFold, kFold, stratifiedKFold, timeSeriesSplit, type Fold } from '../index.js';

const tests = (folds: Fold[]): number[][] => folds.map((f) => f.test);

/** Every index is in exactly one test fold, and train is the complement. */
function expectPartition(folds: Fold[], n: number): void {
  const seen = new Array<number>(n).fill(0);
  for (const f of folds) {
    for (const i of f.test) seen[i] = (seen[i] as number) + 1;
    expect([...f.train, ...f.test].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  }
  expect(seen.every((c) => c === 1)).toBe(true);
}

describe('kFold', () => {
  it('gives the first n % k folds one extra sample', () => {
    expect(tests(kFold(10, 3))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(kFold(4, 2)).toEqual([
      { train: [2, 3], test: [0, 1] },
      { train: [0, 1], test: [2, 3] },
    ]);
  });
  it('shuffles reproducibly with a seed', () => {
    const a = kFold(50, 5, { shuffle: true, seed: 3 });
    expect(kFold(50, 5, { shuffle: true, seed: 3 })).toEqual(a);
    expect(kFold(50, 5, { shuffle: true, seed: 4 })).not.toEqual(a);
    expect(a.map((f) => f.test.length)).toEqual([10, 10, 10, 10, 10]);
    expectPartition(a, 50);
  });
  it('checks k', () => {
    expect(() => kFold(3, 4)).toThrow('kFold: k must be at most the number of samples (3); got 4');
    expect(() => kFold(3, 1)).toThrow('kFold: k must be an integer >= 2; got 1');
  });
});

describe('stratifiedKFold', () => {
  it('keeps class proportions, in data order', () => {
    expect(tests(stratifiedKFold([0, 0, 1, 1], 2))).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(tests(stratifiedKFold([0, 0, 0, 1, 1, 1], 3))).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });
  it('deals the class-sorted labels round-robin to size folds', () => {
    // 5 of class 'a', 2 of 'b', k = 2: sorted labels a a a a a b b go to folds 0 1 0 1 0 1 0,
    // so fold 0 takes 3 a + 1 b, fold 1 takes 2 a + 1 b; each class fills folds in order.
    const y = ['b', 'a', 'a', 'b', 'a', 'a', 'a'];
    expect(tests(stratifiedKFold(y, 2))).toEqual([
      [0, 1, 2, 4],
      [3, 5, 6],
    ]);
  });
  it('shuffles within classes with a seed and still partitions', () => {
    const y = Array.from({ length: 60 }, (_, i) => i % 3);
    const folds = stratifiedKFold(y, 4, { shuffle: true, seed: 1 });
    expectPartition(folds, 60);
    expect(stratifiedKFold(y, 4, { shuffle: true, seed: 1 })).toEqual(folds);
    for (const f of folds) expect(f.test.filter((i) => y[i] === 0).length).toBe(5);
  });
  it('needs k <= the largest class', () => {
    expect(() => stratifiedKFold([0, 1, 1], 3)).toThrow('stratifiedKFold: k must be at most the size of the largest class (2); got 3');
  });
});

describe('groupKFold', () => {
  it('keeps groups together, largest group to the lightest fold', () => {
    expect(groupKFold([0, 0, 2, 2], 2)).toEqual([
      { train: [0, 1], test: [2, 3] },
      { train: [2, 3], test: [0, 1] },
    ]);
    expect(tests(groupKFold(['a', 'a', 'b', 'c', 'c', 'c'], 2))).toEqual([
      [3, 4, 5],
      [0, 1, 2],
    ]);
    expectPartition(groupKFold([1, 1, 2, 3, 3, 4, 5, 5, 5, 6], 3), 10);
  });
  it('needs at least k groups', () => {
    expect(() => groupKFold([1, 1, 2], 3)).toThrow('groupKFold: k must be at most the number of groups (2); got 3');
  });
});

describe('timeSeriesSplit', () => {
  it('trains on the past and tests on the next block', () => {
    expect(timeSeriesSplit(6, 5)).toEqual([
      { train: [0], test: [1] },
      { train: [0, 1], test: [2] },
      { train: [0, 1, 2], test: [3] },
      { train: [0, 1, 2, 3], test: [4] },
      { train: [0, 1, 2, 3, 4], test: [5] },
    ]);
  });
  it('supports gap, testSize and maxTrainSize like scikit-learn', () => {
    expect(timeSeriesSplit(12, 3, { testSize: 2, gap: 2 })).toEqual([
      { train: [0, 1, 2, 3], test: [6, 7] },
      { train: [0, 1, 2, 3, 4, 5], test: [8, 9] },
      { train: [0, 1, 2, 3, 4, 5, 6, 7], test: [10, 11] },
    ]);
    expect(timeSeriesSplit(10, 2, { maxTrainSize: 3 }).map((f) => f.train)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
  it('refuses impossible splits', () => {
    expect(() => timeSeriesSplit(4, 4)).toThrow('timeSeriesSplit: k must leave k + 1 <= n (4); got 4');
    expect(() => timeSeriesSplit(10, 3, { testSize: 3, gap: 1 })).toThrow(/timeSeriesSplit: k must leave room for training data/);
  });
});

describe('crossValidate', () => {
  // A "model" that predicts the majority training label.
  const y = [0, 0, 0, 1, 1, 0, 0, 1, 0, 0];
  const majority = (idx: number[]): number => (idx.filter((i) => y[i] === 1).length * 2 > idx.length ? 1 : 0);

  it('scores predictions with named metrics and summarises folds', async () => {
    const result = await crossValidate(
      (fold, data: number[]) => {
        const label = majority(fold.train);
        return { yTrue: fold.test.map((i) => data[i] as number), yPred: fold.test.map(() => label) };
      },
      y,
      { folds: kFold(10, 5), metrics: { accuracy: (t, p) => accuracy(t, p as number[]) } },
    );
    const perFold = result.folds.map((f) => f.scores.accuracy);
    expect(perFold).toEqual([1, 0.5, 0.5, 0.5, 1]);
    expect(result.mean.accuracy).toBeCloseTo(0.7, 15);
    expect(result.std.accuracy).toBeCloseTo(Math.sqrt(0.06), 15);
    expect(result.folds.map((f) => [f.trainSize, f.testSize])).toEqual(Array.from({ length: 5 }, () => [8, 2]));
  });

  it('accepts scores from an async fitAndScore and a fold count', async () => {
    const result = await crossValidate(async (fold) => ({ size: fold.test.length, index: fold.index }), y, { folds: 3 });
    expect(result.folds.map((f) => f.scores.size)).toEqual([4, 3, 3]);
    expect(result.mean.index).toBe(1);
  });

  it('reports what it needs', async () => {
    await expect(crossValidate(() => ({ yTrue: [0], yPred: [0] }), y, { folds: 2 })).rejects.toThrow(
      'crossValidate: options.metrics must be given when fitAndScore returns { yTrue, yPred }; got undefined',
    );
    await expect(crossValidate(() => ({ a: 1 }), 42, { folds: 2 })).rejects.toThrow(/crossValidate: data must have a length/);
  });
});
