/**
 * Range observers for calibration (PyTorch `torch.ao.quantization` semantics): they watch the
 * values an activation takes over a representative dataset and report the range to quantize.
 */
import { Rng, tf } from '@tessera/backend';
import { checkNumber, checkOptions, fail, show } from '../internal/errors.js';

/**
 * A range `[min, max]` (both finite, `min <= max`).
 *
 * @example
 * ```ts
 * const r: Range = [-0.8, 3.1];
 * ```
 */
export type Range = [number, number];

/**
 * Watches values and reports a range.
 *
 * @example
 * ```ts
 * const o: Observer = new MinMaxObserver();
 * o.observe(activations);
 * o.range(); // [min, max]
 * ```
 */
export interface Observer {
  /** Adds a batch of values (a tensor is read, never disposed). */
  observe(values: tf.Tensor | ArrayLike<number>): void;
  /** The range so far; throws before any value was observed. */
  range(): Range;
  reset(): void;
}

function read(fn: string, values: tf.Tensor | ArrayLike<number>): ArrayLike<number> {
  if (values instanceof tf.Tensor) return values.dataSync() as Float32Array;
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<number>).length !== 'number') {
    fail(fn, 'values', 'be a tensor or an array of numbers', show(values));
  }
  return values;
}

function minMax(fn: string, v: ArrayLike<number>): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (!Number.isFinite(x)) fail(fn, 'values', 'be finite (a NaN or Infinity activation cannot be quantized)', `${show(x)} at index ${i}`);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return v.length === 0 ? null : [lo, hi];
}

function noRange(name: string): never {
  throw new Error(`${name}.range: no values observed yet; call observe() with calibration data first`);
}

/**
 * The running minimum and maximum of everything observed (PyTorch `MinMaxObserver`).
 *
 * @example
 * ```ts
 * const o = new MinMaxObserver();
 * o.observe([0.5, -2]); o.observe([3]);
 * o.range(); // [-2, 3]
 * ```
 */
export class MinMaxObserver implements Observer {
  private lo = Infinity;
  private hi = -Infinity;

  observe(values: tf.Tensor | ArrayLike<number>): void {
    const r = minMax('MinMaxObserver.observe', read('MinMaxObserver.observe', values));
    if (r === null) return;
    this.lo = Math.min(this.lo, r[0]);
    this.hi = Math.max(this.hi, r[1]);
  }

  range(): Range {
    if (!(this.lo <= this.hi)) noRange('MinMaxObserver');
    return [this.lo, this.hi];
  }

  reset(): void {
    this.lo = Infinity;
    this.hi = -Infinity;
  }
}

/**
 * Options of {@link MovingAverageMinMaxObserver}.
 *
 * @example
 * ```ts
 * new MovingAverageMinMaxObserver({ averagingConstant: 0.1 });
 * ```
 */
export interface MovingAverageOptions {
  /** Weight c of each new batch: `min += c * (batchMin - min)`. Default 0.01 (PyTorch). */
  averagingConstant?: number;
}

/**
 * An exponential moving average of each batch's minimum and maximum; the first batch sets
 * them (PyTorch `MovingAverageMinMaxObserver`). Less sensitive to a rare outlier batch.
 *
 * @example
 * ```ts
 * const o = new MovingAverageMinMaxObserver({ averagingConstant: 0.5 });
 * o.observe([0, 4]); o.observe([0, 2]);
 * o.range(); // [0, 3]
 * ```
 */
export class MovingAverageMinMaxObserver implements Observer {
  readonly averagingConstant: number;
  private lo = NaN;
  private hi = NaN;

  constructor(options: MovingAverageOptions = {}) {
    const o = checkOptions('MovingAverageMinMaxObserver', 'options', options);
    this.averagingConstant = checkNumber('MovingAverageMinMaxObserver', 'options.averagingConstant', o.averagingConstant ?? 0.01, {
      min: 0,
      max: 1,
      exclusiveMin: true,
    });
  }

  observe(values: tf.Tensor | ArrayLike<number>): void {
    const r = minMax('MovingAverageMinMaxObserver.observe', read('MovingAverageMinMaxObserver.observe', values));
    if (r === null) return;
    this.update(r);
  }

  /** Adds one batch given by its minimum and maximum (what quantization-aware training reads). */
  update(batch: Range): void {
    if (Number.isNaN(this.lo)) {
      [this.lo, this.hi] = batch;
      return;
    }
    const c = this.averagingConstant;
    this.lo += c * (batch[0] - this.lo);
    this.hi += c * (batch[1] - this.hi);
  }

  range(): Range {
    if (Number.isNaN(this.lo)) noRange('MovingAverageMinMaxObserver');
    return [this.lo, this.hi];
  }

  reset(): void {
    this.lo = NaN;
    this.hi = NaN;
  }
}

/**
 * Options of {@link PercentileObserver}.
 *
 * @example
 * ```ts
 * new PercentileObserver({ percentile: 99.9, maxSamples: 200_000, seed: 1 });
 * ```
 */
export interface PercentileOptions {
  /** The range is [the (100 - p)-th, the p-th] percentile. Default 99.99. */
  percentile?: number;
  /** Values kept (a uniform reservoir sample beyond this). Default 1,000,000. */
  maxSamples?: number;
  /** Seed of the reservoir sampling. Default 0. */
  seed?: number;
}

/**
 * Clips outliers: the range runs from the `(100 - p)`-th to the `p`-th percentile of the
 * observed values (linear interpolation between order statistics, NumPy's default). Up to
 * `maxSamples` values are kept exactly; beyond that a seeded uniform reservoir sample.
 *
 * @example
 * ```ts
 * const o = new PercentileObserver({ percentile: 99 });
 * o.observe(activations);
 * o.range(); // ignores the top and bottom 1%
 * ```
 */
export class PercentileObserver implements Observer {
  readonly percentile: number;
  readonly maxSamples: number;
  private readonly seed: number;
  private rng: Rng;
  private kept: Float64Array;
  private count = 0;
  private seen = 0;

  constructor(options: PercentileOptions = {}) {
    const fn = 'PercentileObserver';
    const o = checkOptions(fn, 'options', options);
    this.percentile = checkNumber(fn, 'options.percentile', o.percentile ?? 99.99, { min: 50, max: 100 });
    this.maxSamples = checkNumber(fn, 'options.maxSamples', o.maxSamples ?? 1_000_000, { min: 1, integer: true });
    this.seed = checkNumber(fn, 'options.seed', o.seed ?? 0, { integer: true });
    this.rng = new Rng(this.seed);
    this.kept = new Float64Array(Math.min(this.maxSamples, 1024));
  }

  observe(values: tf.Tensor | ArrayLike<number>): void {
    const fn = 'PercentileObserver.observe';
    const v = read(fn, values);
    minMax(fn, v);
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      this.seen++;
      if (this.count < this.maxSamples) {
        if (this.count === this.kept.length) {
          const grown = new Float64Array(Math.min(this.maxSamples, this.kept.length * 2));
          grown.set(this.kept);
          this.kept = grown;
        }
        this.kept[this.count++] = x;
      } else {
        // Reservoir sampling (Vitter's algorithm R): every value seen is kept with equal probability.
        const j = this.rng.int(this.seen);
        if (j < this.maxSamples) this.kept[j] = x;
      }
    }
  }

  range(): Range {
    if (this.count === 0) noRange('PercentileObserver');
    const sorted = this.kept.slice(0, this.count).sort();
    const at = (p: number): number => {
      const pos = (p / 100) * (sorted.length - 1);
      const i = Math.floor(pos);
      const frac = pos - i;
      const a = sorted[i] as number;
      return frac === 0 ? a : a + frac * ((sorted[i + 1] as number) - a);
    };
    return [at(100 - this.percentile), at(this.percentile)];
  }

  reset(): void {
    this.count = 0;
    this.seen = 0;
    this.rng = new Rng(this.seed);
  }
}

/**
 * Observer names accepted by `calibrateActivations`, or a factory for your own.
 *
 * @example
 * ```ts
 * const kind: ObserverKind = 'percentile';
 * const custom: ObserverKind = () => new PercentileObserver({ percentile: 99.9 });
 * ```
 */
export type ObserverKind = 'minmax' | 'moving-average' | 'percentile' | (() => Observer);

/**
 * Creates an observer from its name (default options) or a factory.
 *
 * @example
 * ```ts
 * createObserver('moving-average'); // new MovingAverageMinMaxObserver()
 * ```
 */
export function createObserver(kind: ObserverKind, fn = 'createObserver'): Observer {
  if (typeof kind === 'function') {
    const o = kind();
    if (typeof o?.observe !== 'function' || typeof o.range !== 'function') fail(fn, 'options.observer()', 'return an Observer { observe, range, reset }', show(o));
    return o;
  }
  if (kind === 'minmax') return new MinMaxObserver();
  if (kind === 'moving-average') return new MovingAverageMinMaxObserver();
  if (kind === 'percentile') return new PercentileObserver();
  return fail(fn, 'options.observer', "be 'minmax', 'moving-average', 'percentile' or a function returning an Observer", show(kind));
}
