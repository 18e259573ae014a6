import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkSameLength, isTwoDimensional, readLabels, readMatrix } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { npMean, npWeightedMean, pairwiseSum } from '../internal/pairwise_sum.js';
import { binaryClfCurve, readBinaryScores } from './binary_clf_curve.js';
import { prFromCounts } from './precision_recall_curve.js';

/**
 * Options for {@link averagePrecision}.
 *
 * @example
 * ```ts
 * averagePrecision(yTrue, yProb, { average: 'micro' });
 * ```
 */
export interface AveragePrecisionOptions {
  /** The positive class for 1-D scores. Default 1. */
  posLabel?: number;
  /** Multiclass (2-D scores) averaging of one-vs-rest APs. Default `'macro'`. */
  average?: 'macro' | 'weighted' | 'micro';
}

/** AP of a binary problem: `sum((R[n] - R[n-1]) * P[n])` over the PR curve, no interpolation. */
export function binaryAveragePrecision(isPos: Uint8Array, score: Float64Array): number {
  const pr = prFromCounts(binaryClfCurve(isPos, score));
  const n = pr.recall.length;
  const parts = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) parts[i] = ((pr.recall[i + 1] as number) - (pr.recall[i] as number)) * (pr.precision[i] as number);
  // + 0 turns the -0 of an all-negative yTrue into 0.
  return -pairwiseSum(parts) + 0;
}

/**
 * Average precision: the precision-recall curve summarised as the recall-weighted mean of
 * precision (scikit-learn's `average_precision_score`, step-wise, not interpolated).
 * 2-D `[n, numClasses]` scores give one-vs-rest APs averaged by `average` (column `c` is
 * class `c`; `'micro'` pools every (sample, class) pair).
 *
 * @example
 * ```ts
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333...
 * ```
 */
export function averagePrecision(yTrue: Vector, yScore: Vector | Matrix, options: AveragePrecisionOptions = {}): number {
  const fn = 'averagePrecision';
  if (!isTwoDimensional(yScore, fn, 'yScore')) {
    const { isPos, score } = readBinaryScores(fn, yTrue, yScore as Vector, options.posLabel);
    return binaryAveragePrecision(isPos, score);
  }
  const average = options.average ?? 'macro';
  if (average !== 'macro' && average !== 'weighted' && average !== 'micro') {
    fail(fn, 'options.average', "be 'macro', 'weighted' or 'micro'", show(average));
  }
  const t = readLabels(yTrue, fn, 'yTrue');
  const m = readMatrix(yScore as Matrix, fn, 'yScore');
  checkSameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
  const k = m.cols;
  checkLabelRange(fn, 'yTrue', t, k);
  const n = t.length;
  if (average === 'micro') {
    const isPos = new Uint8Array(n * k);
    for (let i = 0; i < n; i++) isPos[i * k + (t[i] as number)] = 1;
    return binaryAveragePrecision(isPos, m.data);
  }
  const support = new Float64Array(k);
  for (const v of t) support[v] = (support[v] as number) + 1;
  const scores = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) {
      if (average === 'macro') fail(fn, 'yTrue', `contain every class 0..${k - 1} for macro-averaged AP`, `no sample of class ${c}`);
      continue; // weight 0: scikit-learn forces such scores to 0
    }
    const isPos = Uint8Array.from(t, (v) => (v === c ? 1 : 0));
    scores[c] = binaryAveragePrecision(isPos, Float64Array.from({ length: n }, (_, i) => m.data[i * k + c] as number));
  }
  return average === 'macro' ? npMean(scores) : npWeightedMean(scores, support);
}
