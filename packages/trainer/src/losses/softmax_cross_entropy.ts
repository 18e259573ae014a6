/** Softmax cross-entropy for multi-class classification, from sparse labels or one-hot rows. */
import { tf } from '@tessera/backend';
import { checkNumber, fail, show } from '../internal/errors.js';
import { checkTensor, type Loss } from './loss.js';

/**
 * Options for {@link softmaxCrossEntropy}.
 *
 * @example
 * ```ts
 * softmaxCrossEntropy({ labelSmoothing: 0.1, classWeights: [1, 5] });
 * ```
 */
export interface SoftmaxCrossEntropyOptions {
  /** Mix the target with the uniform distribution: `y (1 - s) + s / k`. Default 0. */
  labelSmoothing?: number;
  /** One weight per class; the loss is `sum(w_i l_i) / sum(w_i)` with `w_i` the weight of sample i's class (PyTorch's weighted mean). */
  classWeights?: readonly number[];
  /** `yPred` holds logits (default true) rather than probabilities. */
  fromLogits?: boolean;
}

/**
 * Softmax cross-entropy. `yTrue` is either integer labels of shape `[n]` (sparse) or rows of
 * shape `[n, k]` (one-hot or soft targets); `yPred` is `[n, k]` logits (or probabilities with
 * `fromLogits: false`). Sparse labels are checked to lie in `[0, k)`.
 *
 * @example
 * ```ts
 * const loss = softmaxCrossEntropy();
 * const l = loss.compute(tf.tensor1d([2, 0], 'int32'), logits); // scalar
 * ```
 */
export function softmaxCrossEntropy(options: SoftmaxCrossEntropyOptions = {}): Loss {
  const fn = 'softmaxCrossEntropy';
  const ls = checkNumber(fn, 'options.labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 });
  const fromLogits = options.fromLogits ?? true;
  const cw = options.classWeights;
  if (cw !== undefined) {
    if (!Array.isArray(cw) || cw.length === 0) fail(fn, 'options.classWeights', 'be a non-empty array of weights', show(cw));
    cw.forEach((w, i) => checkNumber(fn, `options.classWeights[${i}]`, w, { min: 0 }));
  }
  return {
    name: 'softmaxCrossEntropy',
    outputActivation: 'softmax',
    compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
      const f = 'softmaxCrossEntropy.compute';
      checkTensor(f, 'yTrue', yTrue);
      checkTensor(f, 'yPred', yPred);
      if (yPred.rank !== 2) fail(f, 'yPred', 'be [n, numClasses] logits', `shape [${yPred.shape.join(', ')}]`);
      const [n, k] = yPred.shape as [number, number];
      if (cw && cw.length !== k) fail(f, 'options.classWeights', `have ${k} entries (one per class)`, `${cw.length}`);
      return tf.tidy(() => {
        let target: tf.Tensor;
        if (yTrue.rank === 1 || (yTrue.rank === 2 && yTrue.shape[1] === 1 && k > 1)) {
          if (yTrue.shape[0] !== n) fail(f, 'yTrue', `have ${n} labels (one per row of yPred)`, `${yTrue.shape[0]}`);
          const labels = yTrue.dataSync();
          for (let i = 0; i < labels.length; i++) {
            const v = labels[i] as number;
            if (!Number.isInteger(v) || v < 0 || v >= k) fail(f, `yTrue[${i}]`, `be an integer class label in [0, ${k})`, show(v));
          }
          target = tf.cast(tf.oneHot(tf.cast(tf.reshape(yTrue, [n]), 'int32'), k), 'float32');
        } else if (yTrue.rank === 2 && yTrue.shape[0] === n && yTrue.shape[1] === k) {
          target = tf.cast(yTrue, 'float32');
        } else {
          return fail(f, 'yTrue', `be labels [${n}] or rows [${n}, ${k}]`, `shape [${yTrue.shape.join(', ')}]`);
        }
        const hard = target;
        if (ls > 0) target = tf.add(tf.mul(target, 1 - ls), ls / k);
        const logp = fromLogits ? tf.logSoftmax(yPred) : tf.log(tf.clipByValue(yPred, 1e-7, 1));
        const perExample = tf.neg(tf.sum(tf.mul(target, logp), 1));
        if (!cw) return tf.mean(perExample) as tf.Scalar;
        const w = tf.sum(tf.mul(hard, tf.tensor1d(cw as number[])), 1);
        return tf.div(tf.sum(tf.mul(w, perExample)), tf.sum(w)) as tf.Scalar;
      });
    },
  };
}
