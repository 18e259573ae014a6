/**
 * Sum (float32) on cpu without a transpose.
 *
 * Why it exists: tfjs-backend-cpu 4.22 sums over non-trailing axes by first transposing the
 * whole tensor with its generic, index-arithmetic transpose. Every bias gradient of a
 * convolution is such a sum (over batch, height and width): ~100 ms for a 64x32x32x32
 * gradient, 15% of a small CNN's training step. This walks the input once in memory order,
 * adding each run of the innermost axis into its output slot, with float64 accumulators
 * (the stock kernel also sums in doubles). Other dtypes go to the stock kernel.
 *
 * On wasm the stock Sum also transposes first (~7 ms for the bias gradient of a [4096, 256]
 * projection). Where WebAssembly SIMD is available (both backends), sums over leading axes
 * (bias gradients) or trailing axes (layer-norm means, softmax gradients) run in the SIMD
 * module with float64 accumulators; other axis sets take the JS walk below.
 */
import * as tf from '../tf.js';
import type { KernelIO, PortableKernel } from './io.js';
import { simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

/** out[kept index] += x over the axes in `reduce` (out zeroed, length = product of kept dims). */
function sumAxes(x: Float32Array, shape: number[], reduce: boolean[], out: Float64Array): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = (out[0] as number) + (x[0] as number);
    return;
  }
  // Output stride of each input axis (0 for reduced axes).
  const outStride = new Array<number>(rank).fill(0);
  for (let d = rank - 1, s = 1; d >= 0; d--) {
    if (!reduce[d]) {
      outStride[d] = s;
      s *= shape[d] as number;
    }
  }
  const inner = shape[rank - 1] as number;
  const innerReduced = reduce[rank - 1] === true;
  const innerStride = outStride[rank - 1] as number;
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < x.length; i += inner) {
    if (innerReduced) {
      let s = 0;
      for (let j = 0; j < inner; j++) s += x[i + j] as number;
      out[o] = (out[o] as number) + s;
    } else {
      for (let j = 0; j < inner; j++) out[o + j * innerStride] = (out[o + j * innerStride] as number) + (x[i + j] as number);
    }
    // Advance the odometer over the outer axes, keeping o = sum(idx[d] * outStride[d]).
    for (let d = rank - 2; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      o += outStride[d] as number;
      if ((idx[d] as number) < (shape[d] as number)) break;
      o -= (idx[d] as number) * (outStride[d] as number);
      idx[d] = 0;
    }
  }
}

/** Leading or trailing axes on the SIMD module, or null. */
function simdSum(x: TensorInfo, reduce: boolean[], outShape: number[], io: KernelIO): TensorInfo | null {
  const r = reduce.length;
  const n = x.shape.reduce((a, b) => a * b, 1);
  const lead = reduce.findIndex((v) => !v); // reduced axes [0, lead) ?
  const p = lead === -1 ? r : lead;
  const isPrefix = p > 0 && reduce.slice(p).every((v) => !v);
  const q = reduce.lastIndexOf(false) + 1; // reduced axes [q, r) ?
  const isSuffix = q < r && reduce.slice(0, q).every((v) => !v);
  if (n === 0 || (!isPrefix && !isSuffix)) return null;
  const call = simdCall(io);
  if (call === null) return null;
  const out = io.empty(outShape);
  try {
    if (isPrefix && q !== 0) {
      const rows = x.shape.slice(0, p).reduce((a, b) => a * b, 1);
      const cols = n / rows;
      const acc = call.scratch(2 * cols);
      call.k.sumOuter(call.input(x), rows, cols, call.output(out), acc);
    } else {
      const cols = x.shape.slice(q).reduce((a, b) => a * b, 1);
      call.k.sumInner(call.input(x), n / cols, cols, call.output(out));
    }
  } finally {
    call.done();
  }
  return out;
}

/** Sum, or Mean (the sum times 1 / the number of elements reduced), over float32. */
function reduction(kernelName: 'Sum' | 'Mean', backends: PortableKernel['backends']): PortableKernel {
  return {
    kernelName,
    backends,
    run: (inputs, attrs, io, stock) => {
      const x = inputs.x as TensorInfo;
      if (x.dtype !== 'float32') {
        if (!stock) throw new Error(`${kernelName}: the stock kernel is missing`);
        return stock();
      }
      const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
      const reduce = x.shape.map((_, d) => axes.includes(d));
      const kept = x.shape.filter((_, d) => !reduce[d]);
      const outShape = attrs.keepDims ? x.shape.map((n, d) => (reduce[d] ? 1 : n)) : kept;
      let out = simdSum(x, reduce, outShape, io);
      if (out === null) {
        const acc = new Float64Array(kept.reduce((a, b) => a * b, 1));
        sumAxes(io.f32(x), x.shape, reduce, acc);
        out = io.empty(outShape);
        io.f32(out).set(acc);
      }
      if (kernelName === 'Mean') {
        const count = x.shape.reduce((p, n, d) => (reduce[d] ? p * n : p), 1);
        const v = io.f32(out);
        for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / count;
      }
      return out;
    },
  };
}

export const sum = reduction('Sum', {
  cpu: 'faster: no transpose before reducing leading axes',
  wasm: 'faster: no transpose before reducing leading axes (bias gradients: ~7 ms -> <1 ms on [4096, 256])',
});

/** Mean on cpu: the stock kernel transposes and casts first (~15 ms per layer-norm mean of [64, 64, 64]). */
export const mean = reduction('Mean', { cpu: 'faster: the sum above, scaled' });
