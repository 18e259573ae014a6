/**
 * Conv2D forward on cpu, as im2col followed by the register-tiled JS product of gemm.ts.
 *
 * Why it exists: once the gradients are fast, tfjs-backend-cpu 4.22's own Conv2D (a loop
 * nest with one multiply-add per two loads) is the largest cost of a CNN training step on
 * cpu (~700 ms of ~2 s for a batch of 64 of a 32x32x3 CNN with 32 and 64 3x3 filters).
 * wasm keeps XNNPACK's Conv2D. Strides, dilations, every padding mode and NCHW are supported.
 * With WebAssembly SIMD the im2col and the product run in Tessera's SIMD module (simd/).
 */
import type * as tf from '../tf.js';
import { gemmABt, transposeInto } from './gemm.js';
import { convGeometry, type Geometry, toNCHW, toNHWC } from './geometry.js';
import { chunkRows, im2colRows } from './im2col.js';
import type { PortableKernel } from './io.js';
import { simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

/** Floats of im2col scratch per chunk (about 256 KiB: stays in L2). */
const CHUNK = 1 << 16;

/** y[p, co] = col[p, :] . W[:, co] for every output pixel (x and y NHWC, W [kh, kw, ci, co]). */
function conv2dJS(x: Float32Array, w: Float32Array, g: Geometry, y: Float32Array): void {
  const K = g.kH * g.kW * g.inC;

  const N = g.outC;
  const P = g.batch * g.outH * g.outW;
  // The product reads both operands along K, so W is transposed to [co, K] once.
  const wT = new Float32Array(K * N);
  transposeInto(w, K, N, wT);
  const rows = chunkRows(K, CHUNK, P);
  const col = new Float32Array(rows * K);
  for (let p0 = 0; p0 < P; p0 += rows) {
    const p1 = Math.min(P, p0 + rows);
    im2colRows(x, g, p0, p1, col);
    gemmABt(col, 0, wT, 0, p1 - p0, K, N, y, p0 * N);
  }
}

export const conv2D: PortableKernel = {
  kernelName: 'Conv2D',
  backends: { cpu: 'faster than the stock loops (wasm keeps XNNPACK)' },
  run: (inputs, attrs, io) => {
    const x = inputs.x as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const g = convGeometry(x.shape, filter.shape, attrs, false);
    const outShape = g.channelsFirst ? [g.batch, g.outC, g.outH, g.outW] : [g.batch, g.outH, g.outW, g.outC];
    const y = io.empty(outShape);
    const call = g.channelsFirst ? null : simdCall(io);
    if (call) {
      // The same lowering in the SIMD module (W read as is: [K, co] is what its product wants).
      const K = g.kH * g.kW * g.inC;
      const rows = chunkRows(K, CHUNK, g.batch * g.outH * g.outW);
      try {
        const col = call.scratch(rows * K);
        call.k.convForward(call.input(x), call.input(filter), call.output(y),
          g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC,
          g.kH, g.kW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, col, rows); // prettier-ignore
      } finally {
        call.done();
      }
    } else if (!g.channelsFirst) {
      conv2dJS(io.f32(x), io.f32(filter), g, io.f32(y));
    } else {
      const tmp = new Float32Array(io.f32(y).length);
      conv2dJS(toNHWC(io.f32(x), g.batch, g.inC, g.inH, g.inW), io.f32(filter), g, tmp);
      toNCHW(tmp, g.batch, g.outC, g.outH, g.outW, io.f32(y));
    }
    return y;
  },
};
