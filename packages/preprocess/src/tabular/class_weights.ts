import { describe } from '../random_source.js';
import { sortedUnique, type Category } from './categories.js';

function countClasses(y: readonly Category[], where: string): Map<Category, number> {
  if (!Array.isArray(y)) throw new Error(`${where}: y must be an array of labels; got ${describe(y)}`);
  if (y.length === 0) throw new Error(`${where}: y is empty; expected at least one label`);
  const classes = sortedUnique(y, where, 'y');
  const counts = new Map<Category, number>(classes.map((c) => [c, 0]));
  for (const v of y) counts.set(v, (counts.get(v) as number) + 1);
  return counts;
}

/**
 * Class weights from label counts, keyed by class in sorted order. `'balanced'` gives
 * n_samples / (n_classes * count(class)), as scikit-learn's `compute_class_weight`, so that
 * every class contributes equally to a weighted loss.
 *
 * @example
 * ```ts
 * classWeights([0, 0, 0, 1]); // Map { 0 => 0.666..., 1 => 2 }
 * ```
 */
export function classWeights(y: readonly Category[], mode: 'balanced' = 'balanced'): Map<Category, number> {
  const where = 'classWeights';
  if (mode !== 'balanced') throw new Error(`${where}: mode must be 'balanced'; got ${describe(mode)}`);
  const counts = countClasses(y, where);
  const k = counts.size;
  return new Map([...counts].map(([c, n]) => [c, y.length / (k * n)]));
}

/**
 * One weight per sample, its class's balanced weight (scikit-learn's
 * `compute_sample_weight('balanced', y)`), for losses that take per-sample weights.
 *
 * @example
 * ```ts
 * sampleWeights(['a', 'a', 'b']); // [0.75, 0.75, 1.5]
 * ```
 */
export function sampleWeights(y: readonly Category[]): number[] {
  const w = classWeights(y);
  return y.map((v) => w.get(v) as number);
}

/** Label counts in sorted class order (shared with the resamplers). */
export function classCounts(y: readonly Category[], where: string): Map<Category, number> {
  return countClasses(y, where);
}
