/**
 * Conv2DBackpropFilter and Conv2DBackpropInput: the two halves of a Conv2D gradient.
 *
 * Why they exist:
 * - tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter at all, so no convolution could
 *   train on wasm; its Conv2DBackpropInput is scalar C++ loops (no XNNPACK).
 * - tfjs-backend-cpu 4.22's Conv2DBackpropFilter reads every element through
 *   `TensorBuffer.get` in a loop nest whose innermost loop strides across the batch: about
 *   20 s for one batch of 64 of a 32x32x3 CNN with 32 and 64 3x3 filters.
 *
 * Both lower the convolution to im2col, a chunk of output pixels at a time (the chunk stays
 * in cache): dW = col^T @ dy and dcol = dy @ W^T followed by col2im. Where WebAssembly SIMD is
 * available (cpu and wasm), im2col, the products and col2im all run in Tessera's SIMD module
 * (simd/): measured on the seed CNN's convolutions (batch 64, 2 shared cores), the filter
 * gradient went from ~55 to ~35 ms (conv2) and the input gradient from ~65 to ~35 ms
 * against the im2col + XNNPACK path below, and matched XNNPACK running dx as a convolution
 * of dy with the rotated filter.
 *
 * Without SIMD they lower the convolution to im2col, a chunk of output pixels at a time:
 * dW = col^T @ dy and dcol = dy @ W^T followed by col2im. On wasm the products go to the
 * backend's BatchMatMul (XNNPACK with SIMD; only its untransposed, batch-1 form is fast, so
 * operands are laid out for that); on cpu to the register-tiled JS products of gemm.ts,
 * which beat both the cpu backend's BatchMatMul and direct loops (see test/bench/cnn_step.mjs).
 * NCHW tensors are transposed to NHWC and take the JS path (no SIMD) on either backend.
 */
import type * as tf from '../tf.js';
import { gemmABt, gemmAtB, transposeInto } from './gemm.js';
import { convGeometry, type Geometry, toNCHW, toNHWC } from './geometry.js';
import { chunkRows, col2imRows, im2colRows, im2colTRows } from './im2col.js';
import type { KernelIO, PortableKernel } from './io.js';
import { simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

/** Floats of im2col scratch per chunk for the JS products (about 256 KiB: stays in L2). */
const JS_CHUNK = 1 << 16;
/** Floats of im2col scratch per chunk on wasm (32 MiB of wasm heap at most). */
const WASM_CHUNK = 1 << 23;

/** dW[k, co] = sum over output pixels p of col[p, k] * dy[p, co], in JS (x and dy NHWC). */
function filterGradJS(x: Float32Array, dy: Float32Array, g: Geometry): Float64Array {
  const K = g.kH * g.kW * g.inC;
  const P = g.batch * g.outH * g.outW;
  const dW = new Float64Array(K * g.outC);
  const rows = chunkRows(K, JS_CHUNK, P);
  const col = new Float32Array(rows * K);
  for (let p0 = 0; p0 < P; p0 += rows) {
    const p1 = Math.min(P, p0 + rows);
    im2colRows(x, g, p0, p1, col);
    gemmAtB(col, 0, dy, p0 * g.outC, p1 - p0, K, g.outC, dW);
  }
  return dW;
}

/** dx (zeroed, NHWC) += col2im(dy @ W^T), in JS (W is [kh, kw, ci, co], i.e. [K, co]). */
function inputGradJS(dy: Float32Array, w: Float32Array, g: Geometry, dx: Float32Array): void {
  const K = g.kH * g.kW * g.inC;
  const P = g.batch * g.outH * g.outW;
  const rows = chunkRows(K, JS_CHUNK, P);
  const dcol = new Float32Array(rows * K);
  for (let p0 = 0; p0 < P; p0 += rows) {
    const p1 = Math.min(P, p0 + rows);
    gemmABt(dy, p0 * g.outC, w, 0, p1 - p0, g.outC, K, dcol, 0);
    col2imRows(dcol, g, p0, p1, dx);
  }
}

function filterGradWasm(x: TensorInfo, dy: TensorInfo, g: Geometry, filterShape: number[], io: KernelIO): TensorInfo {
  const K = g.kH * g.kW * g.inC;
  const P = g.batch * g.outH * g.outW;
  const rows = chunkRows(K, WASM_CHUNK, P);
  if (rows === P) {
    const colT = io.empty([1, K, P]);
    im2colTRows(io.f32(x), g, 0, P, io.f32(colT));
    const out = io.matMul(colT, { dataId: dy.dataId, shape: [1, P, g.outC], dtype: 'float32' }, false, false);
    io.dispose(colT);
    return { dataId: out.dataId, shape: filterShape, dtype: 'float32' };
  }
  // Too big for one scratch matrix: sum the products of chunks of output pixels.
  const dW = new Float64Array(K * g.outC);
  for (let p0 = 0; p0 < P; p0 += rows) {
    const n = Math.min(P, p0 + rows) - p0;
    const colT = io.empty([1, K, n]);
    const dyChunk = io.empty([1, n, g.outC]);
    io.f32(dyChunk).set(io.f32(dy).subarray(p0 * g.outC, (p0 + n) * g.outC));
    im2colTRows(io.f32(x), g, p0, p0 + n, io.f32(colT));
    const part = io.matMul(colT, dyChunk, false, false);
    const pv = io.f32(part);
    for (let i = 0; i < pv.length; i++) dW[i] = (dW[i] as number) + (pv[i] as number);
    io.dispose(part);
    io.dispose(dyChunk);
    io.dispose(colT);
  }
  const out = io.empty(filterShape);
  io.f32(out).set(dW);
  return out;
}

function inputGradWasm(dy: TensorInfo, filter: TensorInfo, g: Geometry, dx: TensorInfo, io: KernelIO): void {
  const K = g.kH * g.kW * g.inC;
  const P = g.batch * g.outH * g.outW;
  const rows = chunkRows(K, WASM_CHUNK, P);
  // dcol = dy @ W^T; XNNPACK takes neither operand transposed, so W^T is materialised.
  const wT = io.empty([1, g.outC, K]);
  {
    const w = io.f32(filter);
    const t = io.f32(wT);
    transposeInto(w, K, g.outC, t);
  }
  for (let p0 = 0; p0 < P; p0 += rows) {
    const n = Math.min(P, p0 + rows) - p0;
    let a: TensorInfo = { dataId: dy.dataId, shape: [1, P, g.outC], dtype: 'float32' };
    if (n !== P) {
      a = io.empty([1, n, g.outC]);
      io.f32(a).set(io.f32(dy).subarray(p0 * g.outC, (p0 + n) * g.outC));
    }
    const dcol = io.matMul(a, wT, false, false);
    col2imRows(io.f32(dcol), g, p0, p0 + n, io.f32(dx));
    io.dispose(dcol);
    if (n !== P) io.dispose(a);
  }
  io.dispose(wT);
}

/** The geometry arguments of the SIMD conv kernels. */
function geometryArgs(g: Geometry): number[] {
  return [g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.kH, g.kW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft];
}

/** dW via the SIMD module (NHWC): im2col a chunk of pixels at a time (kept in cache), then col^T @ dy. */
function filterGradSimd(x: TensorInfo, dy: TensorInfo, g: Geometry, filterShape: number[], io: KernelIO): TensorInfo | null {
  const call = simdCall(io);
  if (call === null) return null;
  const K = g.kH * g.kW * g.inC;
  const rows = chunkRows(K, JS_CHUNK, g.batch * g.outH * g.outW);
  const out = io.empty(filterShape);
  try {
    const col = call.scratch(rows * K);
    call.k.convFilterGrad(call.input(x), call.input(dy), call.output(out), ...geometryArgs(g), col, rows);
  } finally {
    call.done();
  }
  return out;
}

/** dx via the SIMD module (NHWC): dcol = dy @ W^T a chunk of pixels at a time, scattered back by col2im. */
function inputGradSimd(dy: TensorInfo, filter: TensorInfo, g: Geometry, inputShape: number[], io: KernelIO): TensorInfo | null {
  const call = simdCall(io);
  if (call === null) return null;
  const K = g.kH * g.kW * g.inC;
  const rows = chunkRows(K, JS_CHUNK, g.batch * g.outH * g.outW);
  const dx = io.empty(inputShape);
  try {
    const pwT = call.scratch(K * g.outC);
    const col = call.scratch(rows * K);
    const w = io.f32(filter);
    const wT = call.view(pwT, K * g.outC);
    transposeInto(w, K, g.outC, wT);
    call.k.convInputGrad(call.input(dy), pwT, call.output(dx), ...geometryArgs(g), col, rows);
  } finally {
    call.done();
  }
  return dx;
}

function filterGrad(x: TensorInfo, dy: TensorInfo, attrs: tf.NamedAttrMap, io: KernelIO): TensorInfo {
  const filterShape = attrs.filterShape as number[];
  const g = convGeometry(x.shape, filterShape, { ...attrs, dilations: 1 }, false);
  if (!g.channelsFirst) {
    const viaSimd = filterGradSimd(x, dy, g, filterShape, io);
    if (viaSimd) return viaSimd;
    if (io.backendName === 'wasm') return filterGradWasm(x, dy, g, filterShape, io);
  }
  const out = io.empty(filterShape);
  let xv = io.f32(x);
  let dyv = io.f32(dy);
  if (g.channelsFirst) {
    xv = toNHWC(xv, g.batch, g.inC, g.inH, g.inW);
    dyv = toNHWC(dyv, g.batch, g.outC, g.outH, g.outW);
  }
  io.f32(out).set(filterGradJS(xv, dyv, g));
  return out;
}

function inputGrad(dy: TensorInfo, filter: TensorInfo, attrs: tf.NamedAttrMap, io: KernelIO): TensorInfo {
  const inputShape = attrs.inputShape as number[];
  const g = convGeometry(inputShape, filter.shape, { ...attrs, dilations: 1 }, false);
  if (!g.channelsFirst) {
    const viaSimd = inputGradSimd(dy, filter, g, inputShape, io);
    if (viaSimd) return viaSimd;
  }
  const dx = io.zeros(inputShape);
  if (io.backendName === 'wasm' && !g.channelsFirst) {
    inputGradWasm(dy, filter, g, dx, io);
  } else if (!g.channelsFirst) {
    inputGradJS(io.f32(dy), io.f32(filter), g, io.f32(dx));
  } else {
    const tmp = new Float32Array(io.f32(dx).length);
    inputGradJS(toNHWC(io.f32(dy), g.batch, g.outC, g.outH, g.outW), io.f32(filter), g, tmp);
    toNCHW(tmp, g.batch, g.inC, g.inH, g.inW, io.f32(dx));
  }
  return dx;
}

export const conv2DBackpropFilter: PortableKernel = {
  kernelName: 'Conv2DBackpropFilter',
  backends: {
    cpu: 'faster: the stock kernel takes ~20 s per batch of 64 of a small CNN',
    wasm: 'missing from tfjs-backend-wasm 4.22',
  },
  run: (inputs, attrs, io) => filterGrad(inputs.x as TensorInfo, inputs.dy as TensorInfo, attrs, io),
};

export const conv2DBackpropInput: PortableKernel = {
  kernelName: 'Conv2DBackpropInput',
  backends: {
    cpu: 'faster than the stock loops',
    wasm: 'faster: im2col + XNNPACK instead of the stock scalar loops',
  },
  run: (inputs, attrs, io) => inputGrad(inputs.dy as TensorInfo, inputs.filter as TensorInfo, attrs, io),
};
