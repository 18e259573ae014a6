/**
 * The `Model` interface shared with @tessera/trainer (which matches it structurally), and the
 * plain-JSON config that `fromConfig` turns back into a model.
 */
import type { tf } from '@tessera/backend';
import type { LayerJson } from './layers/layer.js';

/** A weight with its stable name, e.g. `{ name: 'conv2d_1/kernel', tensor }`. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Options of {@link Model.apply}. */
export interface ModelApplyOptions {
  /** Training mode: dropout active, batch normalization uses and updates batch statistics. Default false. */
  training?: boolean;
  /** For sequence models: `[batch, time]`, 1 for real steps and 0 for padding (added to any mask the model makes itself). */
  mask?: tf.Tensor;
}

/**
 * A trainable model: what the zoo functions return and what @tessera/trainer trains.
 *
 * @example
 * ```ts
 * const model: Model = mlp({ inputSize: 4, hidden: [8], numClasses: 3, seed: 1 });
 * const opt = tf.train.adam(0.01);
 * opt.minimize(() => tf.losses.softmaxCrossEntropy(yOneHot, model.apply(x, { training: true })),
 *   false, model.trainableVariables);
 * ```
 */
export interface Model {
  /** The model's name (e.g. `'cnn'`). */
  readonly name: string;
  /**
   * Forward pass; returns a new tensor (logits for classifiers). Disposes its temporaries.
   * Throws an error naming the layer, the expected and the received shape on a wrong input.
   */
  apply(x: tf.Tensor | tf.Tensor[], options?: ModelApplyOptions): tf.Tensor;
  /** Variables an optimizer updates, in weight order. */
  readonly trainableVariables: tf.Variable[];
  /** Variables updated otherwise (BatchNormalization's moving statistics) or frozen. */
  readonly nonTrainableVariables: tf.Variable[];
  /**
   * All weights in order (layer order, kernel before bias), with stable unique names like
   * `conv2d_1/kernel`. The tensors are new (cheap clones sharing memory): dispose them.
   */
  getWeights(): NamedTensor[];
  /**
   * Replaces all weights, from named tensors (any order, matched by name) or plain tensors (in
   * `getWeights()` order). Checks names, shapes and dtypes first and lists every mismatch.
   * Copies nothing the caller must keep: the tensors may be disposed afterwards.
   */
  setWeights(weights: NamedTensor[] | tf.Tensor[]): void;
  /** Number of scalars in all weights (trainable and not), as Keras' `count_params`. */
  countParams(): number;
  /** A Keras-like table: layer (type), output shape, parameters; then totals. */
  summary(): string;
  /** Plain JSON that `fromConfig` turns back into an equal model (same weights, from the seeds). */
  toConfig(): ModelConfig;
  /** Frees every weight. */
  dispose(): void;
}

/** The serialised form of a model: JSON, stored beside the weights file. */
export interface ModelConfig {
  format: 'tessera-model';
  version: 1;
  className: 'Sequential';
  name: string;
  /** Per-sample input shape (no batch axis), `null` where any size is accepted. */
  inputShape: (number | null)[];
  inputDtype: 'float32' | 'int32';
  layers: LayerJson[];
}
