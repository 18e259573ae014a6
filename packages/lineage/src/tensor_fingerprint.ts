import { canonicalJson } from './canonical_json.js';
import { describe } from './internal/describe.js';
import { createSha256, type Fingerprint } from './sha256.js';

// Tensors are recognised by shape, not by class: anything with `dtype`, `shape` and `dataSync()`
// or `data()` (a tfjs Tensor, or a plain object) is hashed. Nothing here imports
// @tessera/backend, so a user who only hashes text never loads tfjs or a wasm binary.

/**
 * The tensor data types tfjs knows.
 *
 * @example
 * ```ts
 * const dtype: TensorDtype = 'float32';
 * ```
 */
export type TensorDtype = 'float32' | 'int32' | 'bool' | 'complex64' | 'string';

type TensorValues = ArrayLike<number> | ArrayLike<string | Uint8Array>;

/**
 * The structural shape of a tfjs `Tensor` that `hashTensor` needs: a dtype, a shape and a way to
 * read the values (`data()` is preferred because it does not block a GPU backend).
 *
 * @example
 * ```ts
 * const t: TensorLike = { dtype: 'float32', shape: [2], dataSync: () => new Float32Array([1, 2]) };
 * ```
 */
export interface TensorLike {
  readonly dtype: string;
  readonly shape: readonly number[];
  dataSync?(): TensorValues;
  data?(): Promise<TensorValues>;
}

const DTYPES = new Set<string>(['float32', 'int32', 'bool', 'complex64', 'string']);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const encoder = new TextEncoder();

/**
 * True when `value` looks like a tensor: a `dtype` string, a `shape` array and a `dataSync` or
 * `data` method.
 *
 * @example
 * ```ts
 * isTensorLike({ dtype: 'float32', shape: [2], dataSync: () => new Float32Array([1, 2]) }); // true
 * isTensorLike([1, 2]); // false
 * ```
 */
export function isTensorLike(value: unknown): value is TensorLike {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<TensorLike>;
  return (
    typeof v.dtype === 'string' &&
    Array.isArray(v.shape) &&
    (typeof v.dataSync === 'function' || typeof v.data === 'function')
  );
}

/**
 * SHA-256 of a tensor's dtype, shape and values. Two tensors hash equal exactly when they have
 * the same dtype, the same shape and bit-identical values (as little-endian bytes), whatever
 * backend holds them. The tensor is only read, never disposed.
 *
 * @throws Error when `tensor` is not tensor-like, has an unknown dtype, a bad shape, or returns a
 * number of values that does not match its shape
 * @example
 * ```ts
 * const fp = await hashTensor({ dtype: 'float32', shape: [2], dataSync: () => new Float32Array([1, 2]) });
 * // or: await hashTensor(tf.tensor1d([1, 2]))
 * ```
 */
export async function hashTensor(tensor: TensorLike, name = 'tensor'): Promise<Fingerprint> {
  const h = await createSha256();
  await feedTensor(h, tensor, name);
  return h.digest();
}

/**
 * A tensor with a name, as `@tessera/trainer` models return weights (`{ name, tensor }`).
 *
 * @example
 * ```ts
 * const w: NamedTensorLike = { name: 'dense/kernel', tensor: kernel };
 * ```
 */
export interface NamedTensorLike {
  readonly name: string;
  readonly tensor: TensorLike;
}

/**
 * One fingerprint for a list of tensors (model weights, say): the hash of each tensor's own
 * fingerprint in order (with its name, for named tensors), so renaming, reordering or changing
 * any tensor changes the result. Accepts plain tensors or `{ name, tensor }` pairs.
 *
 * @example
 * ```ts
 * const weightsHash = await hashTensors(model.getWeights());
 * ```
 */
export async function hashTensors(tensors: readonly (TensorLike | NamedTensorLike)[], name = 'tensors'): Promise<Fingerprint> {
  if (!Array.isArray(tensors)) throw new Error(`hashTensors: ${name} must be an array of tensors, got ${describe(tensors)}`);
  const outer = await createSha256();
  outer.update(`tensors:${tensors.length}\n`);
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i]!;
    const named = !isTensorLike(t) && t !== null && typeof t === 'object' && typeof (t as NamedTensorLike).name === 'string' && 'tensor' in t;
    if (named) {
      const { name: tensorName, tensor } = t as NamedTensorLike;
      outer.update(`${JSON.stringify(tensorName)} ${await hashTensor(tensor, `${name}[${i}].tensor`)}\n`);
    } else {
      outer.update(`${await hashTensor(t as TensorLike, `${name}[${i}]`)}\n`);
    }
  }
  return outer.digest();
}

async function feedTensor(h: { update(c: Uint8Array | string): void }, tensor: TensorLike, name: string): Promise<void> {
  if (!isTensorLike(tensor)) {
    throw new Error(`hashTensor: ${name} must have dtype, shape and dataSync() or data(), got ${describe(tensor)}`);
  }
  const { dtype, shape } = tensor;
  if (!DTYPES.has(dtype)) {
    throw new Error(`hashTensor: ${name}.dtype must be one of ${[...DTYPES].join(', ')}, got '${dtype}'`);
  }
  let size = 1;
  for (const [i, d] of shape.entries()) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`hashTensor: ${name}.shape[${i}] must be a non-negative integer, got ${describe(d)}`);
    }
    size *= d;
  }
  const values = typeof tensor.data === 'function' ? await tensor.data() : tensor.dataSync!();
  const expected = dtype === 'complex64' ? 2 * size : size;
  if (values == null || typeof values.length !== 'number') {
    throw new Error(`hashTensor: ${name} returned ${describe(values)} from data(); expected an array of values`);
  }
  if (values.length !== expected) {
    throw new Error(
      `hashTensor: ${name}.shape [${shape.join(', ')}] implies ${expected} values (dtype ${dtype}) but its data has ${values.length}`,
    );
  }
  h.update(`${canonicalJson({ dtype, shape: [...shape] })}\n`);
  if (dtype === 'string') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const bytes = typeof v === 'string' ? encoder.encode(v) : v instanceof Uint8Array ? v : null;
      if (!bytes) throw new Error(`hashTensor: ${name} value ${i} is ${describe(v)}; a string tensor holds strings or bytes`);
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, bytes.length, true);
      h.update(len);
      h.update(bytes);
    }
    return;
  }
  h.update(numericBytes(dtype, values as ArrayLike<number>, name));
}

function numericBytes(dtype: string, values: ArrayLike<number>, name: string): Uint8Array {
  if (dtype === 'bool') {
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
    return out;
  }
  // Same bytes whichever typed array the backend handed out: convert to the dtype's own layout.
  const typed =
    dtype === 'int32'
      ? values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>)
      : values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  if (dtype === 'int32' && !(values instanceof Int32Array)) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isInteger(values[i])) throw new Error(`hashTensor: ${name} is int32 but value ${i} is ${describe(values[i])}`);
    }
  }
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    swapped[i] = bytes[i + 3]!;
    swapped[i + 1] = bytes[i + 2]!;
    swapped[i + 2] = bytes[i + 1]!;
    swapped[i + 3] = bytes[i]!;
  }
  return swapped;
}
