import { tf } from '@tessera/backend';
import { describe } from '../random_source.js';

/**
 * Element dtypes `batchToTensor` can create.
 *
 * @example
 * ```ts
 * batchToTensor(labels, { dtype: 'int32' });
 * ```
 */
export type BatchDType = 'float32' | 'int32' | 'bool';

/**
 * Options for {@link batchToTensor}. For batches of records, `dtype` and `shape` may be given
 * per field as a record keyed by the field's path (`'x'`, or `'inputs.ids'` when nested).
 *
 * @example
 * ```ts
 * ds.batch(64).toTensors({ dtype: { y: 'int32' }, shape: { x: [28, 28, 1] } });
 * ```
 */
export interface ToTensorsOptions {
  /** Tensor dtype. Default `float32`, `int32` for `Int32Array` elements, `bool` for booleans. */
  dtype?: BatchDType | Readonly<Record<string, BatchDType>>;
  /** Shape of one element (e.g. `[28, 28, 1]` for flat 784-value images). Default: inferred. */
  shape?: readonly number[] | Readonly<Record<string, readonly number[]>>;
}

/**
 * The tensors a batch of `E` becomes: a record of tensors for record elements (recursively),
 * one tensor otherwise.
 *
 * @example
 * ```ts
 * const t: BatchTensors<{ x: number[]; y: number }> = batchToTensor(batch); // { x: Tensor; y: Tensor }
 * ```
 */
export type BatchTensors<E> = E extends number | boolean | string | ArrayLike<unknown> | tf.Tensor
  ? tf.Tensor
  : E extends object
    ? { [K in keyof E]: BatchTensors<E[K]> }
    : tf.Tensor;

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof tf.Tensor)
  );
}

function pick<V>(opt: V | Readonly<Record<string, V>> | undefined, path: string, isLeaf: (x: unknown) => boolean): V | undefined {
  if (opt === undefined) return undefined;
  if (isLeaf(opt)) return opt as V;
  return (opt as Readonly<Record<string, V>>)[path];
}

function inferShape(value: unknown, where: string): number[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [];
  if (ArrayBuffer.isView(value)) return [(value as unknown as ArrayLike<number>).length];
  if (Array.isArray(value)) {
    if (value.length === 0) return [0];
    return [value.length, ...inferShape(value[0], where)];
  }
  throw new Error(`${where}: elements must be numbers, booleans, (nested) arrays, typed arrays, tensors or records; got ${describe(value)}`);
}

function shapeEq(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Writes `value` (shape `shape`) into `out` from `offset`; returns the next offset. */
function writeFlat(value: unknown, shape: readonly number[], out: Float32Array | Int32Array | Uint8Array, offset: number, where: string): number {
  if (shape.length === 0) {
    if (typeof value === 'number') out[offset] = value;
    else if (typeof value === 'boolean') out[offset] = value ? 1 : 0;
    else throw new Error(`${where}: expected a number, got ${describe(value)}`);
    return offset + 1;
  }
  const len = shape[0] as number;
  if (ArrayBuffer.isView(value) && shape.length === 1) {
    const arr = value as unknown as ArrayLike<number>;
    if (arr.length !== len) throw new Error(`${where}: expected ${len} values, got ${arr.length}`);
    for (let i = 0; i < len; i++) out[offset + i] = arr[i] as number;
    return offset + len;
  }
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array of length ${len}, got ${describe(value)}`);
  if (value.length !== len) throw new Error(`${where}: expected an array of length ${len}, got ${value.length}`);
  const rest = shape.slice(1);
  if (rest.length === 0) {
    for (let i = 0; i < len; i++) {
      const v = value[i];
      if (typeof v === 'number') out[offset + i] = v;
      else if (typeof v === 'boolean') out[offset + i] = v ? 1 : 0;
      else throw new Error(`${where}[${i}]: expected a number, got ${describe(v)}`);
    }
    return offset + len;
  }
  for (let i = 0; i < len; i++) offset = writeFlat(value[i], rest, out, offset, `${where}[${i}]`);
  return offset;
}

function leafToTensor(column: readonly unknown[], path: string, options: ToTensorsOptions, where: string): tf.Tensor {
  const first = column[0];
  if (first instanceof tf.Tensor) {
    column.forEach((t, i) => {
      if (!(t instanceof tf.Tensor)) throw new Error(`${where}: element ${i}${path ? ` (${path})` : ''} is not a tensor but element 0 is`);
    });
    return tf.stack(column as tf.Tensor[]);
  }
  const isShape = (x: unknown) => Array.isArray(x);
  const isDType = (x: unknown) => typeof x === 'string';
  const given = pick(options.shape, path, isShape);
  const flatElement = given !== undefined && (ArrayBuffer.isView(first) || (Array.isArray(first) && typeof first[0] !== 'object'));
  const inferred = inferShape(first, `${where}: element 0${path ? ` (${path})` : ''}`);
  const elemShape = given !== undefined ? [...given] : inferred;
  const size = elemShape.reduce((a, b) => a * b, 1);
  if (given !== undefined) {
    const have = flatElement ? inferred[0] : inferred.reduce((a, b) => a * b, 1);
    if (given.some((d) => !Number.isInteger(d) || d < 0) || have !== size) {
      throw new Error(`${where}: shape${path ? ` for ${path}` : ''} [${given.join(', ')}] holds ${size} values but element 0 has ${have}`);
    }
  }
  let dtype = pick(options.dtype, path, isDType);
  if (dtype === undefined) dtype = first instanceof Int32Array ? 'int32' : typeof first === 'boolean' ? 'bool' : 'float32';
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    throw new Error(`${where}: dtype${path ? ` for ${path}` : ''} must be 'float32', 'int32' or 'bool'; got ${describe(dtype)}`);
  }
  const n = column.length;
  const out = dtype === 'float32' ? new Float32Array(n * size) : dtype === 'int32' ? new Int32Array(n * size) : new Uint8Array(n * size);
  const writeShape = flatElement ? [size] : elemShape;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const label = `${where}: element ${i}${path ? ` (${path})` : ''}`;
    if (!flatElement) {
      const s = inferShape(column[i], label);
      if (!shapeEq(s, elemShape)) throw new Error(`${label} has shape [${s.join(', ')}] but element 0 has [${elemShape.join(', ')}]`);
    }
    offset = writeFlat(column[i], writeShape, out, offset, label);
  }
  return tf.tensor(out, [n, ...elemShape], dtype);
}

function convert(column: readonly unknown[], path: string, options: ToTensorsOptions, where: string, created: tf.Tensor[]): unknown {
  const first = column[0];
  if (isRecord(first)) {
    const keys = Object.keys(first);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const sub = column.map((e, i) => {
        if (!isRecord(e) || !(key in e)) throw new Error(`${where}: element ${i} has no field "${path ? `${path}.` : ''}${key}" but element 0 has`);
        return e[key];
      });
      result[key] = convert(sub, path ? `${path}.${key}` : key, options, where, created);
    }
    return result;
  }
  const t = leafToTensor(column, path, options, where);
  created.push(t);
  return t;
}

/**
 * Turns a batch (an array of elements) into tensors with `@tessera/backend`: numbers and
 * (nested) arrays or typed arrays stack into one tensor `[batch, ...elementShape]`; records
 * become records of tensors, field by field; tensors are stacked (the inputs stay yours).
 *
 * Ownership: the caller owns the returned tensors and disposes them, e.g. `tf.dispose(t)`.
 * On an error nothing is left allocated.
 *
 * @example
 * ```ts
 * const { x, y } = batchToTensor([{ x: [1, 2], y: 0 }, { x: [3, 4], y: 1 }], { dtype: { y: 'int32' } });
 * // x: float32 [2, 2], y: int32 [2]
 * tf.dispose([x, y]);
 * ```
 */
export function batchToTensor<E>(batch: readonly E[], options: ToTensorsOptions = {}): BatchTensors<E> {
  const where = 'batchToTensor';
  if (!Array.isArray(batch)) throw new Error(`${where}: batch must be an array of elements; got ${describe(batch)}`);
  if (batch.length === 0) throw new Error(`${where}: batch is empty; a tensor batch needs at least one element`);
  const created: tf.Tensor[] = [];
  try {
    return convert(batch, '', options, where, created) as BatchTensors<E>;
  } catch (e) {
    tf.dispose(created);
    throw e;
  }
}
