/**
 * A forward pass over a `Sequential` with hooks: weights of Dense, Conv2D and DepthwiseConv2D
 * layers can be replaced by tensors computed from them (fake-quantized weights, on the gradient
 * tape), and the model input and each layer's output can be transformed (fake-quantized
 * activations, observers). Other layers run as they are. Runs inside the caller's tidy.
 */
import { tf } from '@tessera/backend';
import { activate, type ActivationName, type Layer, type Sequential } from '@tessera/models';
import { fail } from './errors.js';

/**
 * Hooks of {@link forward}.
 *
 * @example
 * ```ts
 * const hooks: ForwardHooks = { activation: (point, y) => { observer.observe(y); return y; } };
 * ```
 */
export interface ForwardHooks {
  /** The tensor to use for a layer's weight (`local` is `kernel`, `bias`, `depthwise_kernel`). */
  weight?: (layer: Layer, local: string, variable: tf.Variable) => tf.Tensor;
  /** Called with the model input (point `'input'`) and each layer's output (point = layer name). */
  activation?: (point: string, y: tf.Tensor) => tf.Tensor;
}

/**
 * Layer classes whose computation {@link forward} redoes with replaced weights.
 *
 * @example
 * ```ts
 * REWRITTEN_LAYERS.includes('Conv2D'); // true
 * ```
 */
export const REWRITTEN_LAYERS: readonly string[] = ['Dense', 'Conv2D', 'DepthwiseConv2D'];

interface DenseLike {
  activation: ActivationName;
}
interface ConvLike {
  strides: [number, number];
  padding: 'same' | 'valid';
  dilationRate: [number, number];
  activation: ActivationName;
}

function rewritten(layer: Layer, x: tf.Tensor, hook: NonNullable<ForwardHooks['weight']>): tf.Tensor {
  const ws = new Map(layer.weights().map((w) => [w.name, w.variable]));
  const get = (local: string): tf.Tensor | null => {
    const v = ws.get(local);
    return v === undefined ? null : hook(layer, local, v);
  };
  const input = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  const bias = get('bias');
  if (layer.className === 'Dense') {
    const l = layer as unknown as DenseLike;
    const k = get('kernel') as tf.Tensor2D;
    const lead = input.shape.slice(0, -1);
    const x2 = input.rank === 2 ? input : tf.reshape(input, [-1, input.shape[input.rank - 1] as number]);
    let y: tf.Tensor = tf.matMul(x2 as tf.Tensor2D, k);
    if (bias !== null) y = tf.add(y, bias);
    y = activate(y, l.activation);
    return input.rank === 2 ? y : tf.reshape(y, [...lead, k.shape[1]]);
  }
  const c = layer as unknown as ConvLike;
  let y: tf.Tensor =
    layer.className === 'Conv2D'
      ? tf.conv2d(input as tf.Tensor4D, get('kernel') as tf.Tensor4D, c.strides, c.padding, 'NHWC', c.dilationRate)
      : tf.depthwiseConv2d(input as tf.Tensor4D, get('depthwise_kernel') as tf.Tensor4D, c.strides, c.padding, 'NHWC', c.dilationRate);
  if (bias !== null) y = tf.add(y, bias);
  return activate(y, c.activation);
}

/**
 * Runs `model` on `x` with the hooks. Checks the input shape as `model.apply` does.
 *
 * @example
 * ```ts
 * const y = tf.tidy(() => forward(model, x, { training: false }, { activation: (p, t) => { observer.observe(t); return t; } }));
 * ```
 */
export function forward(model: Sequential, x: tf.Tensor, options: { training: boolean }, hooks: ForwardHooks): tf.Tensor {
  const spec = model.inputShape;
  const ok = x.rank === spec.length + 1 && spec.every((d, i) => d === null || d === x.shape[i + 1]);
  if (!ok) {
    fail(
      `${model.name}`,
      'the input',
      `have shape [null, ${spec.map((d) => (d === null ? 'null' : d)).join(', ')}]`,
      `[${x.shape.join(', ')}]`,
    );
  }
  let y = hooks.activation ? hooks.activation('input', x) : x;
  let mask: tf.Tensor | undefined;
  for (const layer of model.layers) {
    if (hooks.weight && REWRITTEN_LAYERS.includes(layer.className)) {
      y = rewritten(layer, y, hooks.weight);
    } else {
      const r = layer.call(y, { training: options.training, ...(mask !== undefined ? { mask } : {}) });
      y = r.y;
      mask = r.mask;
    }
    if (hooks.activation) y = hooks.activation(layer.name, y);
  }
  return y;
}
