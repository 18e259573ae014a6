import { describe, expect, it } from 'vitest';
import { auc, averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../index.js';

const yTrue = [0, 0, 1, 1];
const yScore = [0.1, 0.4, 0.35, 0.8];

describe('rocCurve', () => {
  it('keeps every threshold, the first one Infinity', () => {
    expect(rocCurve(yTrue, yScore)).toEqual({
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1],
    });
    expect(rocCurve([1, 1, 2, 2], yScore, { posLabel: 2 }).fpr).toEqual([0, 0, 0.5, 0.5, 1]);
  });
  it('groups tied scores into one point', () => {
    expect(rocCurve([0, 1, 1, 0], [0.5, 0.5, 0.9, 0.1])).toEqual({
      fpr: [0, 0, 0.5, 1],
      tpr: [0, 0.5, 1, 1],
      thresholds: [Infinity, 0.9, 0.5, 0.1],
    });
  });
  it('can drop collinear points', () => {
    const full = rocCurve([0, 0, 0, 1], [0.1, 0.2, 0.3, 0.9]);
    expect(full.fpr).toEqual([0, 0, 1 / 3, 2 / 3, 1]);
    expect(rocCurve([0, 0, 0, 1], [0.1, 0.2, 0.3, 0.9], { dropIntermediate: true }).fpr).toEqual([0, 0, 1]);
  });
});

describe('rocAuc', () => {
  it('binary', () => {
    expect(rocAuc(yTrue, yScore)).toBe(0.75);
    expect(rocAuc(yTrue, [[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])).toBe(0.75);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
  });
  it('multiclass one-vs-rest and one-vs-one', () => {
    const p = [
      [0.8, 0.1, 0.1],
      [0.2, 0.6, 0.2],
      [0.1, 0.3, 0.6],
    ];
    expect(rocAuc([0, 1, 2], p)).toBe(1);
    expect(rocAuc([0, 1, 2], p, { multiClass: 'ovo' })).toBe(1);
    // One swapped pair between class 0 and 1 scores.
    const q = [
      [0.4, 0.5, 0.1],
      [0.5, 0.4, 0.1],
      [0.1, 0.1, 0.8],
      [0.8, 0.1, 0.1],
    ];
    const t = [0, 1, 2, 0];
    // class 0 vs rest: positives {0.4, 0.8}, negatives {0.5, 0.1}: 3 of 4 pairs -> 0.75
    // class 1 vs rest: positive 0.4, negatives {0.5, 0.1, 0.1}: 2 of 3 -> 2/3; class 2: 1
    expect(rocAuc(t, q)).toBeCloseTo((0.75 + 2 / 3 + 1) / 3, 15);
    expect(rocAuc(t, q, { average: 'weighted' })).toBeCloseTo((2 * 0.75 + 2 / 3 + 1) / 4, 15);
  });
});

describe('precisionRecallCurve and averagePrecision', () => {
  it('ends at precision 1, recall 0 with increasing thresholds', () => {
    const c = precisionRecallCurve(yTrue, yScore);
    expect(c.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(c.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(c.precision).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
  });
  it('average precision is the step-wise area', () => {
    // (1 - 0.5) * 2/3 + (0.5 - 0) * 1
    expect(averagePrecision(yTrue, yScore)).toBeCloseTo(0.5 * (2 / 3) + 0.5, 15);
    expect(averagePrecision([0, 0], [0.2, 0.3])).toBe(0);
  });
  it('multiclass AP averages one-vs-rest', () => {
    const p = [
      [0.8, 0.1, 0.1],
      [0.2, 0.6, 0.2],
      [0.1, 0.3, 0.6],
    ];
    expect(averagePrecision([0, 1, 2], p)).toBe(1);
    expect(averagePrecision([0, 1, 2], p, { average: 'weighted' })).toBe(1);
    expect(averagePrecision([0, 1, 2], p, { average: 'micro' })).toBe(1);
  });
});

describe('auc', () => {
  it('integrates with trapezoids in either direction', () => {
    expect(auc([0, 0.5, 1], [0, 0.75, 1])).toBe(0.625);
    expect(auc([1, 0.5, 0], [1, 0.75, 0])).toBe(0.625);
    const roc = rocCurve([1, 1, 2, 2], yScore, { posLabel: 2 });
    expect(auc(roc.fpr, roc.tpr)).toBe(0.75);
  });
});
