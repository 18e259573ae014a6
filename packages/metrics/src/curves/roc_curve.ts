import type { Vector } from '../types.js';
import { binaryClfCurve, readBinaryScores, requireBothClasses, type ClfCurveCounts } from './binary_clf_curve.js';

/**
 * Options for {@link rocCurve}.
 *
 * @example
 * ```ts
 * rocCurve([1, 2, 2], [0.1, 0.8, 0.6], { posLabel: 2, dropIntermediate: true });
 * ```
 */
export interface RocCurveOptions {
  /** The positive class. Default 1 (labels must then be in {0, 1} or {-1, 1}). */
  posLabel?: number;
  /**
   * Drop points that lie on a straight segment between their neighbours. Default false: every
   * threshold is kept (scikit-learn's `drop_intermediate=False`).
   */
  dropIntermediate?: boolean;
}

/**
 * Points of a ROC curve, by decreasing threshold.
 *
 * @example
 * ```ts
 * const { fpr, tpr, thresholds }: RocCurve = rocCurve(yTrue, yScore);
 * ```
 */
export interface RocCurve {
  /** False positive rate at each threshold. */
  fpr: number[];
  /** True positive rate at each threshold. */
  tpr: number[];
  /** Score thresholds, decreasing; the first is `Infinity` (nothing predicted positive). */
  thresholds: number[];
}

/** Keeps the corners of the curve only, as scikit-learn's `drop_intermediate=True`. */
export function dropCollinear(c: ClfCurveCounts): ClfCurveCounts {
  const n = c.fps.length;
  if (n <= 2) return c;
  const keep: number[] = [0];
  for (let i = 1; i < n - 1; i++) {
    const d2f = (c.fps[i + 1] as number) - 2 * (c.fps[i] as number) + (c.fps[i - 1] as number);
    const d2t = (c.tps[i + 1] as number) - 2 * (c.tps[i] as number) + (c.tps[i - 1] as number);
    if (d2f !== 0 || d2t !== 0) keep.push(i);
  }
  keep.push(n - 1);
  const pick = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i] as number);
  return { fps: pick(c.fps), tps: pick(c.tps), thresholds: pick(c.thresholds) };
}

/** ROC points from curve counts (prepending the (0, 0) point at threshold Infinity). */
export function rocFromCounts(c: ClfCurveCounts): RocCurve {
  const n = c.fps.length;
  const fpsLast = c.fps[n - 1] as number;
  const tpsLast = c.tps[n - 1] as number;
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  for (let i = 0; i < n; i++) {
    fpr.push((c.fps[i] as number) / fpsLast);
    tpr.push((c.tps[i] as number) / tpsLast);
    thresholds.push(c.thresholds[i] as number);
  }
  return { fpr, tpr, thresholds };
}

/**
 * Receiver operating characteristic curve of a binary scorer (scikit-learn's `roc_curve`
 * with `drop_intermediate=False` by default). One point per distinct score, plus a first
 * point (0, 0) at threshold `Infinity`. Throws if `yTrue` has a single class (scikit-learn
 * returns NaN rates there).
 *
 * @example
 * ```ts
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1] }
 * ```
 */
export function rocCurve(yTrue: Vector, yScore: Vector, options: RocCurveOptions = {}): RocCurve {
  const fn = 'rocCurve';
  const { isPos, score, positives } = readBinaryScores(fn, yTrue, yScore, options.posLabel);
  requireBothClasses(fn, positives, isPos.length);
  const counts = binaryClfCurve(isPos, score);
  return rocFromCounts(options.dropIntermediate === true ? dropCollinear(counts) : counts);
}
