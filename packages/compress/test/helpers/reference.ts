/**
 * Float64 plain-JS references the tests compare with, written from the definitions (not from
 * the package's code): per-channel symmetric and affine quantization, percentiles, masks.
 */

/** Row-major index -> channel along `axis`. */
export function channelOf(i: number, shape: readonly number[], axis: number): number {
  let inner = 1;
  for (let a = axis + 1; a < shape.length; a++) inner *= shape[a] as number;
  return Math.floor(i / inner) % (shape[axis] as number);
}

/** Per-channel (or per-tensor when axis is null) max |x| in float64. */
export function maxAbsPerChannel(values: ArrayLike<number>, shape: readonly number[], axis: number | null): number[] {
  const c = axis === null ? 1 : (shape[axis] as number);
  const out = new Array<number>(c).fill(0);
  for (let i = 0; i < values.length; i++) {
    const ch = axis === null ? 0 : channelOf(i, shape, axis);
    out[ch] = Math.max(out[ch] as number, Math.abs(values[i] as number));
  }
  return out;
}

/** Per-block [min, max] widened to include 0. */
export function rangePerBlock(values: ArrayLike<number>, block: (i: number) => number, blocks: number): [number, number][] {
  const out: [number, number][] = Array.from({ length: blocks }, () => [0, 0]);
  for (let i = 0; i < values.length; i++) {
    const r = out[block(i)] as [number, number];
    r[0] = Math.min(r[0], values[i] as number);
    r[1] = Math.max(r[1], values[i] as number);
  }
  return out;
}

/** NumPy's default percentile (linear interpolation between order statistics). */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (p / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
}

/** Seeded values with a spread of magnitudes (a few large ones, many small). */
export function weightsLike(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return Float64Array.from({ length: n }, () => {
    const u = next() - 0.5;
    return next() < 0.05 ? u * 8 : u * 0.5;
  });
}
