import { describe, expect, it } from 'vitest';
import { brierScore, expectedCalibrationError, logLoss } from '../index.js';

describe('logLoss', () => {
  it('matches the textbook value', () => {
    // scikit-learn's example with ham = 0, spam = 1
    const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;
    expect(logLoss([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])).toBeCloseTo(expected, 15);
    expect(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(expected, 15);
  });
  it('clips 0 and 1 to eps instead of returning Infinity', () => {
    expect(logLoss([1, 0], [0, 1])).toBeCloseTo(-Math.log(Number.EPSILON), 10);
    expect(logLoss([1], [0], { eps: 1e-15 })).toBeCloseTo(-Math.log(1e-15), 10);
  });
  it('can return the summed loss', () => {
    expect(logLoss([1, 1], [0.5, 0.5], { normalize: false })).toBeCloseTo(2 * Math.LN2, 15);
  });
  it('treats column c as class c even when a class is absent', () => {
    expect(logLoss([2, 2], [[0.25, 0.25, 0.5], [0.25, 0.25, 0.5]])).toBeCloseTo(Math.LN2, 15);
  });
});

describe('brierScore', () => {
  it('is the mean squared probability error', () => {
    expect(brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).toBeCloseTo(0.0375, 15);
    expect(brierScore([-1, 1], [0.1, 0.9])).toBeCloseTo(0.01, 15);
    expect(brierScore([0, 1, 1, 0], [0.9, 0.1, 0.2, 0.7], { posLabel: 0 })).toBeCloseTo(0.0375, 15);
  });
  it('sums over classes for 2-D probabilities', () => {
    // (0.2^2 + 0.2^2) for the first row, 0 for the second
    expect(brierScore([0, 1], [[0.8, 0.2], [0, 1]])).toBeCloseTo(0.04, 15);
  });
});

describe('expectedCalibrationError', () => {
  it('weights bin gaps by bin size', () => {
    // bins of width 0.2: gaps 0.2, 0.4, 0.3, 0.1, one sample each
    expect(expectedCalibrationError([0, 1, 1, 0], [0.2, 0.7, 0.9, 0.4], { nBins: 5 })).toBeCloseTo(0.25, 15);
    expect(expectedCalibrationError([0, 1, 1, 0], [0.2, 0.7, 0.9, 0.4], { nBins: 5, norm: 'max' })).toBeCloseTo(0.4, 15);
    expect(expectedCalibrationError([0, 1, 1, 0], [0.2, 0.7, 0.9, 0.4], { nBins: 5, norm: 'l2' })).toBeCloseTo(
      Math.sqrt((0.04 + 0.09 + 0.01 + 0.16) / 4),
      15,
    );
  });
  it('uses top-1 confidence and correctness for multiclass', () => {
    // confidences 0.8 (right) and 0.4 (wrong): gaps 0.2 and 0.4
    expect(expectedCalibrationError([0, 1], [[0.8, 0.1, 0.1], [0.3, 0.3, 0.4]], { nBins: 10 })).toBeCloseTo(0.3, 15);
  });
  it('is 0 for perfectly calibrated bins', () => {
    expect(expectedCalibrationError([0, 1], [0, 1])).toBe(0);
  });
});
