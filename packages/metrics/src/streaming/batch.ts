/**
 * Batch inputs for streaming metrics. Label metrics accept, for `yPred`, labels or scores
 * (a 2-D score matrix is reduced by argmax, 1-D probabilities are thresholded), and, for `yTrue`,
 * labels or one-hot rows, so one `update(yTrue, yProb)` can feed every metric of a collection.
 */
import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { isTensor, isTwoDimensional, readMatrix, readVector } from '../internal/inputs.js';

/** Row-wise argmax (first maximum on ties, like `tf.argMax`). */
export function argmaxRows(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let v = data[i * cols] as number;
    for (let j = 1; j < cols; j++) {
      const x = data[i * cols + j] as number;
      if (x > v) {
        v = x;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Reads a batch of labels. 2-D input is argmaxed; 1-D non-integer values must be probabilities
 * in [0, 1] and become `p > threshold ? 1 : 0`.
 */
export function batchLabels(fn: string, arg: string, x: Vector | Matrix, threshold: number): Float64Array {
  if (isTwoDimensional(x, fn, arg)) {
    const m = readMatrix(x as Matrix, fn, arg);
    return argmaxRows(m.data, m.rows, m.cols);
  }
  const v = readVector(x as Vector, fn, arg);
  if (v.every((a) => Number.isInteger(a))) return v;
  for (let i = 0; i < v.length; i++) {
    const p = v[i] as number;
    if (!(p >= 0 && p <= 1)) fail(fn, `${arg}[${i}]`, 'be an integer label or a probability in [0, 1]', show(p));
    v[i] = p > threshold ? 1 : 0;
  }
  return v;
}

/**
 * Converts tensors to plain arrays once, so a collection does not read the same tensor from
 * the backend once per metric.
 */
export function materialize(x: Vector | Matrix): Vector | Matrix {
  if (!isTensor(x)) return x;
  if (isTwoDimensional(x, 'MetricCollection.update', 'input')) {
    const m = readMatrix(x, 'MetricCollection.update', 'input');
    return Array.from({ length: m.rows }, (_, i) => m.data.subarray(i * m.cols, (i + 1) * m.cols));
  }
  return readVector(x, 'MetricCollection.update', 'input', true);
}

/** Neumaier-compensated running sum: streaming means stay within an ulp or two of a one-shot sum. */
export class RunningSum {
  private sum = 0;
  private comp = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.comp += this.sum - t + x;
    else this.comp += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.comp;
  }

  addAll(other: RunningSum): void {
    this.add(other.sum);
    this.add(other.comp);
  }

  reset(): void {
    this.sum = 0;
    this.comp = 0;
  }
}

/** A growable float64 buffer for metrics that must keep every value (AUC, medians). */
export class GrowableBuffer {
  private data = new Float64Array(1024);
  private size = 0;

  push(values: ArrayLike<number>): void {
    if (this.size + values.length > this.data.length) {
      let cap = this.data.length;
      while (cap < this.size + values.length) cap *= 2;
      const next = new Float64Array(cap);
      next.set(this.data.subarray(0, this.size));
      this.data = next;
    }
    this.data.set(values as ArrayLike<number>, this.size);
    this.size += values.length;
  }

  get length(): number {
    return this.size;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  reset(): void {
    this.data = new Float64Array(1024);
    this.size = 0;
  }
}
