import type { Matrix, Vector } from '../types.js';
import { checkSameLength, isTwoDimensional, readLabels } from '../internal/inputs.js';
import { checkTolerance, readProbabilities } from '../internal/probabilities.js';
import {
  addToBins,
  calibrationFromBins,
  checkCalibrationOptions,
  emptyBins,
  type CalibrationBins,
  type CalibrationErrorOptions,
  type CalibrationNorm,
} from '../classification/expected_calibration_error.js';
import { batchLabels } from './batch.js';
import { BaseMetric, type MetricOptions } from './metric.js';

/**
 * Streaming expected calibration error. Memory is three numbers per bin; the value equals
 * {@link expectedCalibrationError} over all batches (same bins, same sums).
 *
 * @example
 * ```ts
 * const ece = new CalibrationError({ nBins: 10 });
 * ece.update([0, 1, 1], [0.2, 0.7, 0.9]);
 * ece.compute();
 * ```
 */
export class CalibrationError extends BaseMetric<number> {
  readonly higherIsBetter = false;
  protected readonly config: Record<string, unknown>;
  private readonly bins: CalibrationBins;
  private readonly norm: CalibrationNorm;
  private readonly tol: number;

  constructor(private readonly options: MetricOptions & CalibrationErrorOptions = {}) {
    super('ece', options);
    const { nBins, norm } = checkCalibrationOptions('CalibrationError', options);
    this.norm = norm;
    this.tol = checkTolerance('CalibrationError', options.tolerance);
    this.bins = emptyBins(nBins);
    this.config = { nBins, norm, tol: this.tol };
  }

  update(yTrue: Vector | Matrix, yProb: Vector | Matrix): void {
    const fn = 'CalibrationError.update';
    const t = isTwoDimensional(yTrue, fn, 'yTrue') ? batchLabels(fn, 'yTrue', yTrue, 0.5) : readLabels(yTrue as Vector, fn, 'yTrue');
    const prob = readProbabilities(fn, 'yProb', yProb, this.tol);
    checkSameLength(fn, 'yTrue', t.length, 'yProb', prob.kind === 'binary' ? prob.p.length : prob.m.rows);
    addToBins(fn, this.bins, t, prob);
  }

  compute(): number {
    let n = 0;
    for (const c of this.bins.count) n += c;
    if (n === 0) this.empty();
    return calibrationFromBins(this.bins, this.norm);
  }

  reset(): void {
    this.bins.count.fill(0);
    this.bins.confidence.fill(0);
    this.bins.accuracy.fill(0);
  }

  protected mergeState(other: this): void {
    for (let b = 0; b < this.bins.count.length; b++) {
      this.bins.count[b] = (this.bins.count[b] as number) + (other.bins.count[b] as number);
      this.bins.confidence[b] = (this.bins.confidence[b] as number) + (other.bins.confidence[b] as number);
      this.bins.accuracy[b] = (this.bins.accuracy[b] as number) + (other.bins.accuracy[b] as number);
    }
  }

  clone(): CalibrationError {
    return new CalibrationError(this.options);
  }
}
