/**
 * Reading inputs: plain arrays, typed arrays and tensors become float64 arrays, checked for
 * shape and finiteness once, so the metrics themselves work on clean data.
 *
 * Tensors are read with `dataSync()` (a read, not an op): nothing new is allocated on the
 * backend, so callers never have to dispose anything we created.
 */
import type { tf } from '@tessera/backend';
import type { Matrix, Vector } from '../types.js';
import { fail, show } from './errors.js';

/** A dense row-major matrix read from a {@link Matrix}. */
export interface DenseMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Duck-typed so that a second copy of tfjs-core (another bundle) still counts as a tensor. */
export function isTensor(x: unknown): x is tf.Tensor {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { dataSync?: unknown }).dataSync === 'function' &&
    Array.isArray((x as { shape?: unknown }).shape)
  );
}

function isNumericArrayLike(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function tensorValues(x: tf.Tensor, fn: string, arg: string): ArrayLike<number> {
  if (x.dtype === 'string' || x.dtype === 'complex64') {
    fail(fn, arg, 'be a numeric tensor', `dtype ${x.dtype}`);
  }
  if (x.isDisposed) fail(fn, arg, 'be a live tensor', 'a disposed tensor');
  return x.dataSync() as ArrayLike<number>;
}

function checkFinite(out: Float64Array, fn: string, arg: string): void {
  for (let i = 0; i < out.length; i++) {
    const v = out[i] as number;
    if (!Number.isFinite(v)) fail(fn, `${arg}[${i}]`, 'be a finite number', show(v));
  }
}

/**
 * Reads one value per sample into a fresh Float64Array. Accepts 1-D data and `[n, 1]` columns.
 * Throws on NaN/Infinity, non-numbers and other shapes.
 */
export function readVector(x: Vector, fn: string, arg: string, allowEmpty = false): Float64Array {
  let out: Float64Array;
  if (isTensor(x)) {
    const shape = x.shape;
    const ok = shape.length === 1 || (shape.length === 2 && shape[1] === 1);
    if (!ok) fail(fn, arg, 'be a 1-D tensor (or shape [n, 1])', `shape [${shape.join(', ')}]`);
    out = Float64Array.from(tensorValues(x, fn, arg));
  } else if (Array.isArray(x)) {
    out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v === 'number') out[i] = v;
      else if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') out[i] = v[0];
      else fail(fn, `${arg}[${i}]`, 'be a number (1-D input expected)', show(v));
    }
  } else if (isNumericArrayLike(x)) {
    out = Float64Array.from(x);
  } else {
    return fail(fn, arg, 'be an array, a typed array or a tensor', show(x));
  }
  if (!allowEmpty && out.length === 0) fail(fn, arg, 'not be empty', '0 samples');
  checkFinite(out, fn, arg);
  return out;
}

/**
 * Reads integer class labels (any integers, like scikit-learn; continuous values are refused so
 * that a probability passed where a label belongs is caught).
 */
export function readLabels(x: Vector, fn: string, arg: string, allowEmpty = false): Float64Array {
  const out = readVector(x, fn, arg, allowEmpty);
  for (let i = 0; i < out.length; i++) {
    const v = out[i] as number;
    if (!Number.isInteger(v)) {
      fail(fn, `${arg}[${i}]`, 'be an integer class label (pass scores/probabilities to the curve metrics)', show(v));
    }
  }
  return out;
}

/** Reads a `[rows, cols]` matrix (array of rows or 2-D tensor) into row-major float64. */
export function readMatrix(x: Matrix, fn: string, arg: string): DenseMatrix {
  let data: Float64Array;
  let rows: number;
  let cols: number;
  if (isTensor(x)) {
    if (x.shape.length !== 2) fail(fn, arg, 'be a 2-D tensor of shape [n, numClasses]', `shape [${x.shape.join(', ')}]`);
    rows = x.shape[0] as number;
    cols = x.shape[1] as number;
    data = Float64Array.from(tensorValues(x, fn, arg));
  } else if (Array.isArray(x)) {
    rows = x.length;
    const first: unknown = x[0];
    cols = rows > 0 && isNumericArrayLike(first) ? first.length : 0;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row: unknown = x[i];
      if (!isNumericArrayLike(row)) fail(fn, `${arg}[${i}]`, 'be an array of numbers (one row per sample)', show(row));
      if (row.length !== cols) fail(fn, `${arg}[${i}]`, `have ${cols} columns like row 0`, `${row.length}`);
      for (let j = 0; j < cols; j++) {
        const v: unknown = row[j];
        if (typeof v !== 'number') fail(fn, `${arg}[${i}][${j}]`, 'be a number', show(v));
        data[i * cols + j] = v;
      }
    }
  } else {
    return fail(fn, arg, 'be an array of rows or a 2-D tensor', show(x));
  }
  if (rows === 0) fail(fn, arg, 'not be empty', '0 rows');
  if (cols === 0) fail(fn, arg, 'have at least one column', '0 columns');
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) fail(fn, `${arg}[${Math.floor(i / cols)}][${i % cols}]`, 'be a finite number', show(v));
  }
  return { data, rows, cols };
}

/**
 * Whether an input that may be either 1-D (one value per sample) or 2-D (`[n, numClasses]`) is
 * 2-D. A tensor of any other rank throws here, with a message that names both allowed shapes.
 */
export function isTwoDimensional(x: Vector | Matrix, fn = 'input', arg = 'input'): boolean {
  if (isTensor(x)) {
    const r = x.shape.length;
    if (r !== 1 && r !== 2) fail(fn, arg, 'be 1-D [n] or 2-D [n, numClasses]', `shape [${x.shape.join(', ')}]`);
    return r === 2 && x.shape[1] !== 1;
  }
  if (Array.isArray(x)) {
    const first: unknown = x[0];
    return isNumericArrayLike(first) && first.length !== 1;
  }
  return false;
}

/** Throws unless both inputs hold the same number of samples. */
export function checkSameLength(fn: string, refArg: string, refLength: number, arg: string, length: number): void {
  if (refLength !== length) fail(fn, arg, `have the same number of samples as ${refArg} (${refLength})`, `${length}`);
}

/** Throws unless `value` is an integer >= `min`. */
export function checkInteger(fn: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(fn, arg, `be an integer >= ${min}`, show(value));
  }
  return value;
}
