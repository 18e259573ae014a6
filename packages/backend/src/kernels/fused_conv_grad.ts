/**
 * A gradient for the FusedConv2D kernel (convolution + bias + linear or relu in one kernel).
 *
 * Why it exists: tfjs-core 4.22 registers no gradient for FusedConv2D; its `tf.fused.conv2d`
 * op wraps the kernel in a customGrad whose backward always computes every input's gradient,
 * including the input image's for a first layer (a Conv2DBackpropInput nobody needs). With this
 * gradient registered, a layer can call the kernel directly under a gradient tape: the forward
 * pass gets the fused kernel (no separate bias add and activation over the whole output, ~3% of
 * a seed CNN training step on wasm) and the tape prunes the backward to what the variables need.
 * Only undilated NHWC convolutions with a linear or relu activation and a [outChannels] bias are
 * supported; @tessera/models calls the kernel only for those.
 */
import * as tf from '../tf.js';

type Tensor4D = tf.Tensor4D;

const fusedConv2DGrad: tf.GradConfig = {
  kernelName: 'FusedConv2D',
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [Tensor4D, Tensor4D, Tensor4D];
    const activation = attrs.activation as string;
    if (activation !== 'linear' && activation !== 'relu') {
      throw new Error(`FusedConv2D gradient: activation must be 'linear' or 'relu', got '${activation}'`);
    }
    const dil = attrs.dilations as number | number[] | undefined;
    if (dil !== undefined && dil !== 1 && (Array.isArray(dil) ? dil.some((d) => d !== 1) : true)) {
      throw new Error(`FusedConv2D gradient: dilations must be 1, got ${JSON.stringify(dil)}`);
    }
    if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
      throw new Error(`FusedConv2D gradient: dataFormat must be 'NHWC', got '${String(attrs.dataFormat)}'`);
    }
    // relu'(z) = step(relu(z)): the output holds the mask (tfjs' step(0) is 0, as relu's gradient at 0).
    const g = activation === 'relu' ? tf.mul(dy as Tensor4D, tf.step(y)) : (dy as Tensor4D);
    const common = { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', dimRoundingMode: attrs.dimRoundingMode } as tf.NamedAttrMap;
    const run = (name: string, inputs: tf.NamedTensorMap, extra: tf.NamedAttrMap): Tensor4D =>
      tf.engine().runKernel(name, inputs, { ...common, ...extra }) as Tensor4D;
    return {
      x: () => run('Conv2DBackpropInput', { dy: g, filter }, { inputShape: x.shape }),
      filter: () => run('Conv2DBackpropFilter', { x, dy: g }, { filterShape: filter.shape }),
      bias: () => tf.sum(g, [0, 1, 2]),
    };
  },
};

let registered = false;

/**
 * Registers the gradient (once per process; gradients are global to tfjs-core).
 *
 * @example
 * registerFusedConvGradient(); // then tf.engine().runKernel('FusedConv2D', ...) is differentiable
 */
export function registerFusedConvGradient(): void {
  if (registered) return;
  tf.registerGradient(fusedConv2DGrad);
  registered = true;
}
