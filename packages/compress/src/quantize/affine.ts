/**
 * Affine (asymmetric) and symmetric integer quantization of real values, in float64:
 * `q = clamp(round(x / scale) + zeroPoint, qmin, qmax)` and `x' = (q - zeroPoint) * scale`.
 *
 * Scales are stored as float32, so they are rounded *up* to the next float32: the range then
 * always fits, and every value inside the observed range comes back within `scale / 2`.
 * Zero is always exactly representable (pruned weights and zero padding stay exactly zero).
 */
import { checkEnum, fail, show } from '../internal/errors.js';

/**
 * Integer formats: 8-bit signed, 8-bit unsigned, and 4-bit (stored unsigned, two per byte).
 *
 * @example
 * ```ts
 * const d: IntegerDtype = 'int8';
 * ```
 */
export type IntegerDtype = 'int8' | 'uint8' | 'q4';

/**
 * `'symmetric'`: the zero point is fixed (0 for int8, the middle code 128 / 8 for unsigned
 * formats) and the range is restricted to ±(2^(bits-1) - 1) codes around it, as TFLite's int8
 * weights; `'affine'`: min and max map onto the full code range (PyTorch's per_tensor_affine).
 *
 * @example
 * ```ts
 * const m: QuantMode = 'affine';
 * ```
 */
export type QuantMode = 'symmetric' | 'affine';

/**
 * Scale, zero point and the code range of one quantized block (tensor, channel or group).
 *
 * @example
 * ```ts
 * const p: QuantParams = { scale: 0.01, zeroPoint: 0, qmin: -127, qmax: 127 };
 * ```
 */
export interface QuantParams {
  scale: number;
  zeroPoint: number;
  qmin: number;
  qmax: number;
}

/**
 * The integer dtypes, for validation messages.
 *
 * @example
 * ```ts
 * INTEGER_DTYPES.includes('q4'); // true
 * ```
 */
export const INTEGER_DTYPES: readonly IntegerDtype[] = ['int8', 'uint8', 'q4'];

/**
 * Bits per code of an integer dtype.
 *
 * @example
 * ```ts
 * bitsOf('q4'); // 4
 * ```
 */
export function bitsOf(dtype: IntegerDtype): 4 | 8 {
  return dtype === 'q4' ? 4 : 8;
}

/**
 * The code range of a dtype and mode, and the fixed zero point of symmetric quantization.
 *
 * @example
 * ```ts
 * codeRange('int8', 'symmetric'); // { qmin: -127, qmax: 127, zero: 0 }
 * codeRange('uint8', 'affine');   // { qmin: 0, qmax: 255, zero: 0 }
 * ```
 */
export function codeRange(dtype: IntegerDtype, mode: QuantMode): { qmin: number; qmax: number; zero: number } {
  const bits = bitsOf(dtype);
  const signed = dtype === 'int8';
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (mode === 'affine') return { qmin: lo, qmax: hi, zero: 0 };
  const zero = signed ? 0 : 2 ** (bits - 1);
  const half = 2 ** (bits - 1) - 1;
  return { qmin: zero - half, qmax: zero + half, zero };
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The smallest float32 >= `x` (for positive `x`), so a scale stored as float32 never shrinks
 * the range it must cover.
 *
 * @example
 * ```ts
 * float32AtLeast(0.1) >= 0.1; // true, and Math.fround of it is itself
 * ```
 */
export function float32AtLeast(x: number): number {
  const f = Math.fround(x);
  if (f >= x) return f;
  F32[0] = f;
  U32[0] = (U32[0] as number) + 1; // positive floats: the next bit pattern is the next float
  return F32[0] as number;
}

/**
 * Round half to even, as `tf.round` does, so JS quantization and the tensor fake-quant agree.
 *
 * @example
 * ```ts
 * roundHalfEven(2.5); // 2
 * roundHalfEven(-1.5); // -2
 * ```
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Scale and zero point for values in `[min, max]`. The range is widened to include 0; a
 * range of zero width gets scale 1.
 *
 * @example
 * ```ts
 * quantParams(-1, 2, { dtype: 'uint8', mode: 'affine' }); // scale 3/255, zeroPoint 85
 * quantParams(-0.5, 0.3, { dtype: 'int8', mode: 'symmetric' }); // scale 0.5/127, zeroPoint 0
 * ```
 */
export function quantParams(min: number, max: number, spec: { dtype: IntegerDtype; mode?: QuantMode }): QuantParams {
  const fn = 'quantParams';
  const dtype = checkEnum(fn, 'spec.dtype', spec?.dtype, INTEGER_DTYPES);
  const mode = checkEnum(fn, 'spec.mode', spec.mode ?? defaultMode(dtype), ['symmetric', 'affine'] as const);
  if (!Number.isFinite(min) || !Number.isFinite(max)) fail(fn, 'min and max', 'be finite numbers', `[${show(min)}, ${show(max)}]`);
  if (min > max) fail(fn, 'min', `be <= max (${max})`, show(min));
  const { qmin, qmax, zero } = codeRange(dtype, mode);
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  if (mode === 'symmetric') {
    const m = Math.max(-lo, hi);
    const scale = m === 0 ? 1 : float32AtLeast(m / (qmax - zero));
    return { scale, zeroPoint: zero, qmin, qmax };
  }
  if (hi === lo) return { scale: 1, zeroPoint: qmin, qmax, qmin };
  const scale = float32AtLeast((hi - lo) / (qmax - qmin));
  // lo <= 0 <= hi keeps the exact zero point inside [qmin, qmax]; rounding it moves the
  // representable range by at most scale / 2, which the error bound absorbs.
  const zeroPoint = Math.min(qmax, Math.max(qmin, roundHalfEven(qmin - lo / scale)));
  return { scale, zeroPoint, qmin, qmax };
}

/**
 * The default mode: symmetric for signed int8 and q4 (as TFLite and most 4-bit formats),
 * affine for uint8 (as the tfjs converter and PyTorch's quint8).
 *
 * @example
 * ```ts
 * defaultMode('uint8'); // 'affine'
 * ```
 */
export function defaultMode(dtype: IntegerDtype): QuantMode {
  return dtype === 'uint8' ? 'affine' : 'symmetric';
}

/**
 * One value to its code.
 *
 * @example
 * ```ts
 * quantizeValue(0.26, { scale: 0.1, zeroPoint: 0, qmin: -127, qmax: 127 }); // 3
 * ```
 */
export function quantizeValue(x: number, p: QuantParams): number {
  const q = roundHalfEven(x / p.scale) + p.zeroPoint;
  return q < p.qmin ? p.qmin : q > p.qmax ? p.qmax : q;
}

/**
 * One code back to its value.
 *
 * @example
 * ```ts
 * dequantizeValue(3, { scale: 0.1, zeroPoint: 0, qmin: -127, qmax: 127 }); // 0.30000000000000004
 * ```
 */
export function dequantizeValue(q: number, p: Pick<QuantParams, 'scale' | 'zeroPoint'>): number {
  return (q - p.zeroPoint) * p.scale;
}
