import type { Vector } from '../types.js';
import { binaryClfCurve, readBinaryScores, type ClfCurveCounts } from './binary_clf_curve.js';

/**
 * Options for {@link precisionRecallCurve}.
 *
 * @example
 * ```ts
 * precisionRecallCurve([1, 2, 2], [0.1, 0.8, 0.6], { posLabel: 2 });
 * ```
 */
export interface PrecisionRecallCurveOptions {
  /** The positive class. Default 1 (labels must then be in {0, 1} or {-1, 1}). */
  posLabel?: number;
}

/**
 * Points of a precision-recall curve, by increasing threshold.
 *
 * @example
 * ```ts
 * const { precision, recall, thresholds }: PrecisionRecallCurve = precisionRecallCurve(yTrue, yScore);
 * ```
 */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then a final 1. */
  precision: number[];
  /** Recall at each threshold (decreasing), then a final 0. */
  recall: number[];
  /** Distinct scores, increasing; one fewer than `precision`/`recall`. */
  thresholds: number[];
}

/** Curve points from counts, in scikit-learn 1.2's order and with its end point. */
export function prFromCounts(c: ClfCurveCounts): PrecisionRecallCurve {
  const n = c.tps.length;
  const tpsLast = c.tps[n - 1] as number;
  const precision: number[] = [];
  const recall: number[] = [];
  const thresholds: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const tp = c.tps[i] as number;
    const predicted = tp + (c.fps[i] as number);
    precision.push(predicted === 0 ? 0 : tp / predicted);
    // No positives at all: scikit-learn defines recall as 1 everywhere.
    recall.push(tpsLast === 0 ? 1 : tp / tpsLast);
    thresholds.push(c.thresholds[i] as number);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds };
}

/**
 * Precision-recall pairs for every distinct score threshold (scikit-learn 1.2's
 * `precision_recall_curve`): thresholds increase, recall decreases, and a last point
 * (precision 1, recall 0) has no threshold.
 *
 * @example
 * ```ts
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { precision: [0.5, 0.667, 0.5, 1, 1], recall: [1, 1, 0.5, 0.5, 0], thresholds: [0.1, 0.35, 0.4, 0.8] }
 * ```
 */
export function precisionRecallCurve(yTrue: Vector, yScore: Vector, options: PrecisionRecallCurveOptions = {}): PrecisionRecallCurve {
  const { isPos, score } = readBinaryScores('precisionRecallCurve', yTrue, yScore, options.posLabel);
  return prFromCounts(binaryClfCurve(isPos, score));
}
