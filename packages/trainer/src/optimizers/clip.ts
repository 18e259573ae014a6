/**
 * Gradient clipping. Two different things share the word, and TF users often mix them up:
 * clipping by *global norm* rescales all gradients together so their joint L2 norm is at most
 * the limit (directions kept; `tf.clip_by_global_norm`, PyTorch `clip_grad_norm_`), while
 * clipping by *value* clamps each element to `[-limit, limit]` (directions change).
 */
import { tf } from '@tessera/backend';
import { checkNumber } from '../internal/errors.js';

/**
 * How `fit` clips gradients: `'norm'` is the global L2 norm over all variables, `'value'` clamps
 * each element.
 *
 * @example
 * ```ts
 * await fit(model, data, { ..., gradientClip: { algorithm: 'norm', value: 1 } });
 * ```
 */
export interface GradientClip {
  algorithm: 'norm' | 'value';
  value: number;
}

/**
 * The global L2 norm `sqrt(sum_i ||g_i||^2)` of a list of gradients, as a scalar tensor.
 *
 * @example
 * ```ts
 * const n = globalNorm([g1, g2]); // caller disposes n
 * ```
 */
export function globalNorm(gradients: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    if (gradients.length === 0) return tf.scalar(0);
    const sq = gradients.map((g) => tf.sum(tf.square(g)));
    return tf.sqrt(tf.addN(sq)) as tf.Scalar;
  });
}

/**
 * Rescales all gradients by `maxNorm / max(globalNorm, maxNorm)` (TensorFlow's
 * `clip_by_global_norm`). Returns new tensors and the norm before clipping; the caller disposes
 * them and the inputs.
 *
 * @example
 * ```ts
 * const { gradients, norm } = clipByGlobalNorm(grads, 1.0);
 * ```
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], maxNorm: number): { gradients: tf.Tensor[]; norm: tf.Scalar } {
  checkNumber('clipByGlobalNorm', 'maxNorm', maxNorm, { min: 0, exclusiveMin: true });
  const norm = globalNorm(gradients);
  const clipped = tf.tidy(() => {
    const scale = tf.div(tf.scalar(maxNorm), tf.maximum(norm, tf.scalar(maxNorm)));
    return gradients.map((g) => tf.mul(g, scale));
  });
  return { gradients: clipped, norm };
}

/**
 * Rescales one gradient to L2 norm at most `maxNorm` (Keras' per-variable `clipnorm`).
 *
 * @example
 * ```ts
 * const g2 = clipByNorm(g, 5);
 * ```
 */
export function clipByNorm(gradient: tf.Tensor, maxNorm: number): tf.Tensor {
  checkNumber('clipByNorm', 'maxNorm', maxNorm, { min: 0, exclusiveMin: true });
  return tf.tidy(() => {
    const n = tf.sqrt(tf.sum(tf.square(gradient)));
    return tf.mul(gradient, tf.div(tf.scalar(maxNorm), tf.maximum(n, tf.scalar(maxNorm))));
  });
}

/**
 * Clamps every element of each gradient to `[-limit, limit]`. Returns new tensors.
 *
 * @example
 * ```ts
 * const clipped = clipByValue(grads, 0.5);
 * ```
 */
export function clipByValue(gradients: readonly tf.Tensor[], limit: number): tf.Tensor[] {
  checkNumber('clipByValue', 'limit', limit, { min: 0, exclusiveMin: true });
  return gradients.map((g) => tf.clipByValue(g, -limit, limit));
}
