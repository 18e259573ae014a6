/**
 * Streaming R^2 and explained variance from running moments (count, mean and sum of squared
 * deviations, merged with Chan et al.'s parallel update), so memory stays constant and no
 * catastrophic cancellation creeps in over long streams.
 */
import type { Matrix, Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { npMean, pairwiseSum } from '../internal/pairwise_sum.js';
import { assembleScore, readRegression } from '../internal/regression_inputs.js';
import { squaredErrors } from '../regression/mean_squared_error.js';
import type { R2Options } from '../regression/r2_score.js';
import { RunningSum } from './batch.js';
import { BaseMetric, type MetricOptions } from './metric.js';

/** Count, mean and sum of squared deviations of a stream. */
export class Moments {
  n = 0;
  mean = 0;
  m2 = 0;

  /** Adds a batch: exact two-pass moments of the batch, then a parallel merge. */
  addBatch(x: Float64Array): void {
    if (x.length === 0) return;
    const mean = npMean(x);
    const sq = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const d = (x[i] as number) - mean;
      sq[i] = d * d;
    }
    this.combine(x.length, mean, pairwiseSum(sq));
  }

  combine(n: number, mean: number, m2: number): void {
    if (n === 0) return;
    if (this.n === 0) {
      this.n = n;
      this.mean = mean;
      this.m2 = m2;
      return;
    }
    const total = this.n + n;
    const delta = mean - this.mean;
    this.mean += (delta * n) / total;
    this.m2 += m2 + (delta * delta * this.n * n) / total;
    this.n = total;
  }

  reset(): void {
    this.n = 0;
    this.mean = 0;
    this.m2 = 0;
  }
}

/**
 * Options for {@link R2Score} and {@link ExplainedVariance}.
 *
 * @example
 * ```ts
 * new R2Score({ name: 'r2_val', forceFinite: false });
 * ```
 */
export type R2MetricOptions = MetricOptions & R2Options;

/**
 * Streaming coefficient of determination R^2.
 *
 * @example
 * ```ts
 * const m = new R2Score();
 * m.update([3, -0.5], [2.5, 0]);
 * m.update([2, 7], [2, 8]);
 * m.compute(); // 0.9486...
 * ```
 */
export class R2Score extends BaseMetric<number> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  private readonly target = new Moments();
  private readonly sse = new RunningSum();

  constructor(private readonly options: R2MetricOptions = {}) {
    super('r2', options);
    this.config = { forceFinite: options.forceFinite !== false };
  }

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const { t, p } = readRegression('R2Score.update', yTrue as Vector, yPred as Vector);
    this.target.addBatch(t);
    this.sse.add(pairwiseSum(squaredErrors(t, p)));
  }

  compute(): number {
    if (this.target.n === 0) this.empty();
    if (this.target.n < 2) fail('R2Score.compute', 'the metric', 'have seen at least 2 samples (R^2 is undefined for one)', '1');
    return assembleScore(this.sse.value, this.target.m2, this.options.forceFinite !== false);
  }

  reset(): void {
    this.target.reset();
    this.sse.reset();
  }

  protected mergeState(other: this): void {
    this.target.combine(other.target.n, other.target.mean, other.target.m2);
    this.sse.addAll(other.sse);
  }

  clone(): R2Score {
    return new R2Score(this.options);
  }
}

/**
 * Streaming explained variance.
 *
 * @example
 * ```ts
 * const m = new ExplainedVariance();
 * m.update([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
 * m.compute(); // 0.9571...
 * ```
 */
export class ExplainedVariance extends BaseMetric<number> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  private readonly target = new Moments();
  private readonly residual = new Moments();

  constructor(private readonly options: R2MetricOptions = {}) {
    super('explainedVariance', options);
    this.config = { forceFinite: options.forceFinite !== false };
  }

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const { t, p } = readRegression('ExplainedVariance.update', yTrue as Vector, yPred as Vector);
    const diff = new Float64Array(t.length);
    for (let i = 0; i < t.length; i++) diff[i] = (t[i] as number) - (p[i] as number);
    this.target.addBatch(t);
    this.residual.addBatch(diff);
  }

  compute(): number {
    const n = this.target.n;
    if (n === 0) this.empty();
    return assembleScore(this.residual.m2 / n, this.target.m2 / n, this.options.forceFinite !== false);
  }

  reset(): void {
    this.target.reset();
    this.residual.reset();
  }

  protected mergeState(other: this): void {
    this.target.combine(other.target.n, other.target.mean, other.target.m2);
    this.residual.combine(other.residual.n, other.residual.mean, other.residual.m2);
  }

  clone(): ExplainedVariance {
    return new ExplainedVariance(this.options);
  }
}
