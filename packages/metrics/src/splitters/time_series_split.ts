import { fail } from '../internal/errors.js';
import { checkInteger } from '../internal/inputs.js';
import type { Fold } from './fold.js';

/**
 * Options for {@link timeSeriesSplit}.
 *
 * @example
 * ```ts
 * timeSeriesSplit(100, 4, { gap: 2, testSize: 10, maxTrainSize: 50 });
 * ```
 */
export interface TimeSeriesSplitOptions {
  /** Samples dropped between the end of train and the start of test. Default 0. */
  gap?: number;
  /** Keep only the latest `maxTrainSize` training samples. Default unlimited. */
  maxTrainSize?: number;
  /** Samples per test fold. Default `floor(n / (k + 1))`. */
  testSize?: number;
}

/**
 * Forward-chaining splits for ordered data (scikit-learn's `TimeSeriesSplit`): each test block
 * follows its training data in time, and the last test block ends at the last sample.
 *
 * @example
 * ```ts
 * timeSeriesSplit(6, 3);
 * // [{ train: [0, 1, 2], test: [3] }, { train: [0..3], test: [4] }, { train: [0..4], test: [5] }]
 * timeSeriesSplit(10, 2, { gap: 1, testSize: 2, maxTrainSize: 3 });
 * ```
 */
export function timeSeriesSplit(n: number, k = 5, options: TimeSeriesSplitOptions = {}): Fold[] {
  const fn = 'timeSeriesSplit';
  checkInteger(fn, 'n', n, 1);
  checkInteger(fn, 'k', k, 2);
  const gap = checkInteger(fn, 'options.gap', options.gap ?? 0, 0);
  const testSize = options.testSize === undefined ? Math.floor(n / (k + 1)) : checkInteger(fn, 'options.testSize', options.testSize, 1);
  const maxTrain = options.maxTrainSize === undefined ? undefined : checkInteger(fn, 'options.maxTrainSize', options.maxTrainSize, 1);
  if (k + 1 > n) fail(fn, 'k', `leave k + 1 <= n (${n})`, `${k}`);
  if (n - gap - testSize * k <= 0) {
    fail(fn, 'k', `leave room for training data: n - gap - testSize * k > 0 (n=${n}, gap=${gap}, testSize=${testSize})`, `${k}`);
  }
  const range = (a: number, b: number): number[] => Array.from({ length: Math.max(b - a, 0) }, (_, i) => a + i);
  const folds: Fold[] = [];
  for (let start = n - k * testSize; start < n; start += testSize) {
    const trainEnd = start - gap;
    const trainStart = maxTrain !== undefined && maxTrain < trainEnd ? trainEnd - maxTrain : 0;
    folds.push({ train: range(trainStart, trainEnd), test: range(start, start + testSize) });
  }
  return folds;
}
