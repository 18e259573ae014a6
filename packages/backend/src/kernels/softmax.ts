/**
 * Softmax on cpu (float32, last axis): per row, the maximum, exp(x - max), and the
 * normalisation, in float64.
 *
 * Why it exists: tfjs-backend-cpu 4.22 composes it from max, sub, exp, sum and div with its
 * slow broadcasting (~0.5 s for the [64, 4, 64, 64] attention weights of a small Transformer).
 * wasm keeps its own (XNNPACK) kernel.
 */
import type * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

export const softmax: PortableKernel = {
  kernelName: 'Softmax',
  backends: { cpu: 'faster: one pass per row instead of five broadcast ops' },
  run: (inputs, attrs, io, stock) => {
    const x = inputs.logits as tf.TensorInfo;
    const dim = attrs.dim as number | number[] | undefined;
    const d = Array.isArray(dim) ? dim[0] : dim;
    const last = x.shape.length - 1;
    if (x.dtype !== 'float32' || x.shape.length === 0 || (d !== undefined && d !== -1 && d !== last)) {
      if (!stock) throw new Error('Softmax: the stock kernel is missing');
      return stock();
    }
    const n = x.shape[last] as number;
    const out = io.empty(x.shape);
    const xv = io.f32(x);
    const ov = io.f32(out);
    for (let o = 0; o < xv.length; o += n) {
      let m = -Infinity;
      for (let j = 0; j < n; j++) m = Math.max(m, xv[o + j] as number);
      let s = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp((xv[o + j] as number) - m);
        ov[o + j] = e;
        s += e;
      }
      const inv = 1 / s;
      for (let j = 0; j < n; j++) ov[o + j] = (ov[o + j] as number) * inv;
    }
    return out;
  },
};
