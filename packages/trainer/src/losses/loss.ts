/** The loss contract and the shape checks shared by the losses. */
import type { tf } from '@tessera/backend';
import { fail, show } from '../internal/errors.js';

/**
 * What a loss may look at besides targets and predictions (distillation runs the teacher on `x`).
 *
 * @example
 * ```ts
 * loss.compute(yTrue, yPred, { x: batchXs });
 * ```
 */
export interface LossContext {
  x: tf.Tensor | tf.Tensor[];
}

/**
 * A training loss. `compute` returns the batch's mean loss as a scalar (it runs inside the
 * gradient tape, so it must be built from tf ops). `outputActivation` says how to turn the
 * model's output into what metrics and `predict({ activation: true })` expect.
 *
 * @example
 * ```ts
 * const l1: Loss = {
 *   name: 'mae', outputActivation: 'identity',
 *   compute: (y, p) => tf.mean(tf.abs(tf.sub(y, p))) as tf.Scalar,
 * };
 * ```
 */
export interface Loss {
  readonly name: string;
  readonly outputActivation: 'softmax' | 'sigmoid' | 'identity';
  compute(yTrue: tf.Tensor, yPred: tf.Tensor, context?: LossContext): tf.Scalar;
}

/** Checks tensors and returns yTrue reshaped to yPred's shape where only a trailing 1 differs. */
export function matchShapes(fn: string, yTrue: tf.Tensor, yPred: tf.Tensor, reshape: (t: tf.Tensor, s: number[]) => tf.Tensor): tf.Tensor {
  checkTensor(fn, 'yTrue', yTrue);
  checkTensor(fn, 'yPred', yPred);
  const a = yTrue.shape;
  const b = yPred.shape;
  if (a.length === b.length && a.every((d, i) => d === b[i])) return yTrue;
  const squeezeEq = (x: number[], y: number[]): boolean =>
    x.length === y.length + 1 && x[x.length - 1] === 1 && y.every((d, i) => d === x[i]);
  if (squeezeEq(b, a) || squeezeEq(a, b)) return reshape(yTrue, b);
  return fail(fn, 'yTrue', `have the shape of yPred [${b.join(', ')}]`, `[${a.join(', ')}]`);
}

/** Throws unless `t` is a live numeric tensor. */
export function checkTensor(fn: string, arg: string, t: unknown): void {
  const tt = t as tf.Tensor | null;
  if (typeof tt !== 'object' || tt === null || !Array.isArray(tt.shape) || typeof tt.dataSync !== 'function') {
    fail(fn, arg, 'be a tensor', show(t));
  }
  if (tt.isDisposed) fail(fn, arg, 'be a live tensor', 'a disposed tensor');
}
