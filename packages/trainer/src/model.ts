/**
 * The model contract the trainer works with. It is structural: `@tessera/models` satisfies it
 * without either package importing the other, and so can any object you write by hand.
 */
import type { tf } from '@tessera/backend';
import { fail, show } from './internal/errors.js';

/**
 * A weight with its stable name.
 *
 * @example
 * ```ts
 * const w: NamedTensor = { name: 'dense_1/kernel', tensor: tf.zeros([4, 2]) };
 * ```
 */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/**
 * Options the trainer passes to {@link Model.apply}.
 *
 * @example
 * ```ts
 * model.apply(x, { training: true });
 * ```
 */
export interface ModelApplyOptions {
  /** Training mode (dropout on, batch statistics used and updated). */
  training?: boolean;
  /** For sequence models: `[batch, time]`, 1 for real steps and 0 for padding. */
  mask?: tf.Tensor;
}

/**
 * The full model interface of `@tessera/models` (matched structurally).
 *
 * @example
 * ```ts
 * const model: Model = cnn({ inputShape: [32, 32, 3], numClasses: 10, seed: 1 }); // from @tessera/models
 * ```
 */
export interface Model {
  readonly name: string;
  /** Forward pass; a new tensor (logits for classifiers). */
  apply(x: tf.Tensor | tf.Tensor[], options?: ModelApplyOptions): tf.Tensor;
  /** Variables an optimizer updates, in a stable order. */
  readonly trainableVariables: tf.Variable[];
  /** Variables updated otherwise (e.g. BatchNorm moving statistics). */
  readonly nonTrainableVariables: tf.Variable[];
  /** All weights, ordered, with stable unique names; new tensors the caller disposes. */
  getWeights(): NamedTensor[];
  /** Replaces all weights (copies; the caller may dispose its tensors afterwards). */
  setWeights(weights: NamedTensor[] | tf.Tensor[]): void;
  dispose(): void;
}

/**
 * The part of {@link Model} the trainer uses: `fit`, `evaluate` and `predict` ask for no more.
 *
 * @example
 * ```ts
 * const tiny: TrainableModel = {
 *   trainableVariables: [w],
 *   apply: (x) => tf.matMul(x as tf.Tensor, w),
 *   getWeights: () => [{ name: 'w', tensor: tf.clone(w) }],
 *   setWeights: (ws) => w.assign('tensor' in ws[0]! ? ws[0].tensor : (ws[0] as tf.Tensor)),
 * };
 * ```
 */
export interface TrainableModel {
  readonly name?: string;
  apply(x: tf.Tensor | tf.Tensor[], options?: ModelApplyOptions): tf.Tensor;
  readonly trainableVariables: readonly tf.Variable[];
  getWeights(): NamedTensor[];
  setWeights(weights: NamedTensor[] | tf.Tensor[]): void;
}

/**
 * The model interface needed by `predict` and `evaluate` (no training).
 *
 * @example
 * ```ts
 * const frozen: InferenceModel = { apply: (x) => tf.softmax(x as tf.Tensor) };
 * await predict(frozen, x);
 * ```
 */
export type InferenceModel = Pick<TrainableModel, 'apply'> & { readonly name?: string };

/** Throws unless `model` has the methods `fn` needs. */
export function checkModel(fn: string, model: unknown, needs: 'inference' | 'training'): void {
  if (typeof model !== 'object' || model === null) fail(fn, 'model', 'be an object with apply()', show(model));
  const m = model as Record<string, unknown>;
  if (typeof m.apply !== 'function') fail(fn, 'model', 'have an apply(x, options) method', show(m.apply));
  if (needs === 'training') {
    if (!Array.isArray(m.trainableVariables)) {
      fail(fn, 'model.trainableVariables', 'be an array of tf.Variable', show(m.trainableVariables));
    }
    if ((m.trainableVariables as unknown[]).length === 0) {
      fail(fn, 'model.trainableVariables', 'hold at least one variable to train', 'an empty array');
    }
    if (typeof m.getWeights !== 'function') fail(fn, 'model.getWeights', 'be a function', show(m.getWeights));
    if (typeof m.setWeights !== 'function') fail(fn, 'model.setWeights', 'be a function', show(m.setWeights));
  }
}
