import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkInteger, checkSameLength, readLabels } from '../internal/inputs.js';
import { checkLabelRange } from '../internal/labels.js';
import { checkTolerance, readProbabilities, type ProbabilityInput } from '../internal/probabilities.js';

/**
 * How bin gaps are combined: `'l1'` is ECE, `'l2'` the RMS calibration error, `'max'` MCE.
 *
 * @example
 * ```ts
 * const norm: CalibrationNorm = 'l2';
 * ```
 */
export type CalibrationNorm = 'l1' | 'l2' | 'max';

/**
 * Options for {@link expectedCalibrationError}.
 *
 * @example
 * ```ts
 * expectedCalibrationError(yTrue, yProb, { nBins: 10, norm: 'max' });
 * ```
 */
export interface CalibrationErrorOptions {
  /** Number of equal-width confidence bins over [0, 1]. Default 15 (torchmetrics' default). */
  nBins?: number;
  /** Default `'l1'`. */
  norm?: CalibrationNorm;
  /** Allowed `|sum(row) - 1|` for 2-D probabilities. Default 1e-6. */
  tolerance?: number;
}

/** Per-bin sums: count, summed confidence, summed accuracy. Mergeable, so streaming can use it. */
export interface CalibrationBins {
  count: Float64Array;
  confidence: Float64Array;
  accuracy: Float64Array;
}

/** Empty bins. */
export function emptyBins(nBins: number): CalibrationBins {
  return { count: new Float64Array(nBins), confidence: new Float64Array(nBins), accuracy: new Float64Array(nBins) };
}

/** Bin `b` holds confidences in `[b / nBins, (b + 1) / nBins)`; the last bin also holds 1. */
export function binOf(conf: number, nBins: number): number {
  let b = Math.floor(conf * nBins);
  // conf * nBins can round across a boundary; compare with the boundaries themselves.
  if (b > 0 && conf < b / nBins) b--;
  else if (b < nBins - 1 && conf >= (b + 1) / nBins) b++;
  return Math.min(Math.max(b, 0), nBins - 1);
}

/**
 * Adds samples to the bins. Binary input bins the positive-class probability against the
 * outcome (a reliability diagram); multiclass input bins the top-1 confidence against whether
 * the top-1 class is right (first maximum on ties, like argmax).
 */
export function addToBins(fn: string, bins: CalibrationBins, t: Float64Array, prob: ProbabilityInput): void {
  const nBins = bins.count.length;
  const add = (conf: number, acc: number): void => {
    const b = binOf(conf, nBins);
    bins.count[b] = (bins.count[b] as number) + 1;
    bins.confidence[b] = (bins.confidence[b] as number) + conf;
    bins.accuracy[b] = (bins.accuracy[b] as number) + acc;
  };
  if (prob.kind === 'binary') {
    for (let i = 0; i < t.length; i++) {
      const label = t[i] as number;
      if (label !== 0 && label !== 1) fail(fn, `yTrue[${i}]`, 'be 0 or 1 when yProb is 1-D (positive-class probability)', show(label));
      add(prob.p[i] as number, label);
    }
    return;
  }
  const { data, cols } = prob.m;
  checkLabelRange(fn, 'yTrue', t, cols);
  for (let i = 0; i < t.length; i++) {
    let best = 0;
    let conf = data[i * cols] as number;
    for (let j = 1; j < cols; j++) {
      const v = data[i * cols + j] as number;
      if (v > conf) {
        conf = v;
        best = j;
      }
    }
    add(conf, best === t[i] ? 1 : 0);
  }
}

/** The calibration error of filled bins. */
export function calibrationFromBins(bins: CalibrationBins, norm: CalibrationNorm): number {
  let total = 0;
  for (const c of bins.count) total += c;
  let l1 = 0;
  let l2 = 0;
  let max = 0;
  for (let b = 0; b < bins.count.length; b++) {
    const c = bins.count[b] as number;
    if (c === 0) continue;
    const gap = Math.abs((bins.accuracy[b] as number) / c - (bins.confidence[b] as number) / c);
    const weight = c / total;
    l1 += gap * weight;
    l2 += gap * gap * weight;
    if (gap > max) max = gap;
  }
  return norm === 'l1' ? l1 : norm === 'l2' ? Math.sqrt(l2) : max;
}

/** Checks `nBins` and `norm`. */
export function checkCalibrationOptions(fn: string, options: CalibrationErrorOptions): { nBins: number; norm: CalibrationNorm } {
  const nBins = checkInteger(fn, 'options.nBins', options.nBins ?? 15, 1);
  const norm = options.norm ?? 'l1';
  if (norm !== 'l1' && norm !== 'l2' && norm !== 'max') fail(fn, 'options.norm', "be 'l1', 'l2' or 'max'", show(norm));
  return { nBins, norm };
}

/**
 * Expected calibration error: the sample-weighted mean gap between confidence and accuracy
 * over equal-width bins (the definition torchmetrics uses; scikit-learn has no ECE).
 * 1-D `yProb` (binary) compares the positive-class probability with the outcome; a
 * `[n, numClasses]` matrix compares top-1 confidence with top-1 correctness.
 *
 * @example
 * ```ts
 * expectedCalibrationError([0, 1, 1, 0], [0.2, 0.7, 0.9, 0.4], { nBins: 5 });
 * expectedCalibrationError([0, 2], [[0.8, 0.1, 0.1], [0.3, 0.3, 0.4]], { norm: 'max' });
 * ```
 */
export function expectedCalibrationError(yTrue: Vector, yProb: Vector | Matrix, options: CalibrationErrorOptions = {}): number {
  const fn = 'expectedCalibrationError';
  const { nBins, norm } = checkCalibrationOptions(fn, options);
  const tol = checkTolerance(fn, options.tolerance);
  const t = readLabels(yTrue, fn, 'yTrue');
  const prob = readProbabilities(fn, 'yProb', yProb, tol);
  checkSameLength(fn, 'yTrue', t.length, 'yProb', prob.kind === 'binary' ? prob.p.length : prob.m.rows);
  const bins = emptyBins(nBins);
  addToBins(fn, bins, t, prob);
  return calibrationFromBins(bins, norm);
}
