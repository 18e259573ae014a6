/**
 * IEEE 754 half precision (binary16) and bfloat16 conversions, round-to-nearest-even, so that
 * weights can be stored at half size and read back by any engine (safetensors `F16`, `BF16`).
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The binary16 bit pattern nearest to `v` (ties to even; overflow to infinity; NaN stays NaN).
 *
 * @example
 * ```ts
 * toFloat16Bits(1);      // 0x3c00
 * toFloat16Bits(65504);  // 0x7bff (largest finite half)
 * ```
 */
export function toFloat16Bits(v: number): number {
  f32[0] = v;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: value = m * 2^-24, m = (1.mant) * 2^(e - 1) * 2^10, i.e. M >> (14 - e).
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa bumps the exponent, which is the correct rounding (up to infinity).
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

/**
 * The value of a binary16 bit pattern.
 *
 * @example
 * ```ts
 * fromFloat16Bits(0x3555); // 0.333251953125
 * ```
 */
export function fromFloat16Bits(h: number): number {
  const s = (h & 0x8000) !== 0 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m !== 0 ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/**
 * The bfloat16 bit pattern nearest to `v` (the top half of its float32, rounded to nearest even).
 *
 * @example
 * ```ts
 * toBFloat16Bits(1); // 0x3f80
 * ```
 */
export function toBFloat16Bits(v: number): number {
  f32[0] = v;
  const x = u32[0] as number;
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return ((x >>> 16) | 0x40) & 0xffff;
  const rounded = x + 0x7fff + ((x >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/**
 * The value of a bfloat16 bit pattern.
 *
 * @example
 * ```ts
 * fromBFloat16Bits(0x3f80); // 1
 * ```
 */
export function fromBFloat16Bits(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0] as number;
}
