/** Huber loss: quadratic near zero, linear in the tails. */
import { tf } from '@tessera/backend';
import { checkNumber } from '../internal/errors.js';
import { matchShapes, type Loss } from './loss.js';

/**
 * Options for {@link huber}.
 *
 * @example
 * ```ts
 * huber({ delta: 0.5 });
 * ```
 */
export interface HuberOptions {
  /** Where the loss turns linear. Default 1. */
  delta?: number;
}

/**
 * Mean of `0.5 e^2` for `|e| <= delta`, else `delta (|e| - 0.5 delta)`, with `e = yTrue - yPred`.
 *
 * @example
 * ```ts
 * huber().compute(tf.tensor1d([0, 0]), tf.tensor1d([0.5, 3])); // (0.125 + 2.5) / 2
 * ```
 */
export function huber(options: HuberOptions = {}): Loss {
  const delta = checkNumber('huber', 'options.delta', options.delta ?? 1, { min: 0, exclusiveMin: true });
  return {
    name: 'huber',
    outputActivation: 'identity',
    compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
      return tf.tidy(() => {
        const y = tf.cast(matchShapes('huber.compute', yTrue, yPred, tf.reshape), 'float32');
        const a = tf.abs(tf.sub(y, yPred));
        const quad = tf.minimum(a, delta);
        // 0.5 q^2 + delta (a - q) equals both branches (q = min(a, delta)).
        return tf.mean(tf.add(tf.mul(tf.square(quad), 0.5), tf.mul(tf.sub(a, quad), delta))) as tf.Scalar;
      });
    },
  };
}
