// Hand-checkable examples (most from scikit-learn's documentation) for the label metrics.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  classificationReport,
  cohenKappa,
  confusionMatrix,
  f1Score,
  fbetaScore,
  matthewsCorrcoef,
  precisionRecallF1,
  precisionScore,
  recallScore,
  topKAccuracy,
} from '../index.js';

describe('accuracy', () => {
  it('counts exact matches', () => {
    expect(accuracy([0, 2, 1, 3], [0, 1, 2, 3])).toBe(0.5);
    expect(accuracy([0, 2, 1, 3], [0, 1, 2, 3], { normalize: false })).toBe(2);
    expect(accuracy(new Int32Array([1, 1]), new Float64Array([1, 1]))).toBe(1);
  });
});

describe('balancedAccuracy', () => {
  it('averages per-class recall', () => {
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBe(0.625);
  });
  it('ignores classes that are only predicted, and can be adjusted for chance', () => {
    // class 2 never occurs in yTrue: recalls are 1/2 and 1 -> 0.75
    expect(balancedAccuracy([0, 0, 1], [0, 2, 1])).toBe(0.75);
    expect(balancedAccuracy([0, 0, 1, 1], [0, 1, 0, 1], { adjusted: true })).toBe(0);
  });
});

describe('confusionMatrix', () => {
  it('puts true classes in rows and predictions in columns', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });
  it('binary layout is [[tn, fp], [fn, tp]]', () => {
    expect(confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0])).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });
  it('normalises by row, column or total, with 0 for empty rows', () => {
    expect(confusionMatrix([0, 1], [0, 0], { numClasses: 3, normalize: 'true' })).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(confusionMatrix([0, 1, 1], [0, 0, 1], { normalize: 'pred' })).toEqual([
      [0.5, 0],
      [0.5, 1],
    ]);
    expect(confusionMatrix([0, 1, 1, 1], [0, 0, 1, 1], { normalize: 'all' })).toEqual([
      [0.25, 0],
      [0.25, 0.5],
    ]);
  });
  it('uses the sorted labels present unless numClasses is given', () => {
    expect(confusionMatrix([-1, 5], [5, 5])).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(confusionMatrix([0, 2], [2, 2], { numClasses: 3 })).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 1],
    ]);
  });
});

describe('precision, recall, F-scores', () => {
  // scikit-learn's example: cat=0, dog=1, pig=2
  const yTrue = [0, 1, 2, 0, 1, 2];
  const yPred = [0, 2, 1, 0, 0, 1];

  it('averages like scikit-learn', () => {
    const macro = precisionRecallF1(yTrue, yPred, { average: 'macro' });
    expect(macro.precision).toBeCloseTo(2 / 9, 15);
    expect(macro.recall).toBeCloseTo(1 / 3, 15);
    expect(macro.f1).toBeCloseTo(0.8 / 3, 15);
    const micro = precisionRecallF1(yTrue, yPred, { average: 'micro' });
    expect(micro).toEqual({ precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
    const weighted = precisionRecallF1(yTrue, yPred, { average: 'weighted' });
    expect(weighted.f1).toBeCloseTo(0.8 / 3, 15);
  });

  it("returns per-class arrays with support for average 'none'", () => {
    const r = precisionRecallF1(yTrue, yPred, { average: 'none' });
    expect(r.labels).toEqual([0, 1, 2]);
    expect(r.support).toEqual([2, 2, 2]);
    expect(r.precision).toEqual([2 / 3, 0, 0]);
    expect(r.recall).toEqual([1, 0, 0]);
    expect(r.f1[0]).toBeCloseTo(0.8, 15);
    expect(f1Score(yTrue, yPred, { average: 'none' })).toEqual(r.f1);
  });

  it('binary uses posLabel (default 1)', () => {
    expect(precisionRecallF1([0, 1, 1, 0], [0, 1, 0, 0])).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(precisionScore([0, 1, 1, 0], [1, 1, 0, 0])).toBe(0.5);
    expect(recallScore([0, 1, 1, 0], [1, 1, 0, 0])).toBe(0.5);
    expect(precisionScore([0, 1, 1, 0], [1, 1, 0, 0], { posLabel: 0 })).toBe(0.5);
  });

  it('F-beta weights recall beta times as much as precision', () => {
    // p = 1, r = 0.5: F2 = 5 * 0.5 / (4 + 0.5)
    expect(fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], 2)).toBeCloseTo(2.5 / 4.5, 15);
    const none = fbetaScore(yTrue, yPred, 0.5, { average: 'none' });
    expect(none[0]).toBeCloseTo((1.25 * (2 / 3)) / (0.25 * (2 / 3) + 1), 15);
    expect(fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], Infinity)).toBe(0.5);
  });

  it('zeroDivision fills 0/0 ratios', () => {
    expect(f1Score([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(f1Score([0, 0, 0], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
    expect(precisionScore([1, 1], [0, 0], { zeroDivision: 1 })).toBe(1);
    expect(recallScore([0, 0], [1, 1], { zeroDivision: 1 })).toBe(1);
    // weighted averaging gives no weight to a class without true samples
    expect(precisionRecallF1([1, 1], [1, 1], { average: 'weighted', numClasses: 2 }).f1).toBe(1);
  });
});

describe('matthewsCorrcoef and cohenKappa', () => {
  it('match the textbook values', () => {
    expect(matthewsCorrcoef([1, 1, 1, -1], [1, -1, 1, 1])).toBeCloseTo(-1 / 3, 15);
    expect(matthewsCorrcoef([0, 0, 0], [0, 0, 0])).toBe(0);
    // po = 3/4, pe = (2*3 + 2*1)/16 = 1/2, kappa = 0.5
    expect(cohenKappa([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.5);
    expect(cohenKappa([0, 1, 2], [0, 1, 2], { weights: 'quadratic' })).toBe(1);
  });
  it('weighted kappa penalises far disagreements more', () => {
    const near = cohenKappa([0, 1, 2, 2], [0, 1, 2, 1], { weights: 'linear' });
    const far = cohenKappa([0, 1, 2, 2], [0, 1, 2, 0], { weights: 'linear' });
    expect(near).toBeGreaterThan(far);
  });
});

describe('topKAccuracy', () => {
  const yScore = [
    [0.5, 0.2, 0.2],
    [0.3, 0.4, 0.2],
    [0.2, 0.4, 0.3],
    [0.7, 0.2, 0.1],
  ];
  it('counts the truth among the k best', () => {
    expect(topKAccuracy([0, 1, 2, 2], yScore, 2)).toBe(0.75);
    expect(topKAccuracy([0, 1, 2, 2], yScore, 2, { normalize: false })).toBe(3);
    expect(topKAccuracy([0, 1, 2, 2], yScore, 1)).toBe(0.5);
    expect(topKAccuracy([0, 1, 2, 2], yScore, 3)).toBe(1);
  });
  it('breaks ties toward the higher column, like scikit-learn', () => {
    expect(topKAccuracy([1], [[0.5, 0.5, 0]], 1)).toBe(1);
    expect(topKAccuracy([0], [[0.5, 0.5, 0]], 1)).toBe(0);
  });
  it('handles 1-D binary scores', () => {
    expect(topKAccuracy([0, 1, 1], [0.2, 0.7, 0.4], 1)).toBeCloseTo(2 / 3, 15);
    expect(topKAccuracy([0, 1, 1], [0.2, 0.7, 0.4], 2)).toBe(1);
  });
});

describe('classificationReport', () => {
  it('reports per class, accuracy and averages, with scikit-learn text layout', () => {
    const r = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['class 0', 'class 1', 'class 2'] });
    expect(r.classes.map((c) => c.support)).toEqual([1, 1, 3]);
    expect(r.accuracy).toBe(0.6);
    expect(r.macroAvg.precision).toBe(0.5);
    expect(r.weightedAvg.support).toBe(5);
    expect(r.text).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '     class 0       0.50      1.00      0.67         1',
        '     class 1       0.00      0.00      0.00         1',
        '     class 2       1.00      0.67      0.80         3',
        '',
        '    accuracy                           0.60         5',
        '   macro avg       0.50      0.56      0.49         5',
        'weighted avg       0.70      0.60      0.61         5',
        '',
      ].join('\n'),
    );
  });
});
