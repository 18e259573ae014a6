/**
 * im2col / col2im for NHWC convolutions, a range of output pixels at a time so that the
 * scratch matrix stays small (a whole batch's im2col can reach gigabytes).
 *
 * Row p of the im2col matrix is the receptive field of output pixel p = (b, oy, ox), laid out
 * as (kh, kw, ci), the same order as a [kh, kw, ci, co] filter; taps that fall in the padding
 * are zero. A convolution is then col @ W, and its gradients col^T @ dy and dy @ W^T.
 */
import type { Geometry } from './geometry.js';

/** Calls `f(row, b, iy, ix, tap)` for each in-bounds tap of output pixels p0 <= p < p1. */
function forEachTap(
  g: Geometry,
  p0: number,
  p1: number,
  f: (row: number, xOff: number, tap: number) => void,
  padding?: (row: number, tap: number) => void,
): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const perImage = outH * outW;
  for (let p = p0; p < p1; p++) {
    const b = Math.floor(p / perImage);
    const rem = p - b * perImage;
    const oy = Math.floor(rem / outW);
    const ox = rem - oy * outW;
    const row = p - p0;
    for (let fy = 0; fy < kH; fy++) {
      const iy = oy * strideH - padTop + fy * dilationH;
      for (let fx = 0; fx < kW; fx++) {
        const ix = ox * strideW - padLeft + fx * dilationW;
        const tap = fy * kW + fx;
        if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) padding?.(row, tap);
        else f(row, ((b * inH + iy) * inW + ix) * inC, tap);
      }
    }
  }
}

/** col[(p - p0), k] for p0 <= p < p1, row-major with K = kH * kW * inC columns. */
export function im2colRows(x: Float32Array, g: Geometry, p0: number, p1: number, col: Float32Array): void {
  const C = g.inC;
  const K = g.kH * g.kW * C;
  forEachTap(
    g,
    p0,
    p1,
    // A subarray per tap costs more than a short copy loop when there are few channels.
    C >= 64
      ? (row, xOff, tap) => col.set(x.subarray(xOff, xOff + C), row * K + tap * C)
      : (row, xOff, tap) => {
          for (let c = 0, o = row * K + tap * C; c < C; c++) col[o + c] = x[xOff + c] as number;
        },
    (row, tap) => {
      for (let c = 0, o = row * K + tap * C; c < C; c++) col[o + c] = 0;
    },
  );
}

/** The transpose: colT[k, (p - p0)] for p0 <= p < p1 (what XNNPACK needs for col^T @ dy). */
export function im2colTRows(x: Float32Array, g: Geometry, p0: number, p1: number, colT: Float32Array): void {
  const C = g.inC;
  const rows = p1 - p0;
  forEachTap(
    g,
    p0,
    p1,
    (row, xOff, tap) => {
      for (let c = 0, o = tap * C * rows + row; c < C; c++, o += rows) colT[o] = x[xOff + c] as number;
    },
    (row, tap) => {
      for (let c = 0, o = tap * C * rows + row; c < C; c++, o += rows) colT[o] = 0;
    },
  );
}

/** dx[tap of p] += dcol[(p - p0), tap] for p0 <= p < p1 (dx accumulates across calls). */
export function col2imRows(dcol: Float32Array, g: Geometry, p0: number, p1: number, dx: Float32Array): void {
  const C = g.inC;
  const K = g.kH * g.kW * C;
  forEachTap(g, p0, p1, (row, xOff, tap) => {
    const s = row * K + tap * C;
    for (let c = 0; c < C; c++) dx[xOff + c] = (dx[xOff + c] as number) + (dcol[s + c] as number);
  });
}

/**
 * Output pixels per chunk so that a chunk's im2col holds about `budget` floats. The
 * conformance tests shrink every budget through `globalThis.__tesseraChunkFloats`, so that
 * tiny tensors exercise the multi-chunk paths.
 */
export function chunkRows(K: number, budget: number, total: number): number {
  const override = (globalThis as { __tesseraChunkFloats?: unknown }).__tesseraChunkFloats;
  const floats = typeof override === 'number' && override > 0 ? override : budget;
  return Math.max(1, Math.min(total, Math.floor(floats / Math.max(1, K))));
}
