/** Binary (and multi-label) cross-entropy, from logits by default. */
import { tf } from '@tessera/backend';
import { checkNumber } from '../internal/errors.js';
import { matchShapes, type Loss } from './loss.js';

/**
 * Options for {@link binaryCrossEntropy}.
 *
 * @example
 * ```ts
 * binaryCrossEntropy({ fromLogits: true, labelSmoothing: 0.05, positiveWeight: 3 });
 * ```
 */
export interface BinaryCrossEntropyOptions {
  /** `yPred` holds logits (default true) rather than probabilities. */
  fromLogits?: boolean;
  /** `y (1 - s) + 0.5 s`, as Keras. Default 0. */
  labelSmoothing?: number;
  /** Weight of the positive term (PyTorch's `pos_weight`), for imbalanced data. Default 1. */
  positiveWeight?: number;
}

/**
 * Mean binary cross-entropy over all elements. From logits it uses the stable form
 * `max(x, 0) - x y + log(1 + exp(-|x|))` (with `positiveWeight`, PyTorch's weighted form).
 * `yTrue` may be `[n]` when `yPred` is `[n, 1]`.
 *
 * @example
 * ```ts
 * const l = binaryCrossEntropy().compute(tf.tensor1d([0, 1]), tf.tensor2d([[-2], [3]]));
 * ```
 */
export function binaryCrossEntropy(options: BinaryCrossEntropyOptions = {}): Loss {
  const fn = 'binaryCrossEntropy';
  const fromLogits = options.fromLogits ?? true;
  const ls = checkNumber(fn, 'options.labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 });
  const pw = checkNumber(fn, 'options.positiveWeight', options.positiveWeight ?? 1, { min: 0 });
  return {
    name: 'binaryCrossEntropy',
    outputActivation: fromLogits ? 'sigmoid' : 'identity',
    compute(yTrueIn: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
      return tf.tidy(() => {
        let y = tf.cast(matchShapes('binaryCrossEntropy.compute', yTrueIn, yPred, tf.reshape), 'float32');
        if (ls > 0) y = tf.add(tf.mul(y, 1 - ls), 0.5 * ls);
        if (fromLogits) {
          // log(1 + exp(-x)) = softplus(-x); the positive term gets pw (PyTorch's pos_weight form).
          const x = yPred;
          const logSigNeg = tf.softplus(tf.neg(x)); // -log(sigmoid(x))
          const logOneMinus = tf.softplus(x); // -log(1 - sigmoid(x))
          const l = tf.add(tf.mul(tf.mul(y, pw), logSigNeg), tf.mul(tf.sub(1, y), logOneMinus));
          return tf.mean(l) as tf.Scalar;
        }
        const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
        const l = tf.neg(tf.add(tf.mul(tf.mul(y, pw), tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
        return tf.mean(l) as tf.Scalar;
      });
    },
  };
}
