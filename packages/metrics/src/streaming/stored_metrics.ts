/**
 * Streaming metrics that need every value: ranking metrics (ROC AUC, average precision) sort
 * all scores, and a median needs all errors. They keep compact float64 buffers (one number per
 * sample, or per sample and class), like torchmetrics' unbinned curves.
 */
import type { Matrix, Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { checkSameLength, isTwoDimensional, readLabels, readMatrix, readVector } from '../internal/inputs.js';
import { readRegression } from '../internal/regression_inputs.js';
import { averagePrecision, type AveragePrecisionOptions } from '../curves/average_precision.js';
import { rocAuc, type RocAucOptions } from '../curves/roc_auc.js';
import { absoluteErrors } from '../regression/mean_absolute_error.js';
import { median } from '../regression/median_absolute_error.js';
import { batchLabels, GrowableBuffer } from './batch.js';
import { BaseMetric, type MetricOptions } from './metric.js';

/** Keeps labels and scores (1-D, or rows of a fixed width). */
export abstract class ScoreBufferMetric extends BaseMetric<number> {
  readonly higherIsBetter = true;
  protected readonly labels = new GrowableBuffer();
  protected readonly scores = new GrowableBuffer();
  /** 0 until the first batch, then 1 for 1-D scores or the number of columns. */
  protected cols = 0;

  update(yTrue: Vector | Matrix, yScore: Vector | Matrix): void {
    const fn = `${this.constructor.name}.update`;
    const t = isTwoDimensional(yTrue, fn, 'yTrue') ? batchLabels(fn, 'yTrue', yTrue, 0.5) : readLabels(yTrue as Vector, fn, 'yTrue');
    let values: Float64Array;
    let cols: number;
    if (isTwoDimensional(yScore, fn, 'yScore')) {
      const m = readMatrix(yScore as Matrix, fn, 'yScore');
      checkSameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
      values = m.data;
      cols = m.cols;
    } else {
      values = readVector(yScore as Vector, fn, 'yScore');
      checkSameLength(fn, 'yTrue', t.length, 'yScore', values.length);
      cols = 1;
    }
    if (this.cols !== 0 && cols !== this.cols) fail(fn, 'yScore', `have ${this.cols} column(s) like earlier batches`, `${cols}`);
    this.cols = cols;
    this.labels.push(t);
    this.scores.push(values);
  }

  reset(): void {
    this.labels.reset();
    this.scores.reset();
    this.cols = 0;
  }

  protected mergeState(other: this): void {
    if (other.cols === 0) return;
    if (this.cols !== 0 && this.cols !== other.cols) {
      fail(`${this.constructor.name}.merge`, 'other', `hold scores with ${this.cols} column(s)`, `${other.cols}`);
    }
    this.cols = other.cols;
    this.labels.push(other.labels.view());
    this.scores.push(other.scores.view());
  }

  /** The stored data in the shape the functional metrics take. */
  protected data(): { yTrue: Float64Array; yScore: Float64Array | Float64Array[] } {
    if (this.labels.length === 0) this.empty();
    const s = this.scores.view();
    if (this.cols === 1) return { yTrue: this.labels.view(), yScore: s };
    const rows = Array.from({ length: this.labels.length }, (_, i) => s.subarray(i * this.cols, (i + 1) * this.cols));
    return { yTrue: this.labels.view(), yScore: rows };
  }
}

/**
 * Streaming ROC AUC (binary, or multiclass one-vs-rest / one-vs-one), exactly
 * {@link rocAuc} over all batches. Keeps every score.
 *
 * @example
 * ```ts
 * const auc = new RocAuc();
 * auc.update([0, 0], [0.1, 0.4]);
 * auc.update([1, 1], [0.35, 0.8]);
 * auc.compute(); // 0.75
 * ```
 */
export class RocAuc extends ScoreBufferMetric {
  protected readonly config: Record<string, unknown>;

  constructor(private readonly options: MetricOptions & RocAucOptions = {}) {
    super('rocAuc', options);
    this.config = { mc: options.multiClass ?? 'ovr', avg: options.average ?? 'macro', pos: options.posLabel ?? null, tol: options.tolerance ?? null };
  }

  compute(): number {
    const { yTrue, yScore } = this.data();
    return rocAuc(yTrue, yScore, this.options);
  }

  clone(): RocAuc {
    return new RocAuc(this.options);
  }
}

/**
 * Streaming average precision, exactly {@link averagePrecision} over all batches.
 * Keeps every score.
 *
 * @example
 * ```ts
 * const ap = new AveragePrecision();
 * ap.update([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * ap.compute(); // 0.8333...
 * ```
 */
export class AveragePrecision extends ScoreBufferMetric {
  protected readonly config: Record<string, unknown>;

  constructor(private readonly options: MetricOptions & AveragePrecisionOptions = {}) {
    super('averagePrecision', options);
    this.config = { avg: options.average ?? 'macro', pos: options.posLabel ?? null };
  }

  compute(): number {
    const { yTrue, yScore } = this.data();
    return averagePrecision(yTrue, yScore, this.options);
  }

  clone(): AveragePrecision {
    return new AveragePrecision(this.options);
  }
}

/**
 * Streaming median absolute error. Keeps one absolute error per sample.
 *
 * @example
 * ```ts
 * const m = new MedianAbsoluteError();
 * m.update([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
 * m.compute(); // 0.5
 * ```
 */
export class MedianAbsoluteError extends BaseMetric<number> {
  readonly higherIsBetter = false;
  protected readonly config: Record<string, unknown> = {};
  private readonly errors = new GrowableBuffer();

  constructor(private readonly options: MetricOptions = {}) {
    super('medianAbsoluteError', options);
  }

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const { t, p } = readRegression('MedianAbsoluteError.update', yTrue as Vector, yPred as Vector);
    this.errors.push(absoluteErrors(t, p));
  }

  compute(): number {
    if (this.errors.length === 0) this.empty();
    return median(this.errors.view());
  }

  reset(): void {
    this.errors.reset();
  }

  protected mergeState(other: this): void {
    this.errors.push(other.errors.view());
  }

  clone(): MedianAbsoluteError {
    return new MedianAbsoluteError(this.options);
  }
}
