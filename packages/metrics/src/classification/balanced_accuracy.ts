import type { Vector } from '../types.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';
import { npMean } from '../internal/pairwise_sum.js';

/**
 * Options for {@link balancedAccuracy}.
 *
 * @example
 * ```ts
 * balancedAccuracy(yTrue, yPred, { adjusted: true });
 * ```
 */
export interface BalancedAccuracyOptions {
  /** When set, every label must be an integer in `[0, numClasses)`. */
  numClasses?: number;
  /** Rescale so that chance scores 0 and perfect scores 1. Default false. */
  adjusted?: boolean;
}

/**
 * Balanced accuracy from a confusion matrix: the mean recall over classes that have true
 * samples (classes only ever predicted are left out, as scikit-learn does).
 */
export function balancedAccuracyFromConfusion(cm: Float64Array, k: number, adjusted: boolean): number {
  const perClass: number[] = [];
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += cm[i * k + j] as number;
    if (row > 0) perClass.push((cm[i * k + i] as number) / row);
  }
  let score = perClass.length === 0 ? Number.NaN : npMean(perClass);
  if (adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}

/**
 * Balanced accuracy: the average of recall over classes, robust to class imbalance
 * (scikit-learn's `balanced_accuracy_score`).
 *
 * @example
 * ```ts
 * balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 * ```
 */
export function balancedAccuracy(yTrue: Vector, yPred: Vector, options: BalancedAccuracyOptions = {}): number {
  const fn = 'balancedAccuracy';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  return balancedAccuracyFromConfusion(countConfusion(enc.yTrue, enc.yPred, k), k, options.adjusted === true);
}
