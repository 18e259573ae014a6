import type { Vector } from '../types.js';
import { fail, show, showList } from '../internal/errors.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';
import { npMean, npWeightedMean, pairwiseSum } from '../internal/pairwise_sum.js';

/**
 * How per-class scores are combined (scikit-learn's `average`; `'none'` is its `None`).
 *
 * @example
 * ```ts
 * const average: Average = 'macro';
 * ```
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'none';

/**
 * Options for {@link precisionRecallF1}, {@link fbetaScore} and friends.
 *
 * @example
 * ```ts
 * precisionRecallF1(yTrue, yPred, { average: 'weighted', numClasses: 4, zeroDivision: 1 });
 * ```
 */
export interface PrecisionRecallF1Options {
  /** Default `'binary'`, like scikit-learn: the scores of `posLabel` only. */
  average?: Average;
  /**
   * Classes are `0 .. numClasses - 1` (labels outside throw). Without it the classes are the
   * sorted labels present in `yTrue` or `yPred`, as in scikit-learn.
   */
  numClasses?: number;
  /** Value used where a ratio is 0/0 (no predictions, or no true samples, of a class). Default 0. */
  zeroDivision?: 0 | 1;
  /** The positive class for `average: 'binary'`. Default 1. */
  posLabel?: number;
}

/**
 * Averaged precision, recall and F1.
 *
 * @example
 * ```ts
 * const { precision, recall, f1 }: PrecisionRecallF1Result = precisionRecallF1(yTrue, yPred);
 * ```
 */
export interface PrecisionRecallF1Result {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Per-class precision, recall and F1 (`average: 'none'`), in the order of `labels`.
 *
 * @example
 * ```ts
 * const { f1, support, labels } = precisionRecallF1(yTrue, yPred, { average: 'none' });
 * ```
 */
export interface PrecisionRecallF1PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  /** Number of true samples of each class. */
  support: number[];
  /** The class of each position. */
  labels: number[];
}

/** Per-class sufficient statistics: true positives, predicted counts, true counts. */
export interface ClassCounts {
  tp: Float64Array;
  predSum: Float64Array;
  trueSum: Float64Array;
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', 'none'];

/** Checks `average` against the allowed values. */
export function checkAverage(fn: string, average: unknown): Average {
  if (average === undefined) return 'binary';
  if (!AVERAGES.includes(average as Average)) {
    fail(fn, 'options.average', `be one of ${AVERAGES.map((a) => `'${a}'`).join(', ')}`, show(average));
  }
  return average as Average;
}

/** Checks `zeroDivision`. */
export function checkZeroDivision(fn: string, zd: unknown): 0 | 1 {
  if (zd === undefined) return 0;
  if (zd !== 0 && zd !== 1) fail(fn, 'options.zeroDivision', 'be 0 or 1', show(zd));
  return zd;
}

/** Per-class counts from a row-major confusion matrix. */
export function countsFromConfusion(cm: Float64Array, k: number): ClassCounts {
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const trueSum = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = cm[i * k + j] as number;
      trueSum[i] = (trueSum[i] as number) + c;
      predSum[j] = (predSum[j] as number) + c;
    }
    tp[i] = cm[i * k + i] as number;
  }
  return { tp, predSum, trueSum };
}

function divide(num: Float64Array, den: Float64Array, zd: 0 | 1): Float64Array {
  const out = new Float64Array(num.length);
  for (let i = 0; i < num.length; i++) {
    const d = den[i] as number;
    out[i] = d === 0 ? zd : (num[i] as number) / d;
  }
  return out;
}

/** Per-class precision, recall and F-beta from counts, with scikit-learn 1.2's arithmetic. */
export function scoresFromCounts(
  counts: ClassCounts,
  beta: number,
  zd: 0 | 1,
): { precision: Float64Array; recall: Float64Array; f: Float64Array } {
  const precision = divide(counts.tp, counts.predSum, zd);
  const recall = divide(counts.tp, counts.trueSum, zd);
  const f = new Float64Array(precision.length);
  const beta2 = beta * beta;
  for (let i = 0; i < f.length; i++) {
    const p = precision[i] as number;
    const r = recall[i] as number;
    if (beta === Infinity) {
      f[i] = r;
      continue;
    }
    // Same operation order as scikit-learn 1.2 (F from the rounded precision and recall, not
    // from the counts), so the last bit agrees too.
    let denom = beta2 * p + r;
    if (denom === 0) denom = 1;
    f[i] = ((1 + beta2) * p * r) / denom;
  }
  return { precision, recall, f };
}

/** Combines per-class counts into averaged (or per-class) scores. */
export function averageScores(
  counts: ClassCounts,
  average: Exclude<Average, 'binary'> | 'binary',
  beta: number,
  zd: 0 | 1,
): { precision: number; recall: number; f: number } | { precision: Float64Array; recall: Float64Array; f: Float64Array } {
  if (average === 'micro') {
    const one = (a: Float64Array): Float64Array => Float64Array.of(pairwiseSum(a));
    const s = scoresFromCounts({ tp: one(counts.tp), predSum: one(counts.predSum), trueSum: one(counts.trueSum) }, beta, zd);
    return { precision: s.precision[0] as number, recall: s.recall[0] as number, f: s.f[0] as number };
  }
  const s = scoresFromCounts(counts, beta, zd);
  if (average === 'none') return s;
  if (average === 'binary') return { precision: s.precision[0] as number, recall: s.recall[0] as number, f: s.f[0] as number };
  if (average === 'macro') return { precision: npMean(s.precision), recall: npMean(s.recall), f: npMean(s.f) };
  // weighted by support
  if (pairwiseSum(counts.trueSum) === 0) {
    // No true samples of any class: scikit-learn's special case.
    if (pairwiseSum(counts.predSum) === 0) return { precision: zd, recall: zd, f: zd };
    return { precision: 0, recall: zd, f: 0 };
  }
  return {
    precision: npWeightedMean(s.precision, counts.trueSum),
    recall: npWeightedMean(s.recall, counts.trueSum),
    f: npWeightedMean(s.f, counts.trueSum),
  };
}

/** Counts for `average: 'binary'` from encoded labels, checking the binary preconditions. */
function binaryCounts(fn: string, labels: number[], t: Int32Array, p: Int32Array, posLabel: number): ClassCounts {
  if (labels.length > 2) {
    fail(
      fn,
      'yTrue and yPred',
      `hold at most 2 classes for average 'binary' (use 'micro', 'macro', 'weighted' or 'none' for multiclass)`,
      `${labels.length} classes (${showList(labels)})`,
    );
  }
  const pos = labels.indexOf(posLabel);
  if (pos < 0 && labels.length === 2) {
    fail(fn, 'options.posLabel', `be one of the labels (${showList(labels)})`, show(posLabel));
  }
  let tp = 0;
  let predSum = 0;
  let trueSum = 0;
  for (let i = 0; i < t.length; i++) {
    const isT = t[i] === pos;
    const isP = p[i] === pos;
    if (isT) trueSum++;
    if (isP) predSum++;
    if (isT && isP) tp++;
  }
  return { tp: Float64Array.of(tp), predSum: Float64Array.of(predSum), trueSum: Float64Array.of(trueSum) };
}

/** The shared body of the precision/recall/F functions. */
export function prfCore(
  fn: string,
  yTrue: Vector,
  yPred: Vector,
  beta: number,
  options: PrecisionRecallF1Options,
): { precision: number; recall: number; f: number } | (PrecisionRecallF1PerClass & { f: number[] }) {
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const average = checkAverage(fn, options.average);
  const zd = checkZeroDivision(fn, options.zeroDivision);
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) fail(fn, 'beta', 'be a number >= 0', show(beta));
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  if (average === 'binary') {
    const counts = binaryCounts(fn, enc.labels, enc.yTrue, enc.yPred, options.posLabel ?? 1);
    return averageScores(counts, 'binary', beta, zd) as { precision: number; recall: number; f: number };
  }
  const counts = countsFromConfusion(countConfusion(enc.yTrue, enc.yPred, k), k);
  const r = averageScores(counts, average, beta, zd);
  if (average === 'none') {
    const s = r as { precision: Float64Array; recall: Float64Array; f: Float64Array };
    return {
      precision: Array.from(s.precision),
      recall: Array.from(s.recall),
      f: Array.from(s.f),
      f1: Array.from(s.f),
      support: Array.from(counts.trueSum),
      labels: enc.labels,
    };
  }
  return r as { precision: number; recall: number; f: number };
}

/**
 * Precision, recall and F1 in one pass (scikit-learn's `precision_recall_fscore_support` with
 * beta = 1). `average: 'none'` returns one value per class plus the support.
 *
 * @example
 * ```ts
 * precisionRecallF1([0, 1, 1, 0], [0, 1, 0, 0]); // { precision: 1, recall: 0.5, f1: 0.666... }
 * precisionRecallF1([0, 1, 2, 2], [0, 2, 2, 2], { average: 'macro' });
 * precisionRecallF1([0, 1, 2, 2], [0, 2, 2, 2], { average: 'none' }).f1; // [1, 0, 0.8]
 * ```
 */
export function precisionRecallF1(
  yTrue: Vector,
  yPred: Vector,
  options: PrecisionRecallF1Options & { average: 'none' },
): PrecisionRecallF1PerClass;
export function precisionRecallF1(yTrue: Vector, yPred: Vector, options?: PrecisionRecallF1Options): PrecisionRecallF1Result;
export function precisionRecallF1(
  yTrue: Vector,
  yPred: Vector,
  options: PrecisionRecallF1Options = {},
): PrecisionRecallF1Result | PrecisionRecallF1PerClass {
  const r = prfCore('precisionRecallF1', yTrue, yPred, 1, options);
  if ('labels' in r) {
    return { precision: r.precision, recall: r.recall, f1: r.f1, support: r.support, labels: r.labels };
  }
  return { precision: r.precision, recall: r.recall, f1: r.f };
}

/**
 * Precision, `tp / (tp + fp)` (scikit-learn's `precision_score`).
 *
 * @example
 * ```ts
 * precisionScore([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 * ```
 */
export function precisionScore(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options & { average: 'none' }): number[];
export function precisionScore(yTrue: Vector, yPred: Vector, options?: PrecisionRecallF1Options): number;
export function precisionScore(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options = {}): number | number[] {
  return prfCore('precisionScore', yTrue, yPred, 1, options).precision;
}

/**
 * Recall, `tp / (tp + fn)` (scikit-learn's `recall_score`).
 *
 * @example
 * ```ts
 * recallScore([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 * ```
 */
export function recallScore(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options & { average: 'none' }): number[];
export function recallScore(yTrue: Vector, yPred: Vector, options?: PrecisionRecallF1Options): number;
export function recallScore(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options = {}): number | number[] {
  return prfCore('recallScore', yTrue, yPred, 1, options).recall;
}
