import type { Vector } from '../types.js';
import { checkSameLength, readLabels } from '../internal/inputs.js';
import { checkLabelRange, checkNumClasses } from '../internal/labels.js';

/**
 * Options for {@link accuracy}.
 *
 * @example
 * ```ts
 * accuracy(yTrue, yPred, { numClasses: 3, normalize: false });
 * ```
 */
export interface AccuracyOptions {
  /** When set, every label must be an integer in `[0, numClasses)`. */
  numClasses?: number;
  /** `false` returns the number of correct predictions instead of the fraction. Default true. */
  normalize?: boolean;
}

/**
 * Fraction of samples whose predicted label equals the true label
 * (scikit-learn's `accuracy_score`).
 *
 * @example
 * ```ts
 * accuracy([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 * accuracy([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false }); // 2
 * ```
 */
export function accuracy(yTrue: Vector, yPred: Vector, options: AccuracyOptions = {}): number {
  const fn = 'accuracy';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const k = checkNumClasses(fn, options.numClasses);
  if (k !== undefined) {
    checkLabelRange(fn, 'yTrue', t, k);
    checkLabelRange(fn, 'yPred', p, k);
  }
  let correct = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) correct++;
  return options.normalize === false ? correct : correct / t.length;
}
