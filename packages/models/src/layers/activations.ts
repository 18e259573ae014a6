/**
 * Activation functions by name. Each is a handful of tfjs-core ops with registered gradients.
 */
import { tf } from '@tessera/backend';

/** The activations every layer accepts by name. `gelu` is the exact (erf) form, as Keras and PyTorch default to. */
export type ActivationName = 'linear' | 'relu' | 'gelu' | 'tanh' | 'sigmoid' | 'softmax' | 'swish';

/**
 * Every {@link ActivationName}.
 *
 * @example
 * ```ts
 * for (const a of ACTIVATION_NAMES) new Dense({ units: 4, activation: a });
 * ```
 */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'linear',
  'relu',
  'gelu',
  'tanh',
  'sigmoid',
  'softmax',
  'swish',
];

/** Throws unless `v` names an activation. */
export function checkActivation(who: string, arg: string, v: unknown): ActivationName {
  if (typeof v !== 'string' || !(ACTIVATION_NAMES as readonly string[]).includes(v)) {
    throw new Error(`${who}: ${arg} must be one of ${ACTIVATION_NAMES.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as ActivationName;
}

/**
 * Applies the named activation (softmax over the last axis).
 *
 * @example
 * ```ts
 * const y = activate(tf.tensor1d([-1, 0, 2]), 'gelu');
 * ```
 */
export function activate(x: tf.Tensor, name: ActivationName): tf.Tensor {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'softmax':
      return tf.softmax(x, -1);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
    case 'gelu':
      // 0.5 x (1 + erf(x / sqrt 2)), written as x * (0.5 + 0.5 erf(x / sqrt 2)): four ops.
      return tf.mul(x, tf.add(0.5, tf.mul(0.5, tf.erf(tf.mul(x, Math.SQRT1_2)))));
    default:
      throw new Error(`activate: unknown activation ${JSON.stringify(name)}`);
  }
}

/** The activations that tfjs-core's fused matMul/conv2d kernels apply in place. */
export function fusedActivation(name: ActivationName): 'linear' | 'relu' | 'sigmoid' | null {
  return name === 'linear' || name === 'relu' || name === 'sigmoid' ? name : null;
}
