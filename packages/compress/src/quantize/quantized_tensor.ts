/**
 * One weight tensor in a storage format: float32 (kept), float16, or integer codes with their
 * scales and zero points (per tensor, per channel along an axis, or per group of consecutive
 * elements for 4-bit). Plain typed arrays: this is the in-memory quantized form, a quarter
 * (int8) or an eighth (q4) of the float32 bytes.
 */
import { fromFloat16Bits, toFloat16Bits } from '@tessera/models';
import { checkEnum, checkNumber, fail, numel, show } from '../internal/errors.js';
import {
  codeRange,
  defaultMode,
  dequantizeValue,
  INTEGER_DTYPES,
  type IntegerDtype,
  quantizeValue,
  quantParams,
  type QuantMode,
  type QuantParams,
} from './affine.js';
import { packInt4, unpackInt4 } from './int4_pack.js';

/**
 * Storage formats of a weight.
 *
 * @example
 * ```ts
 * const d: WeightDtype = 'q4';
 * ```
 */
export type WeightDtype = 'float32' | 'float16' | IntegerDtype;

/**
 * Every storage format, in the order errors list them.
 *
 * @example
 * ```ts
 * WEIGHT_DTYPES; // ['float32', 'float16', 'int8', 'uint8', 'q4']
 * ```
 */
export const WEIGHT_DTYPES: readonly WeightDtype[] = ['float32', 'float16', ...INTEGER_DTYPES];

/**
 * How to store one tensor.
 *
 * @example
 * ```ts
 * const perChannel: TensorQuantSpec = { dtype: 'int8', mode: 'symmetric', axis: 3 };
 * const grouped: TensorQuantSpec = { dtype: 'q4', groupSize: 32 };
 * ```
 */
export interface TensorQuantSpec {
  dtype: WeightDtype;
  /** Integer dtypes. Default symmetric for int8 and q4, affine for uint8. */
  mode?: QuantMode;
  /** int8/uint8: the channel axis for per-channel scales; omitted or null for one scale. */
  axis?: number | null;
  /** q4: elements per group (consecutive, row-major). Default 32. */
  groupSize?: number;
}

/**
 * A stored tensor. `data` holds float32 values, float16 bit patterns, int8/uint8 codes, or q4
 * codes packed two per byte; `scale` (and for affine modes `zeroPoint`) has one entry per tensor,
 * channel or group.
 *
 * @example
 * ```ts
 * const q = quantizeTensor(new Float32Array([0.5, -1, 0.25, 0]), [2, 2], { dtype: 'int8', axis: 1 });
 * q.scale; // Float32Array [0.25/127 rounded up, 1/127 rounded up] (per column)
 * ```
 */
export interface QuantizedTensor {
  name: string;
  /** The original shape. */
  shape: number[];
  dtype: WeightDtype;
  mode: QuantMode | null;
  axis: number | null;
  groupSize: number | null;
  data: Float32Array | Uint16Array | Int8Array | Uint8Array;
  scale: Float32Array | null;
  zeroPoint: Int8Array | Uint8Array | null;
}

/** Which block (tensor, channel or group) each flat index belongs to. */
interface Blocks {
  count: number;
  of(i: number): number;
}

function blocksFor(shape: readonly number[], n: number, axis: number | null, groupSize: number | null): Blocks {
  if (groupSize !== null) return { count: Math.max(1, Math.ceil(n / groupSize)), of: (i) => Math.floor(i / groupSize) };
  if (axis === null) return { count: 1, of: () => 0 };
  const c = shape[axis] as number;
  const inner = numel(shape.slice(axis + 1));
  return { count: c, of: (i) => Math.floor(i / inner) % c };
}

/** Validated spec with defaults filled in. */
function resolveSpec(
  fn: string,
  name: string,
  shape: readonly number[],
  spec: TensorQuantSpec,
): { dtype: WeightDtype; mode: QuantMode | null; axis: number | null; groupSize: number | null } {
  if (typeof spec !== 'object' || spec === null) fail(fn, 'spec', 'be an object { dtype, mode?, axis?, groupSize? }', show(spec));
  const dtype = checkEnum(fn, 'spec.dtype', spec.dtype, WEIGHT_DTYPES);
  if (dtype === 'float32' || dtype === 'float16') return { dtype, mode: null, axis: null, groupSize: null };
  const mode = checkEnum(fn, 'spec.mode', spec.mode ?? defaultMode(dtype), ['symmetric', 'affine'] as const);
  if (dtype === 'q4') {
    if (spec.axis !== undefined && spec.axis !== null) {
      fail(fn, 'spec.axis', "be omitted for 'q4' (it is grouped: use spec.groupSize)", show(spec.axis));
    }
    const groupSize = checkNumber(fn, 'spec.groupSize', spec.groupSize ?? 32, { min: 1, integer: true });
    return { dtype, mode, axis: null, groupSize };
  }
  if (spec.groupSize !== undefined) fail(fn, 'spec.groupSize', `be omitted for '${dtype}' (only 'q4' is grouped)`, show(spec.groupSize));
  let axis: number | null = null;
  if (spec.axis !== undefined && spec.axis !== null) {
    axis = checkNumber(fn, `spec.axis (tensor '${name}', rank ${shape.length})`, spec.axis, { min: 0, max: shape.length - 1, integer: true });
  }
  return { dtype, mode, axis, groupSize: null };
}

function checkShapeAndValues(fn: string, name: string, values: ArrayLike<number>, shape: readonly number[]): void {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(fn, `shape of '${name}'`, 'be an array of non-negative integers', show(shape));
  }
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    fail(fn, `values of '${name}'`, 'be an array or typed array of numbers', show(values));
  }
  const n = numel(shape);
  if (values.length !== n) fail(fn, `values of '${name}'`, `hold ${n} numbers for shape [${shape.join(', ')}]`, `${values.length}`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(fn, `weight '${name}'`, 'hold finite values only (quantization needs a finite range)', `${show(v)} at flat index ${i}`);
    }
  }
}

/**
 * Stores one tensor in a format. Integer formats compute the range of each block (tensor,
 * channel or group) in float64, widened to include 0, and quantize every value to the nearest
 * code: each value comes back within `scale / 2` of the original.
 *
 * @example
 * ```ts
 * const q = quantizeTensor(kernelValues, [3, 3, 1, 8], { dtype: 'int8', axis: 3 }, 'conv2d_1/kernel');
 * const back = dequantizeTensor(q); // Float32Array, |back[i] - kernelValues[i]| <= scale / 2
 * ```
 */
export function quantizeTensor(values: ArrayLike<number>, shape: number[], spec: TensorQuantSpec, name = 'tensor'): QuantizedTensor {
  const fn = 'quantizeTensor';
  const s = resolveSpec(fn, name, shape, spec);
  checkShapeAndValues(fn, name, values, shape);
  const n = numel(shape);
  const base = { name, shape: [...shape], dtype: s.dtype, mode: s.mode, axis: s.axis, groupSize: s.groupSize };
  if (s.dtype === 'float32') return { ...base, data: Float32Array.from(values), scale: null, zeroPoint: null };
  if (s.dtype === 'float16') {
    const bits = new Uint16Array(n);
    for (let i = 0; i < n; i++) bits[i] = toFloat16Bits(values[i] as number);
    return { ...base, data: bits, scale: null, zeroPoint: null };
  }
  const dtype = s.dtype;
  const mode = s.mode as QuantMode;
  const blocks = blocksFor(shape, n, s.axis, s.groupSize);
  const lo = new Float64Array(blocks.count).fill(Infinity);
  const hi = new Float64Array(blocks.count).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const b = blocks.of(i);
    const v = values[i] as number;
    if (v < (lo[b] as number)) lo[b] = v;
    if (v > (hi[b] as number)) hi[b] = v;
  }
  const params: QuantParams[] = [];
  for (let b = 0; b < blocks.count; b++) {
    const l = lo[b] as number;
    const h = hi[b] as number;
    params.push(quantParams(Number.isFinite(l) ? l : 0, Number.isFinite(h) ? h : 0, { dtype, mode }));
  }
  const codes = dtype === 'int8' ? new Int8Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = quantizeValue(values[i] as number, params[blocks.of(i)] as QuantParams);
  const scale = Float32Array.from(params, (p) => p.scale);
  let zeroPoint: Int8Array | Uint8Array | null = null;
  if (mode === 'affine') {
    zeroPoint = dtype === 'int8' ? new Int8Array(blocks.count) : new Uint8Array(blocks.count);
    params.forEach((p, b) => ((zeroPoint as Int8Array | Uint8Array)[b] = p.zeroPoint));
  }
  const data = dtype === 'q4' ? packInt4(codes) : codes;
  return { ...base, data, scale, zeroPoint };
}

/**
 * The integer codes of a quantized tensor, unpacked (q4) to one per element.
 *
 * @example
 * ```ts
 * quantizedCodes(quantizeTensor([1, -1], [2], { dtype: 'q4', groupSize: 2 })); // Uint8Array [15, 1]
 * ```
 */
export function quantizedCodes(q: QuantizedTensor): Int8Array | Uint8Array {
  if (q.dtype === 'float32' || q.dtype === 'float16') {
    fail('quantizedCodes', `tensor '${q.name}'`, 'be quantized to int8, uint8 or q4', `dtype '${q.dtype}'`);
  }
  return q.dtype === 'q4' ? unpackInt4(q.data as Uint8Array, numel(q.shape)) : (q.data as Int8Array | Uint8Array);
}

/**
 * Float values of a stored tensor: `(code - zeroPoint) * scale` for integer formats (computed
 * in float64, then rounded to float32), the float16 values widened, or the float32 values.
 *
 * @example
 * ```ts
 * const values = dequantizeTensor(q); // Float32Array of numel(q.shape)
 * ```
 */
export function dequantizeTensor(q: QuantizedTensor): Float32Array {
  const n = numel(q.shape);
  if (q.dtype === 'float32') return Float32Array.from(q.data as Float32Array);
  if (q.dtype === 'float16') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = fromFloat16Bits((q.data as Uint16Array)[i] as number);
    return out;
  }
  const codes = quantizedCodes(q);
  const mode = q.mode ?? defaultMode(q.dtype);
  const fixedZero = codeRange(q.dtype, mode).zero;
  const blocks = blocksFor(q.shape, n, q.axis, q.groupSize);
  const scale = q.scale as Float32Array;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const b = blocks.of(i);
    const zeroPoint = q.zeroPoint !== null ? (q.zeroPoint[b] as number) : fixedZero;
    out[i] = dequantizeValue(codes[i] as number, { scale: scale[b] as number, zeroPoint });
  }
  return out;
}

/**
 * Number of scale (and zero point) entries a tensor of this shape and spec has.
 *
 * @example
 * ```ts
 * blockCount([3, 3, 8, 16], { axis: 3, groupSize: null }); // 16
 * ```
 */
export function blockCount(shape: readonly number[], layout: { axis: number | null; groupSize: number | null }): number {
  return blocksFor(shape, numel(shape), layout.axis, layout.groupSize).count;
}

/**
 * Bytes the tensor occupies in memory and on disk (data, scales and zero points).
 *
 * @example
 * ```ts
 * quantizedByteLength(quantizeTensor(new Float32Array(64), [8, 8], { dtype: 'q4', groupSize: 32 })); // 32 + 2*4
 * ```
 */
export function quantizedByteLength(q: QuantizedTensor): number {
  return q.data.byteLength + (q.scale?.byteLength ?? 0) + (q.zeroPoint?.byteLength ?? 0);
}
