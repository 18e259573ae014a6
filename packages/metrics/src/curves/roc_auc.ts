import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkSameLength, isTwoDimensional, readLabels, readMatrix } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { npMean, npWeightedMean } from '../internal/pairwise_sum.js';
import { checkProbabilityRows, checkTolerance } from '../internal/probabilities.js';
import { trapezoid } from './auc.js';
import { binaryClfCurve, readBinaryScores, requireBothClasses } from './binary_clf_curve.js';
import { dropCollinear, rocFromCounts } from './roc_curve.js';

/**
 * Options for {@link rocAuc}.
 *
 * @example
 * ```ts
 * rocAuc(yTrue, yProb, { multiClass: 'ovo', average: 'weighted' });
 * ```
 */
export interface RocAucOptions {
  /** Multiclass strategy: one-vs-rest or one-vs-one (Hand & Till). Default `'ovr'`. */
  multiClass?: 'ovr' | 'ovo';
  /** How per-class (or per-pair) AUCs combine. Default `'macro'`. */
  average?: 'macro' | 'weighted';
  /** The positive class for 1-D scores. Default 1. */
  posLabel?: number;
  /** Allowed `|sum(row) - 1|` for multiclass probabilities. Default 1e-6. */
  tolerance?: number;
}

/** AUC of a binary problem, computed like scikit-learn (corner points only, then trapezoids). */
export function binaryAuc(fn: string, isPos: Uint8Array, score: Float64Array, positives: number, arg = 'yTrue'): number {
  requireBothClasses(fn, positives, isPos.length, arg);
  const roc = rocFromCounts(dropCollinear(binaryClfCurve(isPos, score)));
  return trapezoid(roc.fpr, roc.tpr);
}

function column(data: Float64Array, cols: number, c: number, rows: number[] | null, n: number): Float64Array {
  if (rows === null) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = data[i * cols + c] as number;
    return out;
  }
  return Float64Array.from(rows, (i) => data[i * cols + c] as number);
}

/**
 * Area under the ROC curve (scikit-learn's `roc_auc_score`).
 *
 * Binary: `yScore` is 1-D, the score of `posLabel` (or `[n, 2]`, whose column 1 is used).
 * Multiclass: `yScore` is `[n, numClasses]` probabilities (rows sum to 1 within `tolerance`,
 * default 1e-6), column `c` for class `c`; every class must occur in `yTrue`. `'ovr'` averages
 * one-vs-rest AUCs, `'ovo'` averages one-vs-one pair AUCs (Hand & Till 2001).
 * Throws when `yTrue` has a single class: AUC is undefined there.
 *
 * @example
 * ```ts
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * rocAuc([0, 1, 2], [[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6]], { multiClass: 'ovo' }); // 1
 * ```
 */
export function rocAuc(yTrue: Vector, yScore: Vector | Matrix, options: RocAucOptions = {}): number {
  const fn = 'rocAuc';
  const multiClass = options.multiClass ?? 'ovr';
  if (multiClass !== 'ovr' && multiClass !== 'ovo') fail(fn, 'options.multiClass', "be 'ovr' or 'ovo'", show(multiClass));
  const average = options.average ?? 'macro';
  if (average !== 'macro' && average !== 'weighted') fail(fn, 'options.average', "be 'macro' or 'weighted'", show(average));
  const tol = checkTolerance(fn, options.tolerance);
  if (!isTwoDimensional(yScore, fn, 'yScore')) {
    const { isPos, score, positives } = readBinaryScores(fn, yTrue, yScore as Vector, options.posLabel);
    return binaryAuc(fn, isPos, score, positives);
  }
  const t = readLabels(yTrue, fn, 'yTrue');
  const m = readMatrix(yScore as Matrix, fn, 'yScore');
  checkSameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
  const k = m.cols;
  checkLabelRange(fn, 'yTrue', t, k);
  const n = t.length;
  if (k === 2) {
    // Two columns: the binary AUC of column 1, which is what one-vs-rest reduces to.
    const isPos = Uint8Array.from(t, (v) => (v === 1 ? 1 : 0));
    return binaryAuc(fn, isPos, column(m.data, k, 1, null, n), isPos.reduce((a, b) => a + b, 0));
  }
  checkProbabilityRows(fn, 'yScore', m, tol);
  const support = new Float64Array(k);
  for (const v of t) support[v] = (support[v] as number) + 1;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) {
      fail(fn, 'yTrue', `contain every class 0..${k - 1} (yScore has ${k} columns) for multiclass AUC`, `no sample of class ${c}`);
    }
  }
  if (multiClass === 'ovr') {
    const scores = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const isPos = Uint8Array.from(t, (v) => (v === c ? 1 : 0));
      scores[c] = binaryAuc(fn, isPos, column(m.data, k, c, null, n), support[c] as number);
    }
    return average === 'macro' ? npMean(scores) : npWeightedMean(scores, support);
  }
  const pairs: number[] = [];
  const prevalence: number[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (t[i] === a || t[i] === b) rows.push(i);
      const aPos = Uint8Array.from(rows, (i) => (t[i] === a ? 1 : 0));
      const bPos = Uint8Array.from(rows, (i) => (t[i] === b ? 1 : 0));
      const aAuc = binaryAuc(fn, aPos, column(m.data, k, a, rows, n), support[a] as number);
      const bAuc = binaryAuc(fn, bPos, column(m.data, k, b, rows, n), support[b] as number);
      pairs.push((aAuc + bAuc) / 2);
      prevalence.push(rows.length / n);
    }
  }
  return average === 'macro' ? npMean(pairs) : npWeightedMean(pairs, prevalence);
}
