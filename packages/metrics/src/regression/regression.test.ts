import { describe, expect, it } from 'vitest';
import {
  explainedVariance,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from '../index.js';

const yTrue = [3, -0.5, 2, 7];
const yPred = [2.5, 0, 2, 8];

describe('regression metrics', () => {
  it('match the textbook values', () => {
    expect(meanSquaredError(yTrue, yPred)).toBe(0.375);
    expect(rootMeanSquaredError(yTrue, yPred)).toBe(Math.sqrt(0.375));
    expect(meanAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(medianAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(medianAbsoluteError([1, 2, 3], [1, 2, 6])).toBe(0);
    // (1/6 + 1 + 0 + 1/7) / 4
    expect(meanAbsolutePercentageError(yTrue, yPred)).toBeCloseTo((1 / 6 + 1 + 1 / 7) / 4, 15);
    // SS_res = 1.5, SS_tot = 29.1875
    expect(r2Score(yTrue, yPred)).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    // residuals 0.5, -0.5, 0, -1: variance 0.3125; Var(yTrue) = 7.296875
    expect(explainedVariance(yTrue, yPred)).toBeCloseTo(1 - 0.3125 / 7.296875, 15);
  });
  it('explained variance ignores a constant bias, R^2 does not', () => {
    expect(explainedVariance([1, 2, 3], [2, 3, 4])).toBe(1);
    expect(r2Score([1, 2, 3], [2, 3, 4])).toBe(-0.5);
  });
  it('force finite scores for constant targets', () => {
    expect(r2Score([1, 1], [1, 1])).toBe(1);
    expect(r2Score([1, 1], [1, 2])).toBe(0);
    expect(r2Score([1, 1], [1, 2], { forceFinite: false })).toBe(-Infinity);
    expect(explainedVariance([2, 2], [1, 3])).toBe(0);
  });
  it('MAPE divides by eps, not zero, at a zero target', () => {
    expect(meanAbsolutePercentageError([0], [1])).toBe(1 / Number.EPSILON);
  });
});
