/**
 * DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput, the gradient of
 * DepthwiseConv2D.
 *
 * Why they exist: tfjs-backend-wasm 4.22 has neither, so a depthwise convolution cannot train
 * on wasm; tfjs-backend-cpu 4.22 has both but ignores their `dilations` attribute (its loops
 * step through the taps as if the rate were 1), so any caller passing a rate above 1 gets
 * wrong numbers. One implementation on both keeps them identical.
 *
 * Plain JS over the wasm heap: one pass over output pixels and in-bounds taps, with the
 * innermost loop over channels (contiguous in x, dy and the filter). Depthwise convolutions
 * have no channel reduction to hand to a matrix product, so there is nothing for XNNPACK to
 * speed up. Dilation is honoured (the attribute is part of these kernels' signature).
 */
import type * as tf from '../tf.js';
import { convGeometry, type Geometry } from './geometry.js';
import type { PortableKernel } from './io.js';

type TensorInfo = tf.TensorInfo;

/** dW[kh, kw, c, m] += sum over output pixels of x[tap, c] * dy[pixel, c*M + m] (dW zeroed). */
function depthwiseFilterGrad(x: Float32Array, dy: Float32Array, g: Geometry, dW: Float64Array): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const M = outC / inC;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const dyOff = ((b * outH + oy) * outW + ox) * outC;
        for (let fy = 0; fy < kH; fy++) {
          const iy = oy * strideH - padTop + fy * dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kW; fx++) {
            const ix = ox * strideW - padLeft + fx * dilationW;
            if (ix < 0 || ix >= inW) continue;
            const xOff = ((b * inH + iy) * inW + ix) * inC;
            const wOff = (fy * kW + fx) * outC;
            if (M === 1) {
              for (let c = 0; c < inC; c++) dW[wOff + c] = (dW[wOff + c] as number) + (x[xOff + c] as number) * (dy[dyOff + c] as number);
            } else {
              for (let c = 0; c < inC; c++) {
                const a = x[xOff + c] as number;
                for (let m = 0, o = c * M; m < M; m++, o++) dW[wOff + o] = (dW[wOff + o] as number) + a * (dy[dyOff + o] as number);
              }
            }
          }
        }
      }
    }
  }
}

/** dx[tap, c] += sum over m of W[kh, kw, c, m] * dy[pixel, c*M + m] (dx zeroed). */
function depthwiseInputGrad(dy: Float32Array, w: Float32Array, g: Geometry, dx: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const M = outC / inC;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const dyOff = ((b * outH + oy) * outW + ox) * outC;
        for (let fy = 0; fy < kH; fy++) {
          const iy = oy * strideH - padTop + fy * dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kW; fx++) {
            const ix = ox * strideW - padLeft + fx * dilationW;
            if (ix < 0 || ix >= inW) continue;
            const xOff = ((b * inH + iy) * inW + ix) * inC;
            const wOff = (fy * kW + fx) * outC;
            if (M === 1) {
              for (let c = 0; c < inC; c++) dx[xOff + c] = (dx[xOff + c] as number) + (w[wOff + c] as number) * (dy[dyOff + c] as number);
            } else {
              for (let c = 0; c < inC; c++) {
                let s = 0;
                for (let m = 0, o = c * M; m < M; m++, o++) s += (w[wOff + o] as number) * (dy[dyOff + o] as number);
                dx[xOff + c] = (dx[xOff + c] as number) + s;
              }
            }
          }
        }
      }
    }
  }
}

export const depthwiseConv2dNativeBackpropFilter: PortableKernel = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backends: { cpu: 'fix: the stock kernel ignores dilations', wasm: 'missing from tfjs-backend-wasm 4.22' },
  run: (inputs, attrs, io) => {
    const x = inputs.x as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const filterShape = attrs.filterShape as number[];
    const g = convGeometry(x.shape, filterShape, attrs, true);
    const out = io.empty(filterShape);
    const acc = new Float64Array(out.shape.reduce((a, b) => a * b, 1));
    depthwiseFilterGrad(io.f32(x), io.f32(dy), g, acc);
    io.f32(out).set(acc);
    return out;
  },
};

export const depthwiseConv2dNativeBackpropInput: PortableKernel = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backends: { cpu: 'fix: the stock kernel ignores dilations', wasm: 'missing from tfjs-backend-wasm 4.22' },
  run: (inputs, attrs, io) => {
    const dy = inputs.dy as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const inputShape = attrs.inputShape as number[];
    const g = convGeometry(inputShape, filter.shape, attrs, true);
    const dx = io.zeros(inputShape);
    depthwiseInputGrad(io.f32(dy), io.f32(filter), g, io.f32(dx));
    return dx;
  },
};
