/**
 * The product-plus-bias-plus-activation of Dense and convolution layers, as few tfjs ops as
 * the backend allows. Internal: layers call these, users call the layers.
 */
import { tf } from '@tessera/backend';
import { activate, type ActivationName, fusedActivation } from './activations.js';
import { recordingGradients } from './layer.js';

/**
 * Whether to use tfjs-core's fused kernels on the active backend. tfjs-backend-cpu's fused
 * kernels call its own slow matMul/conv2D loops directly, bypassing the faster BatchMatMul and
 * Conv2D kernels @tessera/backend registers, so on cpu the unfused ops are faster.
 */
function fuse(): boolean {
  return tf.getBackend() !== 'cpu';
}

/**
 * Whether the backend's fused kernel accepts this bias. tfjs-backend-wasm 4.22's fused kernels
 * check the rank the bias's *data* was created with, which a reshape or slice of another
 * tensor (sharing its data) does not change; such biases are added as a separate op.
 */
function fusableBias(b: tf.Tensor): boolean {
  if (tf.getBackend() !== 'wasm') return true;
  const stored = (
    tf.backend() as unknown as { dataIdMap?: { get(id: object): { shape?: number[] } | undefined } }
  ).dataIdMap?.get(b.dataId)?.shape;
  return stored === undefined || stored.length === 1;
}

/** The activation to fuse into the kernel, or null when it must run as its own op. */
function inKernel(activation: ActivationName): 'linear' | 'relu' | 'sigmoid' | null {
  // Under a gradient tape tfjs-core un-fuses any non-linear activation (3 ops); fusing only
  // the bias there and running the activation apart is 2 ops.
  return recordingGradients() ? (activation === 'linear' ? 'linear' : null) : fusedActivation(activation);
}

/** `act(x @ w + b)` for a rank-2 `x`. */
export function matMulBiasAct(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor | null,
  activation: ActivationName,
): tf.Tensor2D {
  // Under a gradient tape, plain ops: tfjs-core's fused matMul gradient (a customGrad) always
  // computes the input's gradient too, a whole extra product for a first layer whose input is
  // data (~10% of an MLP training step on wasm); the plain ops' gradients are pruned by the tape.
  if (!fuse() || recordingGradients()) {
    let y: tf.Tensor2D = tf.matMul(x, w);
    if (b !== null) y = tf.add(y, b);
    return activate(y, activation) as tf.Tensor2D;
  }
  if (b !== null && !fusableBias(b))
    return activate(tf.add(tf.fused.matMul({ a: x, b: w }), b), activation) as tf.Tensor2D;
  const k = inKernel(activation);
  const y = tf.fused.matMul({ a: x, b: w, ...(b !== null ? { bias: b } : {}), activation: k ?? 'linear' });
  return (k === null ? activate(y, activation) : y) as tf.Tensor2D;
}

/** Convolution geometry shared by Conv2D and DepthwiseConv2D. */
export interface ConvGeometry {
  strides: [number, number];
  padding: 'same' | 'valid';
  dilations: [number, number];
}

/** `act(conv(x, w) + b)`, plain (Conv2D) or depthwise. */
export function convBiasAct(
  depthwise: boolean,
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  b: tf.Tensor | null,
  activation: ActivationName,
  g: ConvGeometry,
): tf.Tensor4D {
  const dilated = g.dilations[0] !== 1 || g.dilations[1] !== 1;
  const biasOk = b === null || (fusableBias(b) && b.rank === 1);
  // Three paths. Under a gradient tape, a relu/linear Conv2D runs the FusedConv2D kernel itself:
  // the gradient @tessera/backend registers for it lets the tape skip the input's gradient (a
  // first layer's input is data, yet tf.fused.conv2d's customGrad always computes it: ~15% of a
  // seed CNN training step on wasm), and the forward pass saves a separate bias add and relu.
  // Other convolutions under a tape take the plain ops, whose gradients the tape also prunes;
  // so do dilation rates above 1 (tfjs-core's fused convolutions have no gradient there,
  // @tessera/backend registers one for the plain op) and biases the fused op cannot take.
  // Outside a tape (inference), tf.fused.
  if (fuse() && !depthwise && !dilated && biasOk && recordingGradients() && (activation === 'relu' || activation === 'linear')) {
    const inputs: tf.NamedTensorMap = { x, filter: w, ...(b !== null ? { bias: b } : {}) };
    const attrs = { strides: g.strides, pad: g.padding, dataFormat: 'NHWC', dilations: g.dilations, activation } as unknown as tf.NamedAttrMap;
    return tf.engine().runKernel('FusedConv2D', inputs, attrs) as tf.Tensor4D;
  }
  if (!fuse() || dilated || recordingGradients() || (b !== null && !fusableBias(b))) {
    let y = depthwise
      ? tf.depthwiseConv2d(x, w, g.strides, g.padding, 'NHWC', g.dilations)
      : tf.conv2d(x, w, g.strides, g.padding, 'NHWC', g.dilations);
    if (b !== null) y = tf.add(y, b);
    return activate(y, activation) as tf.Tensor4D;
  }
  const k = inKernel(activation);
  const args = {
    x,
    filter: w,
    strides: g.strides,
    pad: g.padding,
    dilations: g.dilations,
    ...(b !== null ? { bias: b } : {}),
    activation: k ?? 'linear',
  } as const;
  const y = depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
  return (k === null ? activate(y, activation) : y) as tf.Tensor4D;
}
