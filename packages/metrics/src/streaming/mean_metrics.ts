/**
 * Streaming metrics that are means of per-sample terms: constant memory (a compensated sum
 * and a count), and the same value as the functional form on the concatenated data up to
 * summation order (within a few ulps).
 */
import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkInteger, checkSameLength, isTwoDimensional, readLabels, readMatrix } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';
import { checkTolerance, readProbabilities, type ProbabilityInput } from '../internal/probabilities.js';
import { readRegression } from '../internal/regression_inputs.js';
import { brierTerms } from '../classification/brier_score.js';
import { checkEps, logLossTerms } from '../classification/log_loss.js';
import { inTopK } from '../classification/top_k_accuracy.js';
import { absoluteErrors } from '../regression/mean_absolute_error.js';
import { percentageErrors } from '../regression/mean_absolute_percentage_error.js';
import { squaredErrors } from '../regression/mean_squared_error.js';
import { batchLabels, RunningSum } from './batch.js';
import { BaseMetric, type MetricOptions } from './metric.js';

/** A mean of per-sample terms. */
export abstract class MeanMetric extends BaseMetric<number> {
  protected readonly total = new RunningSum();
  protected count = 0;

  /** Adds the per-sample terms of one batch. */
  protected addTerms(terms: Float64Array): void {
    this.total.add(pairwiseSum(terms));
    this.count += terms.length;
  }

  compute(): number {
    if (this.count === 0) this.empty();
    return this.total.value / this.count;
  }

  reset(): void {
    this.total.reset();
    this.count = 0;
  }

  protected mergeState(other: this): void {
    this.total.addAll(other.total);
    this.count += other.count;
  }
}

/**
 * Options for {@link Accuracy}.
 *
 * @example
 * ```ts
 * new Accuracy({ threshold: 0.3 }); // for 1-D probabilities
 * ```
 */
export interface AccuracyMetricOptions extends MetricOptions {
  /** Threshold for 1-D probabilities passed as `yPred`. Default 0.5. */
  threshold?: number;
}

/**
 * Streaming accuracy. `yPred` may be labels, a 2-D score matrix (argmaxed) or 1-D
 * probabilities (thresholded at 0.5); `yTrue` may be labels or one-hot rows.
 *
 * @example
 * ```ts
 * const acc = new Accuracy();
 * acc.update([0, 1, 2], [[0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.5, 0.4, 0.1]]);
 * acc.compute(); // 0.666...
 * ```
 */
export class Accuracy extends MeanMetric {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  private readonly threshold: number;

  constructor(private readonly options: AccuracyMetricOptions = {}) {
    super('accuracy', options);
    this.threshold = options.threshold ?? 0.5;
    this.config = { threshold: this.threshold };
  }

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const fn = 'Accuracy.update';
    const t = batchLabels(fn, 'yTrue', yTrue, this.threshold);
    const p = batchLabels(fn, 'yPred', yPred, this.threshold);
    checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
    let correct = 0;
    for (let i = 0; i < t.length; i++) if (t[i] === p[i]) correct++;
    this.total.add(correct);
    this.count += t.length;
  }

  clone(): Accuracy {
    return new Accuracy(this.options);
  }
}

/**
 * Streaming top-k accuracy over `[n, numClasses]` scores.
 *
 * @example
 * ```ts
 * const m = new TopKAccuracy({ k: 2 });
 * m.update([2], [[0.5, 0.1, 0.4]]);
 * m.compute(); // 1
 * ```
 */
export class TopKAccuracy extends MeanMetric {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  readonly k: number;

  constructor(private readonly options: MetricOptions & { k: number }) {
    super(`top${options?.k}Accuracy`, options);
    this.k = checkInteger('TopKAccuracy', 'options.k', options?.k, 1);
    this.config = { k: this.k };
  }

  update(yTrue: Vector | Matrix, yScore: Vector | Matrix): void {
    const fn = 'TopKAccuracy.update';
    if (!isTwoDimensional(yScore, fn, 'yScore')) fail(fn, 'yScore', 'be 2-D [n, numClasses] scores', '1-D input');
    const m = readMatrix(yScore as Matrix, fn, 'yScore');
    const t = batchLabels(fn, 'yTrue', yTrue, 0.5);
    checkSameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
    checkLabelRange(fn, 'yTrue', t, m.cols);
    let hits = 0;
    for (let i = 0; i < m.rows; i++) if (inTopK(m.data, i * m.cols, m.cols, t[i] as number, this.k)) hits++;
    this.total.add(hits);
    this.count += m.rows;
  }

  clone(): TopKAccuracy {
    return new TopKAccuracy(this.options);
  }
}

/**
 * Options for probability metrics.
 *
 * @example
 * ```ts
 * new LogLoss({ tolerance: 1e-4 });
 * ```
 */
export interface ProbabilityMetricOptions extends MetricOptions {
  /** Allowed `|sum(row) - 1|` for 2-D probabilities. Default 1e-6. */
  tolerance?: number;
}

function readProbBatch(fn: string, yTrue: Vector | Matrix, yProb: Vector | Matrix, tol: number): { t: Float64Array; prob: ProbabilityInput } {
  const t = isTwoDimensional(yTrue, fn, 'yTrue') ? batchLabels(fn, 'yTrue', yTrue, 0.5) : readLabels(yTrue as Vector, fn, 'yTrue');
  const prob = readProbabilities(fn, 'yProb', yProb, tol);
  checkSameLength(fn, 'yTrue', t.length, 'yProb', prob.kind === 'binary' ? prob.p.length : prob.m.rows);
  return { t, prob };
}

/**
 * Streaming log loss (cross-entropy), same clipping and renormalisation as {@link logLoss}.
 *
 * @example
 * ```ts
 * const m = new LogLoss();
 * m.update([0, 1], [0.1, 0.8]);
 * m.compute(); // 0.1642...
 * ```
 */
export class LogLoss extends MeanMetric {
  readonly higherIsBetter = false;
  protected readonly config: Record<string, unknown>;
  private readonly eps: number;
  private readonly tol: number;

  constructor(private readonly options: ProbabilityMetricOptions & { eps?: 'auto' | number } = {}) {
    super('logLoss', options);
    this.eps = checkEps('LogLoss', options.eps);
    this.tol = checkTolerance('LogLoss', options.tolerance);
    this.config = { eps: this.eps, tol: this.tol };
  }

  update(yTrue: Vector | Matrix, yProb: Vector | Matrix): void {
    const fn = 'LogLoss.update';
    const { t, prob } = readProbBatch(fn, yTrue, yProb, this.tol);
    this.addTerms(logLossTerms(fn, t, prob, this.eps));
  }

  clone(): LogLoss {
    return new LogLoss(this.options);
  }
}

/**
 * Streaming Brier score.
 *
 * @example
 * ```ts
 * const m = new BrierScore();
 * m.update([0, 1], [0.1, 0.8]);
 * m.compute(); // 0.025
 * ```
 */
export class BrierScore extends MeanMetric {
  readonly higherIsBetter = false;
  protected readonly config: Record<string, unknown>;
  private readonly tol: number;

  constructor(private readonly options: ProbabilityMetricOptions & { posLabel?: number } = {}) {
    super('brier', options);
    this.tol = checkTolerance('BrierScore', options.tolerance);
    if (options.posLabel !== undefined && !Number.isFinite(options.posLabel)) fail('BrierScore', 'options.posLabel', 'be a finite number', show(options.posLabel));
    this.config = { tol: this.tol, pos: options.posLabel ?? null };
  }

  update(yTrue: Vector | Matrix, yProb: Vector | Matrix): void {
    const fn = 'BrierScore.update';
    const { t, prob } = readProbBatch(fn, yTrue, yProb, this.tol);
    // Per batch a single class is normal, so fix the positive label instead of inferring it.
    this.addTerms(brierTerms(fn, t, prob, this.options.posLabel ?? 1));
  }

  clone(): BrierScore {
    return new BrierScore(this.options);
  }
}

/** A regression mean over per-sample terms. */
export abstract class RegressionMean extends MeanMetric {
  readonly higherIsBetter = false;
  protected readonly config: Record<string, unknown> = {};

  protected abstract terms(t: Float64Array, p: Float64Array): Float64Array;

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const { t, p } = readRegression(`${this.constructor.name}.update`, yTrue as Vector, yPred as Vector);
    this.addTerms(this.terms(t, p));
  }
}

/**
 * Streaming mean squared error.
 *
 * @example
 * ```ts
 * const m = new MeanSquaredError();
 * m.update([3, -0.5], [2.5, 0]);
 * m.update([2, 7], [2, 8]);
 * m.compute(); // 0.375
 * ```
 */
export class MeanSquaredError extends RegressionMean {
  constructor(private readonly options: MetricOptions = {}) {
    super('mse', options);
  }

  protected terms(t: Float64Array, p: Float64Array): Float64Array {
    return squaredErrors(t, p);
  }

  clone(): MeanSquaredError {
    return new MeanSquaredError(this.options);
  }
}

/**
 * Streaming root mean squared error (the root of the running MSE, not a mean of batch RMSEs).
 *
 * @example
 * ```ts
 * const m = new RootMeanSquaredError();
 * m.update([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
 * m.compute(); // 0.6123...
 * ```
 */
export class RootMeanSquaredError extends RegressionMean {
  constructor(private readonly options: MetricOptions = {}) {
    super('rmse', options);
  }

  protected terms(t: Float64Array, p: Float64Array): Float64Array {
    return squaredErrors(t, p);
  }

  override compute(): number {
    return Math.sqrt(super.compute());
  }

  clone(): RootMeanSquaredError {
    return new RootMeanSquaredError(this.options);
  }
}

/**
 * Streaming mean absolute error.
 *
 * @example
 * ```ts
 * const m = new MeanAbsoluteError();
 * m.update([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
 * m.compute(); // 0.5
 * ```
 */
export class MeanAbsoluteError extends RegressionMean {
  constructor(private readonly options: MetricOptions = {}) {
    super('mae', options);
  }

  protected terms(t: Float64Array, p: Float64Array): Float64Array {
    return absoluteErrors(t, p);
  }

  clone(): MeanAbsoluteError {
    return new MeanAbsoluteError(this.options);
  }
}

/**
 * Streaming mean absolute percentage error (as a fraction).
 *
 * @example
 * ```ts
 * const m = new MeanAbsolutePercentageError();
 * m.update([100, 200], [110, 180]);
 * m.compute(); // 0.1
 * ```
 */
export class MeanAbsolutePercentageError extends RegressionMean {
  constructor(private readonly options: MetricOptions = {}) {
    super('mape', options);
  }

  protected terms(t: Float64Array, p: Float64Array): Float64Array {
    return percentageErrors(t, p);
  }

  clone(): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(this.options);
  }
}

