import type { Rng } from '@tessera/backend';
import { describe, resolveRng, type RandomSource } from '../random_source.js';
import { sortedUnique, type Category } from './categories.js';

/**
 * Options for {@link trainTestSplit}.
 *
 * @example
 * ```ts
 * trainTestSplit(X, y, { testSize: 0.2, rng: 42, stratify: true });
 * ```
 */
export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) or a count >= 1. Default: the complement of trainSize, or 0.25. */
  testSize?: number;
  /** Fraction in (0, 1) or a count >= 1. Default: the complement of testSize. */
  trainSize?: number;
  /** Seed or generator for the shuffle (see RandomSource). */
  rng?: RandomSource;
  /** Shuffle before splitting. Default true; false keeps order (and forbids stratify). */
  shuffle?: boolean;
  /** Keep class proportions: `true` stratifies on `y`, or pass the labels to stratify on. */
  stratify?: boolean | readonly Category[];
}

/**
 * The two parts of a split and the original indices of each.
 *
 * @example
 * ```ts
 * const { xTrain, yTrain, testIndex } = trainTestSplit(X, y, { rng: 1 });
 * ```
 */
export interface TrainTestSplit<X, Y> {
  xTrain: X[];
  xTest: X[];
  yTrain: Y[];
  yTest: Y[];
  trainIndex: number[];
  testIndex: number[];
}

function sizeOf(value: number, n: number, round: (x: number) => number, what: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${where}: ${what} must be a fraction in (0, 1) or a count >= 1; got ${describe(value)}`);
  }
  if (value < 1) return round(value * n);
  if (!Number.isInteger(value)) throw new Error(`${where}: ${what} must be a fraction in (0, 1) or an integer count; got ${value}`);
  if (value >= n) throw new Error(`${where}: ${what} = ${value} must be smaller than the number of samples ${n}`);
  return value;
}

/** scikit-learn's `_validate_shuffle_split`: test rounds up, train rounds down. */
export function splitSizes(n: number, testSize: number | undefined, trainSize: number | undefined, where: string): [number, number] {
  const test = testSize === undefined && trainSize === undefined ? 0.25 : testSize;
  if (test !== undefined && trainSize !== undefined && test < 1 && trainSize < 1 && test + trainSize > 1) {
    throw new Error(`${where}: testSize + trainSize = ${test + trainSize} exceeds 1`);
  }
  let nTest = test === undefined ? undefined : sizeOf(test, n, Math.ceil, 'testSize', where);
  let nTrain = trainSize === undefined ? undefined : sizeOf(trainSize, n, Math.floor, 'trainSize', where);
  if (nTrain === undefined) nTrain = n - (nTest as number);
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) throw new Error(`${where}: train (${nTrain}) + test (${nTest}) samples exceed the ${n} available`);
  if (nTrain === 0) throw new Error(`${where}: with ${n} samples and testSize ${String(test)} the train set would be empty`);
  if (nTest === 0) throw new Error(`${where}: with ${n} samples the test set would be empty; raise testSize`);
  return [nTrain, nTest];
}

/**
 * Per-class draws closest to proportional (scikit-learn's `_approximate_mode`), in exact
 * integers: floor of each share, then the leftover to the largest remainders, ties broken by
 * `rng`.
 */
export function approximateMode(counts: readonly number[], draws: number, rng: Rng): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = counts.map((c) => Math.floor((c * draws) / total));
  const rem = counts.map((c) => (c * draws) % total);
  let need = draws - out.reduce((a, b) => a + b, 0);
  const values = [...new Set(rem)].sort((a, b) => b - a);
  for (const value of values) {
    if (need <= 0) break;
    let inds = rem.flatMap((r, i) => (r === value ? [i] : []));
    if (inds.length > need) inds = rng.permutation(inds.length).slice(0, need).map((k) => inds[k] as number);
    for (const i of inds) out[i] = (out[i] as number) + 1;
    need -= inds.length;
  }
  return out;
}

function stratifiedIndices(labels: readonly Category[], nTrain: number, nTest: number, rng: Rng, where: string): [number[], number[]] {
  const classes = sortedUnique(labels, where, 'stratify labels');
  const index = new Map(classes.map((c, i) => [c, i]));
  const members: number[][] = classes.map(() => []);
  labels.forEach((l, i) => members[index.get(l) as number]?.push(i));
  const counts = members.map((m) => m.length);
  const smallest = Math.min(...counts);
  if (smallest < 2) throw new Error(`${where}: the least populated class in stratify has ${smallest} member; each class needs at least 2`);
  if (nTrain < classes.length) throw new Error(`${where}: the train size (${nTrain}) is smaller than the number of classes (${classes.length})`);
  if (nTest < classes.length) throw new Error(`${where}: the test size (${nTest}) is smaller than the number of classes (${classes.length})`);
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(counts.map((c, i) => c - (nI[i] as number)), nTest, rng);
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((m, k) => {
    const perm = rng.permutation(m.length).map((p) => m[p] as number);
    train.push(...perm.slice(0, nI[k]));
    test.push(...perm.slice(nI[k], (nI[k] as number) + (tI[k] as number)));
  });
  return [rng.permutation(train.length).map((p) => train[p] as number), rng.permutation(test.length).map((p) => test[p] as number)];
}

/** Split indices (shared by trainTestSplit and trainValTestSplit). */
export function splitIndices(
  n: number,
  labels: readonly Category[] | null,
  options: { testSize?: number; trainSize?: number; shuffle?: boolean },
  rng: Rng,
  where: string,
): [number[], number[]] {
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize, where);
  const shuffle = options.shuffle ?? true;
  if (labels !== null) {
    if (!shuffle) throw new Error(`${where}: stratify needs shuffle: true`);
    return stratifiedIndices(labels, nTrain, nTest, rng, where);
  }
  if (!shuffle) {
    return [Array.from({ length: nTrain }, (_, i) => i), Array.from({ length: nTest }, (_, i) => nTrain + i)];
  }
  const perm = rng.permutation(n);
  return [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
}

/** Validates x/y and resolves the stratify labels. */
export function splitInputs<X, Y>(x: readonly X[], y: readonly Y[] | undefined, stratify: boolean | readonly Category[] | undefined, where: string): readonly Category[] | null {
  if (!Array.isArray(x)) throw new Error(`${where}: x must be an array of samples; got ${describe(x)}`);
  if (x.length < 2) throw new Error(`${where}: x has ${x.length} samples; a split needs at least 2`);
  if (y !== undefined && (!Array.isArray(y) || y.length !== x.length)) {
    throw new Error(`${where}: y must have one label per sample of x (${x.length}); got ${describe(y)}`);
  }
  if (stratify === undefined || stratify === false) return null;
  if (stratify === true) {
    if (y === undefined) throw new Error(`${where}: stratify: true needs y`);
    return y as unknown as Category[];
  }
  if (!Array.isArray(stratify) || stratify.length !== x.length) {
    throw new Error(`${where}: stratify must be true or one label per sample of x (${x.length}); got ${describe(stratify)}`);
  }
  return stratify;
}

/**
 * Splits samples (and labels) into train and test sets as scikit-learn's `train_test_split`:
 * sizes as fractions or counts (test rounds up), seeded shuffle, optional stratification that
 * keeps class proportions (sklearn's StratifiedShuffleSplit allocation).
 *
 * @example
 * ```ts
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, rng: 42, stratify: true });
 * ```
 */
export function trainTestSplit<X, Y = never>(x: readonly X[], y?: readonly Y[], options: TrainTestSplitOptions = {}): TrainTestSplit<X, Y> {
  const where = 'trainTestSplit';
  const labels = splitInputs(x, y, options.stratify, where);
  const rng = resolveRng(options.rng, where);
  const [trainIndex, testIndex] = splitIndices(x.length, labels, options, rng, where);
  return {
    xTrain: trainIndex.map((i) => x[i] as X),
    xTest: testIndex.map((i) => x[i] as X),
    yTrain: y === undefined ? [] : trainIndex.map((i) => y[i] as Y),
    yTest: y === undefined ? [] : testIndex.map((i) => y[i] as Y),
    trainIndex,
    testIndex,
  };
}

/**
 * Options for {@link trainValTestSplit}.
 *
 * @example
 * ```ts
 * trainValTestSplit(X, y, { valSize: 0.1, testSize: 0.1, rng: 7 });
 * ```
 */
export interface TrainValTestSplitOptions {
  /** Fraction of all samples (in (0, 1)) or a count. Default 0.1. */
  valSize?: number;
  /** Fraction of all samples (in (0, 1)) or a count. Default 0.2. */
  testSize?: number;
  rng?: RandomSource;
  shuffle?: boolean;
  stratify?: boolean | readonly Category[];
}

/**
 * The three parts of a split and the original indices of each.
 *
 * @example
 * ```ts
 * const { xVal, yVal } = trainValTestSplit(X, y, { rng: 7 });
 * ```
 */
export interface TrainValTestSplit<X, Y> extends TrainTestSplit<X, Y> {
  xVal: X[];
  yVal: Y[];
  valIndex: number[];
}

/**
 * Splits into train, validation and test sets: test first (testSize of all samples), then
 * validation from the rest (valSize of all samples), each stratified when asked.
 *
 * @example
 * ```ts
 * const s = trainValTestSplit(X, y, { valSize: 0.1, testSize: 0.2, rng: 7, stratify: true });
 * s.xTrain.length + s.xVal.length + s.xTest.length === X.length; // true
 * ```
 */
export function trainValTestSplit<X, Y = never>(x: readonly X[], y?: readonly Y[], options: TrainValTestSplitOptions = {}): TrainValTestSplit<X, Y> {
  const where = 'trainValTestSplit';
  const labels = splitInputs(x, y, options.stratify, where);
  const rng = resolveRng(options.rng, where);
  const n = x.length;
  const testSize = options.testSize ?? 0.2;
  const valSize = options.valSize ?? 0.1;
  const nVal = sizeOf(valSize, n, Math.ceil, 'valSize', where);
  const nTest = sizeOf(testSize, n, Math.ceil, 'testSize', where);
  if (nVal + nTest >= n) throw new Error(`${where}: validation (${nVal}) + test (${nTest}) samples leave no training samples out of ${n}`);
  const shuffle = options.shuffle;
  const [restIndex, testIndex] = splitIndices(n, labels, { testSize: nTest, ...(shuffle === undefined ? {} : { shuffle }) }, rng, where);
  const restLabels = labels === null ? null : restIndex.map((i) => labels[i] as Category);
  const [trainLocal, valLocal] = splitIndices(restIndex.length, restLabels, { testSize: nVal, ...(shuffle === undefined ? {} : { shuffle }) }, rng, where);
  const trainIndex = trainLocal.map((i) => restIndex[i] as number);
  const valIndex = valLocal.map((i) => restIndex[i] as number);
  const pickX = (idx: number[]) => idx.map((i) => x[i] as X);
  const pickY = (idx: number[]) => (y === undefined ? [] : idx.map((i) => y[i] as Y));
  return {
    xTrain: pickX(trainIndex),
    xVal: pickX(valIndex),
    xTest: pickX(testIndex),
    yTrain: pickY(trainIndex),
    yVal: pickY(valIndex),
    yTest: pickY(testIndex),
    trainIndex,
    valIndex,
    testIndex,
  };
}
