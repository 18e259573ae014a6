/**
 * Gradients of Conv2D and DepthwiseConv2dNative that accept dilation rates above 1.
 *
 * Why they exist: tfjs-core 4.22's gradient functions for both ops assert that the dilation
 * rates are 1 ("dilation rates greater than 1 are not yet supported in gradients"), on every
 * backend, so a dilated convolution cannot train at all.
 *
 * A convolution with dilation d equals an undilated convolution with the "dilated filter"
 * (the filter with d-1 zeros between taps; same padding and output size, since tfjs pads by
 * the effective filter size either way). So for d > 1 the input gradient is the stock
 * backprop-input kernel applied with the dilated filter, and the filter gradient is the
 * stock backprop-filter kernel's gradient of the dilated filter, read back at the taps. Only
 * tfjs-core ops are used, so this works on every backend. For d = 1 these are exactly the
 * stock gradients. Gradients are global to tfjs-core (not per backend), so they are
 * registered once, whichever backend starts first.
 */
import * as tf from '../tf.js';

type Tensor4D = tf.Tensor4D;

function pair(v: unknown): [number, number] {
  if (v == null) return [1, 1];
  if (typeof v === 'number') return [v, v];
  const a = v as number[];
  return [a[0] ?? 1, a[1] ?? 1];
}

/** [kh, kw, a, b] -> [(kh-1)*dh+1, (kw-1)*dw+1, a, b] with zeros between the taps. */
function dilateFilter(f: Tensor4D, dh: number, dw: number): Tensor4D {
  return tf.tidy((): Tensor4D => {
    const [kh, kw, a, b] = f.shape;
    const spread = tf.pad(tf.reshape(f, [kh, 1, kw, 1, a * b]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
    ]);
    const grid = tf.reshape(spread, [kh * dh, kw * dw, a, b]) as Tensor4D;
    return tf.slice(grid, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, a, b]);
  });
}

/** The inverse sampling: the taps of a dilated filter's gradient, as a [kh, kw, a, b] gradient. */
function undilateFilter(g: Tensor4D, kh: number, kw: number, dh: number, dw: number): Tensor4D {
  return tf.tidy((): Tensor4D => {
    const [, , a, b] = g.shape;
    const full = tf.pad(g, [
      [0, dh - 1],
      [0, dw - 1],
      [0, 0],
      [0, 0],
    ]);
    const taps = tf.slice(tf.reshape(full, [kh, dh, kw, dw, a * b]), [0, 0, 0, 0, 0], [kh, 1, kw, 1, a * b]);
    return tf.reshape(taps, [kh, kw, a, b]);
  });
}

function run(kernelName: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown>): Tensor4D {
  // Unset attributes (dimRoundingMode) travel as undefined, as in tfjs-core's own ops.
  return tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as Tensor4D;
}

const conv2DGrad: tf.GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const [dh, dw] = pair(attrs.dilations);
    const [kh, kw] = filter.shape;
    const common = { strides: attrs.strides, pad: attrs.pad, dataFormat: attrs.dataFormat, dimRoundingMode: attrs.dimRoundingMode };
    const dilated = dh !== 1 || dw !== 1;
    return {
      x: () => {
        const f = dilated ? dilateFilter(filter, dh, dw) : filter;
        return run('Conv2DBackpropInput', { dy: dy as Tensor4D, filter: f }, { ...common, inputShape: x.shape });
      },
      filter: () => {
        const shape = [(kh - 1) * dh + 1, (kw - 1) * dw + 1, filter.shape[2], filter.shape[3]];
        const g = run('Conv2DBackpropFilter', { x, dy: dy as Tensor4D }, { ...common, filterShape: shape });
        return dilated ? undilateFilter(g, kh, kw, dh, dw) : g;
      },
    };
  },
};

const depthwiseGrad: tf.GradConfig = {
  kernelName: 'DepthwiseConv2dNative',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const [dh, dw] = pair(attrs.dilations);
    const [kh, kw] = filter.shape;
    const common = { strides: attrs.strides, pad: attrs.pad, dimRoundingMode: attrs.dimRoundingMode, dilations: [1, 1] };
    const dilated = dh !== 1 || dw !== 1;
    return {
      x: () => {
        const f = dilated ? dilateFilter(filter, dh, dw) : filter;
        return run('DepthwiseConv2dNativeBackpropInput', { dy: dy as Tensor4D, filter: f }, { ...common, inputShape: x.shape });
      },
      filter: () => {
        const shape = [(kh - 1) * dh + 1, (kw - 1) * dw + 1, filter.shape[2], filter.shape[3]];
        const g = run('DepthwiseConv2dNativeBackpropFilter', { x, dy: dy as Tensor4D }, { ...common, filterShape: shape });
        return dilated ? undilateFilter(g, kh, kw, dh, dw) : g;
      },
    };
  },
};

let registered = false;

/** Registers the two gradients (once per process); returns the kernel names whose gradient it replaced. */
export function registerDilatedConvGradients(): string[] {
  if (!registered) {
    tf.registerGradient(conv2DGrad);
    tf.registerGradient(depthwiseGrad);
    registered = true;
  }
  return [conv2DGrad.kernelName, depthwiseGrad.kernelName];
}
