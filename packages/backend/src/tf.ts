/**
 * The one tfjs-core namespace that every Tessera package uses.
 *
 * tfjs-core ships its gradient functions and chained tensor methods as separate side-effect
 * modules that its Node entry never loads; importing them here (bundled at build time) is
 * what makes `tf.grads`, `tf.variableGrads` and optimizers work in Node.
 *
 * @example
 * ```ts
 * import { tf } from '@tessera/backend';
 * const y = tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 2]), 2)));
 * ```
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
