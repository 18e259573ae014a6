import type { Vector } from '../types.js';
import { prfCore, type PrecisionRecallF1Options } from './precision_recall_f1.js';

/**
 * F-beta score: the weighted harmonic mean of precision and recall, recall counting `beta`
 * times as much as precision (scikit-learn's `fbeta_score`). Returns one value per class for
 * `average: 'none'`.
 *
 * @example
 * ```ts
 * fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], 2); // 0.555...
 * fbetaScore([0, 1, 2], [0, 2, 2], 0.5, { average: 'none' }); // [1, 0, 0.555...]
 * ```
 */
export function fbetaScore(yTrue: Vector, yPred: Vector, beta: number, options: PrecisionRecallF1Options & { average: 'none' }): number[];
export function fbetaScore(yTrue: Vector, yPred: Vector, beta: number, options?: PrecisionRecallF1Options): number;
export function fbetaScore(yTrue: Vector, yPred: Vector, beta: number, options: PrecisionRecallF1Options = {}): number | number[] {
  return prfCore('fbetaScore', yTrue, yPred, beta, options).f;
}

/**
 * F1 score (scikit-learn's `f1_score`): F-beta with beta = 1.
 *
 * @example
 * ```ts
 * f1Score([0, 1, 1, 0], [0, 1, 0, 0]); // 0.666...
 * f1Score([0, 1, 2, 2], [0, 2, 2, 2], { average: 'weighted' });
 * ```
 */
export function f1Score(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options & { average: 'none' }): number[];
export function f1Score(yTrue: Vector, yPred: Vector, options?: PrecisionRecallF1Options): number;
export function f1Score(yTrue: Vector, yPred: Vector, options: PrecisionRecallF1Options = {}): number | number[] {
  return prfCore('f1Score', yTrue, yPred, 1, options).f;
}
