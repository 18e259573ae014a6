/** L1/L2 weight penalties added to the training loss. */
import { tf } from '@tessera/backend';
import { checkNumber, fail, show } from '../internal/errors.js';

/**
 * Options for {@link l1l2Penalty} and `fit`'s `regularization`.
 *
 * @example
 * ```ts
 * await fit(model, data, { ..., regularization: { l2: 1e-4 } });
 * ```
 */
export interface Regularization {
  /** Coefficient of `sum |w|`. Default 0. */
  l1?: number;
  /** Coefficient of `sum w^2` (Keras' l2, no 1/2). Default 0. */
  l2?: number;
  /** Which variables are penalised. Default: rank >= 2 (kernels and embeddings, not biases or norms). */
  filter?: (variable: tf.Variable, index: number) => boolean;
}

/**
 * `l1 * sum|w| + l2 * sum w^2` over the selected variables, as a scalar.
 *
 * @example
 * ```ts
 * const penalty = l1l2Penalty(model.trainableVariables, { l2: 1e-4 });
 * ```
 */
export function l1l2Penalty(variables: readonly tf.Variable[], options: Regularization): tf.Scalar {
  const fn = 'l1l2Penalty';
  if (!Array.isArray(variables)) fail(fn, 'variables', 'be an array of tf.Variable', show(variables));
  const l1 = checkNumber(fn, 'options.l1', options?.l1 ?? 0, { min: 0 });
  const l2 = checkNumber(fn, 'options.l2', options?.l2 ?? 0, { min: 0 });
  const filter = options.filter ?? ((v: tf.Variable) => v.rank >= 2);
  if (typeof filter !== 'function') fail(fn, 'options.filter', 'be a function', show(filter));
  return tf.tidy(() => {
    const terms: tf.Tensor[] = [];
    variables.forEach((v, i) => {
      if (!filter(v, i)) return;
      if (l1 > 0) terms.push(tf.mul(tf.sum(tf.abs(v)), l1));
      if (l2 > 0) terms.push(tf.mul(tf.sum(tf.square(v)), l2));
    });
    return (terms.length === 0 ? tf.scalar(0) : tf.addN(terms)) as tf.Scalar;
  });
}
