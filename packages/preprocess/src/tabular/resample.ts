import { describe, resolveRng, type RandomSource } from '../random_source.js';
import type { Category } from './categories.js';
import { classCounts } from './class_weights.js';

/**
 * Options for {@link randomOverSample} and {@link randomUnderSample}.
 *
 * @example
 * ```ts
 * randomOverSample(X, y, { rng: 0, strategy: new Map([['rare', 500]]) });
 * ```
 */
export interface ResampleOptions {
  /** Seed or generator. */
  rng?: RandomSource;
  /**
   * Target count per class. Default `'auto'`: over-sampling raises every class to the majority
   * count; under-sampling lowers every class to the minority count (imbalanced-learn's
   * 'not majority' / 'not minority'). Classes absent from a Map keep their count.
   */
  strategy?: 'auto' | ReadonlyMap<Category, number>;
}

/**
 * Class counts before and after resampling.
 *
 * @example
 * ```ts
 * const { before, after, added } = randomOverSample(X, y).report;
 * ```
 */
export interface ResampleReport {
  before: Map<Category, number>;
  after: Map<Category, number>;
  /** Samples added (over-sampling, duplicates) or removed (under-sampling). */
  added: number;
  removed: number;
}

/**
 * The resampled data, the source index of each output sample, and the report.
 *
 * @example
 * ```ts
 * const { x, y: balanced, indices } = randomUnderSample(X, y, { rng: 0 });
 * ```
 */
export interface ResampleResult<X, Y extends Category> {
  x: X[];
  y: Y[];
  indices: number[];
  report: ResampleReport;
}

function targets(
  before: Map<Category, number>,
  strategy: ResampleOptions['strategy'],
  direction: 'over' | 'under',
  where: string,
): Map<Category, number> {
  const counts = [...before.values()];
  if (strategy === undefined || strategy === 'auto') {
    const goal = direction === 'over' ? Math.max(...counts) : Math.min(...counts);
    return new Map([...before.keys()].map((c) => [c, goal]));
  }
  if (!(strategy instanceof Map)) throw new Error(`${where}: options.strategy must be 'auto' or a Map from class to count; got ${describe(strategy)}`);
  const out = new Map(before);
  for (const [c, t] of strategy) {
    const have = before.get(c);
    if (have === undefined) throw new Error(`${where}: options.strategy names a class that y does not contain (${describe(c)})`);
    if (!Number.isInteger(t) || t < 0) throw new Error(`${where}: options.strategy target for a class must be an integer >= 0; got ${describe(t)}`);
    if (direction === 'over' && t < have) throw new Error(`${where}: over-sampling target ${t} is below the class's ${have} samples`);
    if (direction === 'under' && t > have) throw new Error(`${where}: under-sampling target ${t} is above the class's ${have} samples`);
    out.set(c, t);
  }
  return out;
}

function checkXY(x: readonly unknown[], y: readonly Category[], where: string): void {
  if (!Array.isArray(x)) throw new Error(`${where}: x must be an array of samples; got ${describe(x)}`);
  if (!Array.isArray(y) || y.length !== x.length) throw new Error(`${where}: y must have one label per sample of x (${x.length}); got ${describe(y)}`);
}

/**
 * Random over-sampling (imbalanced-learn's RandomOverSampler): duplicates randomly chosen
 * samples of the smaller classes, with replacement, until each reaches its target. The
 * originals come first, in order, then the duplicates class by class.
 *
 * @example
 * ```ts
 * const { x, y, report } = randomOverSample(X, labels, { rng: 0 });
 * report.after; // every class at the majority count
 * ```
 */
export function randomOverSample<X, Y extends Category>(x: readonly X[], y: readonly Y[], options: ResampleOptions = {}): ResampleResult<X, Y> {
  const where = 'randomOverSample';
  checkXY(x, y, where);
  const rng = resolveRng(options.rng, where);
  const before = classCounts(y, where);
  const goal = targets(before, options.strategy, 'over', where);
  const indices = Array.from({ length: x.length }, (_, i) => i);
  for (const [c, have] of before) {
    const extra = (goal.get(c) as number) - have;
    if (extra <= 0) continue;
    const members = y.flatMap((v, i) => (v === c ? [i] : []));
    for (let k = 0; k < extra; k++) indices.push(members[rng.int(members.length)] as number);
  }
  const after = new Map([...before.keys()].map((c) => [c, Math.max(goal.get(c) as number, before.get(c) as number)]));
  return {
    x: indices.map((i) => x[i] as X),
    y: indices.map((i) => y[i] as Y),
    indices,
    report: { before, after, added: indices.length - x.length, removed: 0 },
  };
}

/**
 * Random under-sampling (imbalanced-learn's RandomUnderSampler): keeps a random subset of each
 * larger class, without replacement, down to its target. Output is grouped by class in
 * sorted class order. What was removed is counted in the report.
 *
 * @example
 * ```ts
 * const { x, y, report } = randomUnderSample(X, labels, { rng: 0 });
 * console.log(report.removed, 'samples removed');
 * ```
 */
export function randomUnderSample<X, Y extends Category>(x: readonly X[], y: readonly Y[], options: ResampleOptions = {}): ResampleResult<X, Y> {
  const where = 'randomUnderSample';
  checkXY(x, y, where);
  const rng = resolveRng(options.rng, where);
  const before = classCounts(y, where);
  const goal = targets(before, options.strategy, 'under', where);
  const indices: number[] = [];
  for (const [c, have] of before) {
    const members = y.flatMap((v, i) => (v === c ? [i] : []));
    const keep = goal.get(c) as number;
    if (keep >= have) indices.push(...members);
    else indices.push(...rng.permutation(have).slice(0, keep).map((k) => members[k] as number));
  }
  const after = new Map([...before.keys()].map((c) => [c, Math.min(goal.get(c) as number, before.get(c) as number)]));
  return {
    x: indices.map((i) => x[i] as X),
    y: indices.map((i) => y[i] as Y),
    indices,
    report: { before, after, added: 0, removed: x.length - indices.length },
  };
}
