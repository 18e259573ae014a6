/** Mean squared error. */
import { tf } from '@tessera/backend';
import { matchShapes, type Loss } from './loss.js';

/**
 * Mean of `(yTrue - yPred)^2` over all elements (`yTrue` may be `[n]` for `[n, 1]` predictions).
 *
 * @example
 * ```ts
 * meanSquaredError().compute(tf.tensor1d([1, 2]), tf.tensor1d([1, 4])); // 2
 * ```
 */
export function meanSquaredError(): Loss {
  return {
    name: 'meanSquaredError',
    outputActivation: 'identity',
    compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
      return tf.tidy(() => {
        const y = tf.cast(matchShapes('meanSquaredError.compute', yTrue, yPred, tf.reshape), 'float32');
        return tf.mean(tf.square(tf.sub(y, yPred))) as tf.Scalar;
      });
    },
  };
}
