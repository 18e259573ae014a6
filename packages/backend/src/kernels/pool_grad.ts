/**
 * AvgPoolGrad and MaxPoolGrad, the gradients of AvgPool2D and MaxPool2D (NHWC).
 *
 * Why they exist:
 * - AvgPoolGrad of both stock backends (tfjs 4.22) divides every window by its full size
 *   kh*kw, but their forward AvgPool divides by the number of taps inside the input, so with
 *   'same' padding the gradient at the borders is wrong (e.g. a 3x3 'same' pool of a 3x3
 *   image: the corner's gradient is 4/9 where it should be 1/4 + 2/6 + 1/9). This one uses
 *   the forward's divisor.
 * - MaxPoolGrad: the stock wasm kernel loses the gradient of some windows whose values are
 *   all negative (found by the conformance suite: e.g. 2 of 54 windows of a random
 *   2x6x6x3 input with a 2x2 stride-2 pool get 0), and the stock cpu kernel first builds a
 *   buffer of argmax positions through `TensorBuffer.get`/`set` (~350 ms for a 64x32x32x32
 *   batch). This single pass is correct, several times faster on both, and gives both
 *   backends the cpu forward's tie rule: the first maximum in row-major window order wins.
 */
import type * as tf from '../tf.js';
import { type Geometry, poolGeometry } from './geometry.js';
import type { PortableKernel } from './io.js';
import { simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

/** dx (zeroed) += dy / (taps of the window inside the input), spread over those taps. */
function avgPoolGrad(dy: Float32Array, g: Geometry, dx: Float32Array): void {
  const { batch, inH, inW, inC: C, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(0, oy * strideH - padTop);
      const y1 = Math.min(inH, oy * strideH - padTop + kH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(0, ox * strideW - padLeft);
        const x1 = Math.min(inW, ox * strideW - padLeft + kW);
        const count = (y1 - y0) * (x1 - x0);
        if (count <= 0) continue;
        const inv = 1 / count;
        const dyOff = ((b * outH + oy) * outW + ox) * C;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const xOff = ((b * inH + iy) * inW + ix) * C;
            for (let c = 0; c < C; c++) dx[xOff + c] = (dx[xOff + c] as number) + (dy[dyOff + c] as number) * inv;
          }
        }
      }
    }
  }
}

/** dx (zeroed) += dy at the first maximum of each window, per channel. */
function maxPoolGrad(x: Float32Array, dy: Float32Array, g: Geometry, dx: Float32Array): void {
  const { batch, inH, inW, inC: C, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(0, oy * strideH - padTop);
      const y1 = Math.min(inH, oy * strideH - padTop + kH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(0, ox * strideW - padLeft);
        const x1 = Math.min(inW, ox * strideW - padLeft + kW);
        best.fill(-Infinity);
        where.fill(-1);
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const xOff = ((b * inH + iy) * inW + ix) * C;
            for (let c = 0; c < C; c++) {
              const v = x[xOff + c] as number;
              if (v > (best[c] as number)) {
                best[c] = v;
                where[c] = xOff + c;
              }
            }
          }
        }
        const dyOff = ((b * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          const i = where[c] as number;
          if (i >= 0) dx[i] = (dx[i] as number) + (dy[dyOff + c] as number);
        }
      }
    }
  }
}

export const avgPoolGradKernel: PortableKernel = {
  kernelName: 'AvgPoolGrad',
  backends: {
    cpu: "fix: the stock kernel's divisor ignores 'same' padding",
    wasm: "fix: the stock kernel's divisor ignores 'same' padding",
  },
  run: (inputs, attrs, io) => {
    const input = inputs.input as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const g = poolGeometry(input.shape, attrs);
    const dx = io.zeros(input.shape);
    avgPoolGrad(io.f32(dy), g, io.f32(dx));
    return dx;
  },
};

export const maxPoolGradKernel: PortableKernel = {
  kernelName: 'MaxPoolGrad',
  backends: {
    cpu: 'faster than the stock argmax-buffer kernel',
    wasm: 'fix: the stock kernel drops the gradient of some all-negative windows',
  },
  run: (inputs, attrs, io) => {
    const input = inputs.input as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const g = poolGeometry(input.shape, attrs);
    const call = simdCall(io);
    if (call) {
      // The same rule with 4 channels per SIMD compare (in place on wasm).
      const dx = io.empty(input.shape);
      try {
        call.k.maxPoolGrad(call.input(input), call.input(dy), call.output(dx), g.batch, g.inH, g.inW, g.inC,
          g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft); // prettier-ignore
      } finally {
        call.done();
      }
      return dx;
    }
    const dx = io.zeros(input.shape);
    maxPoolGrad(io.f32(input), io.f32(dy), g, io.f32(dx));
    return dx;
  },
};
