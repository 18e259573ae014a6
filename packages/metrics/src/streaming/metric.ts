/**
 * The streaming-metric contract (torchmetrics-style): accumulate batch by batch with `update`,
 * read with `compute`, start over with `reset`, and combine workers or shards with `merge`.
 */
import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';

/**
 * A metric accumulated over batches. `update(yTrue, yPred)` takes arrays or tensors; label
 * metrics take labels or scores for `yPred`, probability metrics take probabilities.
 *
 * @example
 * ```ts
 * const m: Metric<number> = new Accuracy();
 * m.update([0, 1], [0, 0]);
 * m.compute(); // 0.5
 * ```
 */
export interface Metric<R = unknown> {
  /** Key under which the value is reported (e.g. in a {@link MetricCollection}). */
  readonly name: string;
  /** Whether larger values are better (for early stopping and checkpoint selection). */
  readonly higherIsBetter: boolean;
  /** Adds one batch. Tensors are read, never disposed or kept. */
  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void;
  /** The value over everything added since the last `reset`. */
  compute(): R;
  /** Forgets all batches. */
  reset(): void;
  /** Adds the state of another metric of the same kind and configuration. */
  merge(other: Metric<R>): void;
  /** A fresh, empty metric with the same configuration. */
  clone(): Metric<R>;
}

/**
 * Options every streaming metric accepts.
 *
 * @example
 * ```ts
 * new MeanSquaredError({ name: 'val_mse' });
 * ```
 */
export interface MetricOptions {
  /** Overrides the default `name`. */
  name?: string;
}

/** Shared plumbing: naming, config equality for `merge`, empty-state errors. */
export abstract class BaseMetric<R> implements Metric<R> {
  readonly name: string;
  abstract readonly higherIsBetter: boolean;
  /** The configuration, compared by `merge`. */
  protected abstract readonly config: Record<string, unknown>;

  constructor(defaultName: string, options: MetricOptions = {}) {
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      fail(this.constructor.name, 'options.name', 'be a non-empty string', show(options.name));
    }
    this.name = options.name ?? defaultName;
  }

  abstract update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void;
  abstract compute(): R;
  abstract reset(): void;
  abstract clone(): Metric<R>;
  protected abstract mergeState(other: this): void;

  merge(other: Metric<R>): void {
    const cls = this.constructor.name;
    if (!(other instanceof BaseMetric) || other.constructor !== this.constructor) {
      fail(`${cls}.merge`, 'other', `be a ${cls}`, other === null || typeof other !== 'object' ? show(other) : other.constructor.name);
    }
    const a = JSON.stringify(this.config);
    const b = JSON.stringify((other as this).config);
    if (a !== b) fail(`${cls}.merge`, 'other', `have the same configuration ${a}`, b);
    this.mergeState(other as this);
  }

  /** Throws the error for compute() before any update. */
  protected empty(): never {
    return fail(`${this.constructor.name}.compute`, 'the metric', 'have seen at least one sample (call update first)', '0 samples');
  }
}
