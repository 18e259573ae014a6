/**
 * BatchMatMul (tf.matMul): every Dense layer, recurrent cell and attention head.
 *
 * Why it exists: the backward pass of `x @ W` is `dy @ W^T` and `x^T @ dy`, and attention
 * multiplies batches of small matrices (`q @ k^T`, `p @ v`), and
 * - tfjs-backend-wasm 4.22 sends any product with a transposed operand or a batch to a
 *   scalar C++ loop (~1.3-2 GFLOP/s), using XNNPACK only for the untransposed batch-1 form.
 *   Here those go to Tessera's WebAssembly SIMD product (simd/, ~15-20 GFLOP/s, 10x the
 *   stock loop on attention shapes); untransposed batch-1 products stay on XNNPACK. Without
 *   SIMD, a transposed batch-1 operand is laid out for XNNPACK and batches keep the stock loop.
 * - tfjs-backend-cpu 4.22's loop does one multiply-add per two loads with one operand
 *   strided. Here every float32 product goes to the SIMD module too, or, without it, to the
 *   register-tiled JS products of gemm.ts. Batch broadcasting follows the stock kernel
 *   (batch index modulo each operand's batch size); non-float32 inputs go to the stock kernel.
 */
import * as tf from '../tf.js';
import { gemmABt, gemmAtB } from './gemm.js';
import type { KernelIO, PortableKernel } from './io.js';
import { simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

interface Dims {
  batchA: number;
  batchB: number;
  batch: number;
  m: number;
  k: number;
  n: number;
  outShape: number[];
}

function dims(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean): Dims {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = (tA ? a.shape[ra - 1] : a.shape[ra - 2]) as number;
  const k = (tA ? a.shape[ra - 2] : a.shape[ra - 1]) as number;
  const kB = (tB ? b.shape[rb - 1] : b.shape[rb - 2]) as number;
  const n = (tB ? b.shape[rb - 2] : b.shape[rb - 1]) as number;
  if (k !== kB) {
    throw new Error(
      `Error in matMul: inner shapes (${k}) and (${kB}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
        `and transposeA=${tA} and transposeB=${tB} must match.`,
    );
  }
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchA = a.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const batchB = b.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  return { batchA, batchB, batch: Math.max(batchA, batchB), m, k, n, outShape: [...outer, m, n] };
}

/** Copies the `rows` x `cols` matrix at `src[off..]` transposed into `dst[dOff..]`. */
function transposeInto(src: Float32Array, off: number, rows: number, cols: number, dst: Float32Array, dOff: number): void {
  for (let r = 0; r < rows; r++) {
    const s = off + r * cols;
    for (let c = 0, d = dOff + r; c < cols; c++, d += rows) dst[d] = src[s + c] as number;
  }
}

function cpuMatMul(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean, io: KernelIO): TensorInfo {
  const { batchA, batchB, batch, m, k, n, outShape } = dims(a, b, tA, tB);
  const out = io.empty([batch, m, n]);
  const A = io.f32(a);
  const B = io.f32(b);
  const C = io.f32(out);
  // The products read B as [n, k] (gemmABt) or [k, n] (gemmAtB); transpose into that when needed.
  const bT = tA === tB ? new Float32Array(k * n) : null;
  const acc = tA ? new Float64Array(m * n) : null;
  for (let bi = 0; bi < batch; bi++) {
    const aOff = (bi % batchA) * m * k;
    let bOff = (bi % batchB) * k * n;
    let Bm = B;
    if (bT) {
      transposeInto(B, bOff, tB ? n : k, tB ? k : n, bT, 0);
      Bm = bT;
      bOff = 0;
    }
    if (!tA) {
      gemmABt(A, aOff, Bm, bOff, m, k, n, C, bi * m * n);
    } else {
      acc!.fill(0);
      gemmAtB(A, aOff, Bm, bOff, k, m, n, acc!);
      C.set(acc!, bi * m * n);
    }
  }
  return { dataId: out.dataId, shape: outShape, dtype: 'float32' };
}

/** Any float32 product on the SIMD module (in place on wasm), or null without it. */
function simdMatMul(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean, io: KernelIO): TensorInfo | null {
  const { batchA, batchB, batch, m, k, n, outShape } = dims(a, b, tA, tB);
  const call = simdCall(io);
  if (call === null) return null;
  const out = io.empty([batch, m, n]);
  try {
    const scratch = call.scratch(k * n + 4);
    call.k.bmm(call.input(a), call.input(b), call.output(out), batch, batchA, batchB, m, k, n, tA ? 1 : 0, tB ? 1 : 0, scratch);
  } finally {
    call.done();
  }
  return { dataId: out.dataId, shape: outShape, dtype: 'float32' };
}

function wasmMatMul(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean, io: KernelIO): TensorInfo {
  const { m, k, n, outShape } = dims(a, b, tA, tB);
  // Operands laid out as XNNPACK's fast path wants them: a as [1, m, k], b as [1, k, n].
  const a2 = tA ? io.empty([1, m, k]) : { dataId: a.dataId, shape: [1, m, k], dtype: a.dtype };
  const b2 = tB ? io.empty([1, k, n]) : { dataId: b.dataId, shape: [1, k, n], dtype: b.dtype };
  if (tA) transposeInto(io.f32(a), 0, k, m, io.f32(a2), 0);
  if (tB) transposeInto(io.f32(b), 0, n, k, io.f32(b2), 0);
  // Untransposed batch-1 operands: run() below hands these to the stock kernel (XNNPACK).
  const out = io.matMul(a2, b2, false, false);
  if (tA) io.dispose(a2);
  if (tB) io.dispose(b2);
  return { dataId: out.dataId, shape: outShape, dtype: 'float32' };
}

export const batchMatMul: PortableKernel = {
  kernelName: 'BatchMatMul',
  backends: {
    cpu: 'faster: WebAssembly SIMD (or register-tiled JS) products instead of a strided dot-product loop',
    wasm: 'faster: batched and transposed products in WebAssembly SIMD instead of the scalar loop',
  },
  run: (inputs, attrs, io, stock) => {
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const tA = Boolean(attrs.transposeA);
    const tB = Boolean(attrs.transposeB);
    const float = a.dtype === 'float32' && b.dtype === 'float32';
    if (io.backendName === 'cpu') {
      if (!float && stock) return stock();
      return simdMatMul(a, b, tA, tB, io) ?? cpuMatMul(a, b, tA, tB, io);
    }
    if (!stock) throw new Error('Tessera kernels: the stock wasm BatchMatMul is missing');
    const single = a.shape.slice(0, -2).every((d) => d === 1) && b.shape.slice(0, -2).every((d) => d === 1);
    if (!float || (single && !tA && !tB)) return stock();
    const viaSimd = simdMatMul(a, b, tA, tB, io);
    if (viaSimd) return viaSimd;
    if (!single) return stock();
    return wasmMatMul(a, b, tA, tB, io);
  },
};
