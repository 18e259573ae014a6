/**
 * What every splitter returns: the train and test sample indices of each fold.
 */
import { Rng, getRng } from '@tessera/backend';
import { fail, show } from '../internal/errors.js';
import type { Vector } from '../types.js';
import { checkInteger, readVector } from '../internal/inputs.js';

/**
 * One train/test split, as sample indices.
 *
 * @example
 * ```ts
 * const { train, test } = kFold(10, 5)[0]!; // train [2..9], test [0, 1]
 * ```
 */
export interface Fold {
  train: number[];
  test: number[];
}

/**
 * Shuffling options shared by the splitters that can shuffle.
 *
 * @example
 * ```ts
 * kFold(100, 5, { shuffle: true, seed: 42 });
 * ```
 */
export interface ShuffleOptions {
  /** Shuffle before splitting. Default false (scikit-learn's default). */
  shuffle?: boolean;
  /**
   * Seed for `new Rng(seed)` from @tessera/backend. Without it a shuffle draws from the global
   * generator (`seed()`/`getRng()`). Seeded shuffles cannot reproduce NumPy's permutations.
   */
  seed?: number;
}

/** The generator for a shuffle, or null when not shuffling. */
export function shuffleRng(fn: string, options: ShuffleOptions): Rng | null {
  if (options.shuffle !== undefined && typeof options.shuffle !== 'boolean') fail(fn, 'options.shuffle', 'be a boolean', show(options.shuffle));
  if (options.shuffle !== true) return null;
  return options.seed === undefined ? getRng() : new Rng(options.seed);
}

/** Builds a fold from a per-sample test mask: train is every other index, ascending. */
export function foldFromTest(n: number, test: number[]): Fold {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (inTest[i] === 0) train.push(i);
  return { train, test };
}

/** Checks `k` against the number of samples, as scikit-learn's splitters do. */
export function checkSplits(fn: string, k: number, n: number): void {
  checkInteger(fn, 'k', k, 2);
  if (k > n) fail(fn, 'k', `be at most the number of samples (${n})`, `${k}`);
}

/** Reads labels that may be numbers or strings (stratification only needs equality). */
export function readKeys(fn: string, arg: string, y: Vector | readonly (string | number)[]): (string | number)[] {
  if (Array.isArray(y) && y.some((v) => typeof v === 'string')) {
    return (y as readonly unknown[]).map((v, i) => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      return fail(fn, `${arg}[${i}]`, 'be a string or a finite number', show(v));
    });
  }
  return Array.from(readVector(y as Vector, fn, arg));
}
