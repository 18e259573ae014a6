/**
 * Sum (float32) on cpu without a transpose.
 *
 * Why it exists: tfjs-backend-cpu 4.22 sums over non-trailing axes by first transposing the
 * whole tensor with its generic, index-arithmetic transpose. Every bias gradient of a
 * convolution is such a sum (over batch, height and width): ~100 ms for a 64x32x32x32
 * gradient, 15% of a small CNN's training step. This walks the input once in memory order,
 * adding each run of the innermost axis into its output slot, with float64 accumulators
 * (the stock kernel also sums in doubles). Other dtypes go to the stock kernel.
 */
import * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

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

export const sum: PortableKernel = {
  kernelName: 'Sum',
  backends: { cpu: 'faster: no transpose before reducing leading axes' },
  run: (inputs, attrs, io, stock) => {
    const x = inputs.x as TensorInfo;
    if (x.dtype !== 'float32' && stock) return stock();
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const reduce = x.shape.map((_, d) => axes.includes(d));
    const kept = x.shape.filter((_, d) => !reduce[d]);
    const outShape = attrs.keepDims ? x.shape.map((n, d) => (reduce[d] ? 1 : n)) : kept;
    const acc = new Float64Array(kept.reduce((a, b) => a * b, 1));
    sumAxes(io.f32(x), x.shape, reduce, acc);
    const out = io.empty(outShape);
    io.f32(out).set(acc);
    return out;
  },
};
