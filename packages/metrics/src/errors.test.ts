// Bad input throws an Error whose message names the argument, what was expected and what came.
import { describe, expect, it } from 'vitest';
import {
  Accuracy,
  ConfusionMatrix,
  LogLoss,
  accuracy,
  averagePrecision,
  brierScore,
  confusionMatrix,
  expectedCalibrationError,
  f1Score,
  logLoss,
  meanSquaredError,
  precisionRecallF1,
  r2Score,
  rocAuc,
  rocCurve,
  topKAccuracy,
} from './index.js';

describe('mismatched lengths', () => {
  it('names both arguments and both lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow('accuracy: yPred must have the same number of samples as yTrue (2); got 1');
    expect(() => meanSquaredError([1, 2, 3], [1, 2])).toThrow('meanSquaredError: yPred must have the same number of samples as yTrue (3); got 2');
    expect(() => logLoss([0, 1], [[0.5, 0.5]])).toThrow('logLoss: yProb must have the same number of samples as yTrue (2); got 1');
    expect(() => rocAuc([0, 1, 1], [0.2, 0.4])).toThrow('rocAuc: yScore must have the same number of samples as yTrue (3); got 2');
    expect(() => new Accuracy().update([0, 1], [1])).toThrow('Accuracy.update: yPred must have the same number of samples as yTrue (2); got 1');
  });
  it('rows of a matrix must agree', () => {
    expect(() => logLoss([0, 1], [[0.5, 0.5], [1]])).toThrow('logLoss: yProb[1] must have 2 columns like row 0; got 1');
  });
});

describe('NaN and non-numbers', () => {
  it('names the position', () => {
    expect(() => meanSquaredError([1, NaN], [1, 2])).toThrow('meanSquaredError: yTrue[1] must be a finite number; got NaN');
    expect(() => rocAuc([0, 1], [0.2, Infinity])).toThrow('rocAuc: yScore[1] must be a finite number; got Infinity');
    expect(() => logLoss([0, 1], [[0.5, 0.5], [NaN, 1]])).toThrow('logLoss: yProb[1][0] must be a finite number; got NaN');
    expect(() => accuracy([0, '1' as unknown as number], [0, 1])).toThrow('accuracy: yTrue[1] must be a number (1-D input expected); got "1"');
    expect(() => accuracy({} as never, [0])).toThrow('accuracy: yTrue must be an array, a typed array or a tensor; got Object');
  });
  it('refuses probabilities where labels belong', () => {
    expect(() => f1Score([0, 1], [0.2, 0.9])).toThrow(/f1Score: yPred\[0\] must be an integer class label .*; got 0.2/);
  });
});

describe('labels outside numClasses', () => {
  it('names the argument, the index, the range and the value', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], { numClasses: 3 })).toThrow(
      'confusionMatrix: yTrue[1] must be an integer label in [0, 3) (numClasses = 3); got 3',
    );
    expect(() => precisionRecallF1([0, 1], [0, -1], { numClasses: 2, average: 'macro' })).toThrow(
      'precisionRecallF1: yPred[1] must be an integer label in [0, 2) (numClasses = 2); got -1',
    );
    expect(() => logLoss([0, 4], [[0.5, 0.5], [0.5, 0.5]])).toThrow('logLoss: yTrue[1] must be an integer label in [0, 2) (numClasses = 2); got 4');
    expect(() => new ConfusionMatrix({ numClasses: 2 }).update([0, 2], [0, 1])).toThrow(
      'ConfusionMatrix.update: yTrue[1] must be an integer label in [0, 2) (numClasses = 2); got 2',
    );
    expect(() => topKAccuracy([5], [[0.2, 0.8]], 1)).toThrow('topKAccuracy: yTrue[0] must be an integer label in [0, 2) (numClasses = 2); got 5');
  });
  it('binary averaging refuses multiclass labels', () => {
    expect(() => f1Score([0, 1, 2], [0, 1, 2])).toThrow(/f1Score: yTrue and yPred must hold at most 2 classes for average 'binary' .*; got 3 classes \(0, 1, 2\)/);
    expect(() => f1Score([0, 2], [0, 2])).toThrow('f1Score: options.posLabel must be one of the labels (0, 2); got 1');
  });
});

describe('probabilities', () => {
  it('rows must sum to 1 within 1e-6', () => {
    expect(() => logLoss([0, 1], [[0.5, 0.5], [0.5, 0.4]])).toThrow(
      'logLoss: yProb[1] must sum to 1 within 0.000001 (a row of class probabilities); got sum 0.9',
    );
    expect(() => rocAuc([0, 1, 2], [[0.5, 0.3, 0.2], [0.2, 0.3, 0.4], [0.1, 0.1, 0.8]])).toThrow(/rocAuc: yScore\[1\] must sum to 1 within/);
    expect(() => new LogLoss().update([0], [[0.7, 0.7]])).toThrow(/LogLoss.update: yProb\[0\] must sum to 1/);
    // within tolerance is accepted (and renormalised like scikit-learn)
    expect(logLoss([0], [[0.5 + 4e-7, 0.5]])).toBeCloseTo(Math.LN2, 6);
    // the tolerance is an option
    expect(() => logLoss([0], [[0.5, 0.49]], { tolerance: 0.1 })).not.toThrow();
  });
  it('values must lie in [0, 1]', () => {
    expect(() => brierScore([0, 1], [0.2, 1.5])).toThrow('brierScore: yProb[1] must be a probability in [0, 1]; got 1.5');
    expect(() => logLoss([0, 1], [[1.2, -0.2], [0, 1]])).toThrow('logLoss: yProb[0][0] must be a probability in [0, 1]; got 1.2');
    expect(() => expectedCalibrationError([0], [-0.1])).toThrow('expectedCalibrationError: yProb[0] must be a probability in [0, 1]; got -0.1');
  });
});

describe('single-class AUC', () => {
  it('throws instead of returning NaN', () => {
    expect(() => rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(
      'rocAuc: yTrue must contain both a positive and a negative sample (ROC is undefined for a single class); got only positive samples (3)',
    );
    expect(() => rocCurve([0, 0], [0.2, 0.5])).toThrow(/rocCurve: yTrue must contain both a positive and a negative sample .*; got only negative samples \(2\)/);
    expect(() => rocAuc([0, 1, 1], [[0.5, 0.3, 0.2], [0.2, 0.4, 0.4], [0.1, 0.1, 0.8]])).toThrow(
      'rocAuc: yTrue must contain every class 0..2 (yScore has 3 columns) for multiclass AUC; got no sample of class 2',
    );
    expect(() => averagePrecision([0, 0, 1], [[0.5, 0.3, 0.2], [0.2, 0.4, 0.4], [0.1, 0.1, 0.8]])).toThrow(
      /averagePrecision: yTrue must contain every class 0..2 for macro-averaged AP; got no sample of class 2/,
    );
  });
  it('asks for posLabel when labels are not 0/1 or -1/1', () => {
    expect(() => rocAuc([2, 3], [0.2, 0.5])).toThrow('rocAuc: options.posLabel must be given when yTrue is not in {0, 1} or {-1, 1}; got labels 2, 3');
    expect(rocAuc([2, 3], [0.2, 0.5], { posLabel: 3 })).toBe(1);
  });
});

describe('empty input and bad options', () => {
  it('empty arrays and tensors', () => {
    expect(() => accuracy([], [])).toThrow('accuracy: yTrue must not be empty; got 0 samples');
    expect(() => logLoss([], [])).toThrow('logLoss: yTrue must not be empty; got 0 samples');
    expect(() => r2Score([1], [1])).toThrow('r2Score: yTrue must have at least 2 samples (R^2 is undefined for one); got 1');
    expect(() => new Accuracy().compute()).toThrow('Accuracy.compute: the metric must have seen at least one sample (call update first); got 0 samples');
  });
  it('options are checked', () => {
    expect(() => precisionRecallF1([0], [0], { average: 'samples' as never })).toThrow(
      "precisionRecallF1: options.average must be one of 'binary', 'micro', 'macro', 'weighted', 'none'; got \"samples\"",
    );
    expect(() => confusionMatrix([0], [0], { normalize: 'rows' as never })).toThrow(/options.normalize must be 'true', 'pred', 'all' or undefined; got "rows"/);
    expect(() => confusionMatrix([0], [0], { numClasses: 0 })).toThrow('confusionMatrix: options.numClasses must be an integer >= 1; got 0');
    expect(() => topKAccuracy([0], [[1, 0]], 0)).toThrow('topKAccuracy: k must be an integer >= 1; got 0');
    expect(() => f1Score([0], [0], { zeroDivision: 2 as never })).toThrow('f1Score: options.zeroDivision must be 0 or 1; got 2');
  });
});
