import { tf } from '@tessera/backend';
import type { Model } from './model.js';

/**
 * Class probabilities: `softmax(model.apply(x))` over the last axis, in inference mode.
 * Returns a new tensor; disposes its temporaries.
 *
 * @example
 * ```ts
 * const probs = predict(model, x); // [batch, numClasses], rows sum to 1
 * const labels = tf.argMax(probs, -1);
 * ```
 */
export function predict(model: Model, x: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (model === null || typeof model !== 'object' || typeof model.apply !== 'function') {
    throw new Error(`predict: model must implement Model (an object with apply()); got ${String(model)}`);
  }
  return tf.tidy(() => tf.softmax(model.apply(x, { training: false }), -1));
}
