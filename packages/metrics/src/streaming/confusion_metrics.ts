/**
 * Streaming metrics that only need a running confusion matrix: memory is `numClasses^2`
 * however many samples pass through, and the result equals the functional form on the
 * concatenated data (same arithmetic on the same counts).
 */
import type { Matrix, Vector } from '../types.js';
import { checkSameLength, checkInteger } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { fail, show } from '../internal/errors.js';
import { balancedAccuracyFromConfusion } from '../classification/balanced_accuracy.js';
import { checkKappaWeights, kappaFromConfusion, type KappaWeights } from '../classification/cohen_kappa.js';
import { checkNormalize, normalizeConfusion, toRows, type ConfusionNormalize } from '../classification/confusion_matrix.js';
import { mccFromConfusion } from '../classification/matthews_corrcoef.js';
import {
  averageScores,
  checkAverage,
  checkZeroDivision,
  countsFromConfusion,
  type Average,
  type ClassCounts,
} from '../classification/precision_recall_f1.js';
import { BaseMetric, type MetricOptions } from './metric.js';
import { batchLabels } from './batch.js';

/**
 * Options shared by confusion-matrix metrics.
 *
 * @example
 * ```ts
 * new MatthewsCorrcoef({ numClasses: 3 });
 * ```
 */
export interface ConfusionMetricOptions extends MetricOptions {
  /** Number of classes; labels must be integers in `[0, numClasses)`. Default 2. */
  numClasses?: number;
  /** Threshold for 1-D probabilities passed as `yPred` (`p > threshold` is class 1). Default 0.5. */
  threshold?: number;
}

/** Accumulates a `numClasses x numClasses` confusion matrix. */
export abstract class ConfusionMatrixMetric<R> extends BaseMetric<R> {
  readonly numClasses: number;
  protected readonly threshold: number;
  protected cm: Float64Array;
  protected seen = 0;

  constructor(defaultName: string, options: ConfusionMetricOptions = {}) {
    super(defaultName, options);
    const cls = this.constructor.name;
    this.numClasses = checkInteger(cls, 'options.numClasses', options.numClasses ?? 2, 1);
    this.threshold = options.threshold ?? 0.5;
    if (typeof this.threshold !== 'number' || !(this.threshold >= 0 && this.threshold <= 1)) {
      fail(cls, 'options.threshold', 'be a number in [0, 1]', show(options.threshold));
    }
    this.cm = new Float64Array(this.numClasses * this.numClasses);
  }

  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const fn = `${this.constructor.name}.update`;
    const t = batchLabels(fn, 'yTrue', yTrue, this.threshold);
    const p = batchLabels(fn, 'yPred', yPred, this.threshold);
    checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
    const k = this.numClasses;
    checkLabelRange(fn, 'yTrue', t, k);
    checkLabelRange(fn, 'yPred', p, k);
    for (let i = 0; i < t.length; i++) {
      const idx = (t[i] as number) * k + (p[i] as number);
      this.cm[idx] = (this.cm[idx] as number) + 1;
    }
    this.seen += t.length;
  }

  reset(): void {
    this.cm.fill(0);
    this.seen = 0;
  }

  protected mergeState(other: this): void {
    for (let i = 0; i < this.cm.length; i++) this.cm[i] = (this.cm[i] as number) + (other.cm[i] as number);
    this.seen += other.seen;
  }

  /** The counts so far, checked non-empty. */
  protected counts(): Float64Array {
    if (this.seen === 0) this.empty();
    return this.cm;
  }
}

/**
 * Options for the {@link ConfusionMatrix} metric.
 *
 * @example
 * ```ts
 * new ConfusionMatrix({ numClasses: 3, normalize: 'true' });
 * ```
 */
export interface ConfusionMatrixMetricOptions extends ConfusionMetricOptions {
  normalize?: ConfusionNormalize;
}

/**
 * Streaming confusion matrix (`[true][pred]` counts, or normalised). Not a scalar:
 * `higherIsBetter` is true only in the sense that the diagonal should grow.
 *
 * @example
 * ```ts
 * const cm = new ConfusionMatrix({ numClasses: 3 });
 * cm.update([0, 1, 2], [0, 2, 2]);
 * cm.compute(); // [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
 * ```
 */
export class ConfusionMatrix extends ConfusionMatrixMetric<number[][]> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  private readonly normalize: ConfusionNormalize | undefined;

  constructor(private readonly options: ConfusionMatrixMetricOptions = {}) {
    super('confusionMatrix', options);
    this.normalize = checkNormalize('ConfusionMatrix', options.normalize);
    this.config = { k: this.numClasses, normalize: this.normalize ?? null, threshold: this.threshold };
  }

  compute(): number[][] {
    return toRows(normalizeConfusion(this.counts(), this.numClasses, this.normalize), this.numClasses);
  }

  clone(): ConfusionMatrix {
    return new ConfusionMatrix(this.options);
  }
}

/**
 * Streaming balanced accuracy (mean per-class recall over classes seen in `yTrue`).
 *
 * @example
 * ```ts
 * const m = new BalancedAccuracy({ numClasses: 2 });
 * m.update([0, 1, 0, 0], [0, 1, 1, 0]);
 * m.compute(); // 0.8333...
 * ```
 */
export class BalancedAccuracy extends ConfusionMatrixMetric<number> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;

  constructor(private readonly options: ConfusionMetricOptions & { adjusted?: boolean } = {}) {
    super('balancedAccuracy', options);
    this.config = { k: this.numClasses, adjusted: options.adjusted === true, threshold: this.threshold };
  }

  compute(): number {
    return balancedAccuracyFromConfusion(this.counts(), this.numClasses, this.options.adjusted === true);
  }

  clone(): BalancedAccuracy {
    return new BalancedAccuracy(this.options);
  }
}

/**
 * Options for {@link PrecisionRecallF1} and the single-score variants.
 *
 * @example
 * ```ts
 * new F1Score({ numClasses: 5, average: 'macro', zeroDivision: 1 });
 * ```
 */
export interface PrecisionRecallF1MetricOptions extends ConfusionMetricOptions {
  /** Default `'binary'` (scores of `posLabel`). */
  average?: Average;
  zeroDivision?: 0 | 1;
  /** Positive class for `'binary'`. Default 1. */
  posLabel?: number;
}

type Scores = { precision: number; recall: number; f: number } | { precision: number[]; recall: number[]; f: number[] };

/** Precision/recall/F-beta from the running matrix. */
export abstract class PrfMetric<R> extends ConfusionMatrixMetric<R> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  protected readonly average: Average;
  protected readonly zeroDivision: 0 | 1;
  protected readonly posLabel: number;
  protected readonly beta: number;

  constructor(defaultName: string, options: PrecisionRecallF1MetricOptions, beta: number) {
    super(defaultName, options);
    const cls = this.constructor.name;
    this.average = checkAverage(cls, options.average);
    this.zeroDivision = checkZeroDivision(cls, options.zeroDivision);
    this.posLabel = options.posLabel ?? 1;
    if (typeof beta !== 'number' || !(beta >= 0)) fail(cls, 'beta', 'be a number >= 0', show(beta));
    this.beta = beta;
    if (this.average === 'binary') {
      if (this.numClasses > 2) fail(cls, 'options.average', `not be 'binary' with numClasses = ${this.numClasses}`, "'binary'");
      checkLabelRange(cls, 'options.posLabel', [this.posLabel], this.numClasses);
    }
    this.config = { k: this.numClasses, average: this.average, zd: this.zeroDivision, pos: this.posLabel, beta, threshold: this.threshold };
  }

  protected scores(): Scores {
    const cm = this.counts();
    const k = this.numClasses;
    let counts: ClassCounts;
    if (this.average === 'binary') {
      const all = countsFromConfusion(cm, k);
      const pos = this.posLabel;
      counts = {
        tp: Float64Array.of(all.tp[pos] as number),
        predSum: Float64Array.of(all.predSum[pos] as number),
        trueSum: Float64Array.of(all.trueSum[pos] as number),
      };
    } else {
      counts = countsFromConfusion(cm, k);
    }
    const r = averageScores(counts, this.average, this.beta, this.zeroDivision);
    if (typeof r.precision === 'number') return r as Scores;
    const s = r as { precision: Float64Array; recall: Float64Array; f: Float64Array };
    return { precision: Array.from(s.precision), recall: Array.from(s.recall), f: Array.from(s.f) };
  }
}

/**
 * Streaming precision, recall and F1 together.
 *
 * @example
 * ```ts
 * const m = new PrecisionRecallF1({ numClasses: 3, average: 'macro' });
 * m.update([0, 1, 2], [0, 2, 2]);
 * m.compute(); // { precision: 0.5, recall: 0.666..., f1: 0.555... }
 * ```
 */
export class PrecisionRecallF1 extends PrfMetric<{ precision: number | number[]; recall: number | number[]; f1: number | number[] }> {
  constructor(private readonly options: PrecisionRecallF1MetricOptions = {}) {
    super('precisionRecallF1', options, 1);
  }

  compute(): { precision: number | number[]; recall: number | number[]; f1: number | number[] } {
    const s = this.scores();
    return { precision: s.precision, recall: s.recall, f1: s.f };
  }

  clone(): PrecisionRecallF1 {
    return new PrecisionRecallF1(this.options);
  }
}

/**
 * Streaming precision.
 *
 * @example
 * ```ts
 * const m = new Precision();
 * m.update([0, 1, 1], [1, 1, 0]);
 * m.compute(); // 0.5
 * ```
 */
export class Precision extends PrfMetric<number | number[]> {
  constructor(private readonly options: PrecisionRecallF1MetricOptions = {}) {
    super('precision', options, 1);
  }

  compute(): number | number[] {
    return this.scores().precision;
  }

  clone(): Precision {
    return new Precision(this.options);
  }
}

/**
 * Streaming recall.
 *
 * @example
 * ```ts
 * const m = new Recall();
 * m.update([0, 1, 1], [1, 1, 0]);
 * m.compute(); // 0.5
 * ```
 */
export class Recall extends PrfMetric<number | number[]> {
  constructor(private readonly options: PrecisionRecallF1MetricOptions = {}) {
    super('recall', options, 1);
  }

  compute(): number | number[] {
    return this.scores().recall;
  }

  clone(): Recall {
    return new Recall(this.options);
  }
}

/**
 * Streaming F1 score.
 *
 * @example
 * ```ts
 * const m = new F1Score({ numClasses: 3, average: 'weighted' });
 * m.update(labels, tf.softmax(logits)); // 2-D scores are argmaxed
 * m.compute();
 * ```
 */
export class F1Score extends PrfMetric<number | number[]> {
  constructor(private readonly options: PrecisionRecallF1MetricOptions = {}) {
    super('f1', options, 1);
  }

  compute(): number | number[] {
    return this.scores().f;
  }

  clone(): F1Score {
    return new F1Score(this.options);
  }
}

/**
 * Streaming F-beta score.
 *
 * @example
 * ```ts
 * const m = new FBetaScore({ beta: 2 });
 * m.update([0, 1, 1, 0], [0, 1, 0, 0]);
 * m.compute(); // 0.555...
 * ```
 */
export class FBetaScore extends PrfMetric<number | number[]> {
  constructor(private readonly options: PrecisionRecallF1MetricOptions & { beta: number }) {
    super('fbeta', options, options.beta);
  }

  compute(): number | number[] {
    return this.scores().f;
  }

  clone(): FBetaScore {
    return new FBetaScore(this.options);
  }
}

/**
 * Streaming Matthews correlation coefficient.
 *
 * @example
 * ```ts
 * const m = new MatthewsCorrcoef();
 * m.update([1, 1, 1, 0], [1, 0, 1, 1]);
 * m.compute(); // -0.333...
 * ```
 */
export class MatthewsCorrcoef extends ConfusionMatrixMetric<number> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;

  constructor(private readonly options: ConfusionMetricOptions = {}) {
    super('mcc', options);
    this.config = { k: this.numClasses, threshold: this.threshold };
  }

  compute(): number {
    return mccFromConfusion(this.counts(), this.numClasses);
  }

  clone(): MatthewsCorrcoef {
    return new MatthewsCorrcoef(this.options);
  }
}

/**
 * Streaming Cohen's kappa, optionally weighted.
 *
 * @example
 * ```ts
 * const m = new CohenKappa({ numClasses: 3, weights: 'quadratic' });
 * m.update([0, 1, 2], [0, 2, 2]);
 * m.compute();
 * ```
 */
export class CohenKappa extends ConfusionMatrixMetric<number> {
  readonly higherIsBetter = true;
  protected readonly config: Record<string, unknown>;
  private readonly weights: KappaWeights | undefined;

  constructor(private readonly options: ConfusionMetricOptions & { weights?: KappaWeights } = {}) {
    super('cohenKappa', options);
    this.weights = checkKappaWeights('CohenKappa', options.weights);
    this.config = { k: this.numClasses, weights: this.weights ?? null, threshold: this.threshold };
  }

  compute(): number {
    return kappaFromConfusion(this.counts(), this.numClasses, this.weights);
  }

  clone(): CohenKappa {
    return new CohenKappa(this.options);
  }
}
