/** Batched inference. */
import { tf } from '@tessera/backend';
import { checkModel, type InferenceModel } from './model.js';
import { disposeBatch, isTensorData, openEpoch, type BatchSource } from './data.js';
import { activate } from './internal/activation.js';
import { checkNumber, checkOptions, fail, isTensorLike, show } from './internal/errors.js';

/**
 * Options for {@link predict}.
 *
 * @example
 * ```ts
 * predict(model, x, { batchSize: 256, activation: 'softmax' });
 * ```
 */
export interface PredictOptions {
  /** For tensor input. Default 32. */
  batchSize?: number;
  /** Apply an output activation (e.g. `'softmax'` for probabilities). Default none (logits). */
  activation?: 'softmax' | 'sigmoid' | 'identity';
  /** Dispose batches from an iterable after use. Default true unless the data is an array. */
  disposeBatches?: boolean;
}

/**
 * Runs the model in inference mode over `x` (tensors, batched) or a batch source (its `xs`),
 * and returns all outputs concatenated along axis 0. The caller disposes the result.
 *
 * @example
 * ```ts
 * const probs = await predict(model, xTest, { activation: 'softmax' });
 * const labels = tf.argMax(probs, 1);
 * ```
 */
export async function predict(model: InferenceModel, x: tf.Tensor | tf.Tensor[] | BatchSource, options: PredictOptions = {}): Promise<tf.Tensor> {
  const fn = 'predict';
  checkModel(fn, model, 'inference');
  const o = checkOptions(fn, 'options', options);
  const batchSize = checkNumber(fn, 'options.batchSize', o.batchSize ?? 32, { min: 1, integer: true });
  const act = o.activation ?? 'identity';
  if (!['softmax', 'sigmoid', 'identity'].includes(act)) fail(fn, 'options.activation', "be 'softmax', 'sigmoid' or 'identity'", show(act));
  const tensorInput = isTensorLike(x) || (Array.isArray(x) && x.length > 0 && x.every(isTensorLike));
  let data;
  if (tensorInput) {
    const xs = x as tf.Tensor | tf.Tensor[];
    const first = Array.isArray(xs) ? (xs[0] as tf.Tensor) : xs;
    // A placeholder y lets the tensor path reuse the batching code without copying targets.
    const y = tf.zeros([first.shape[0] as number]);
    data = { x: xs, y };
    try {
      return await collect(fn, model, data, batchSize, act, true);
    } finally {
      y.dispose();
    }
  }
  if (isTensorData(x)) fail(fn, 'x', 'be input tensors or a batch source (not { x, y })', 'tensor data');
  return collect(fn, model, x as BatchSource, batchSize, act, o.disposeBatches);
}

async function collect(
  fn: string,
  model: InferenceModel,
  data: Parameters<typeof openEpoch>[2],
  batchSize: number,
  act: 'softmax' | 'sigmoid' | 'identity',
  disposeBatches: boolean | undefined,
): Promise<tf.Tensor> {
  const outs: tf.Tensor[] = [];
  try {
    const opened = openEpoch(fn, 'x', data, 0, { batchSize, shuffle: false, seed: 0, ...(disposeBatches !== undefined ? { disposeBatches } : {}) });
    for await (const b of opened.batches) {
      try {
        outs.push(tf.tidy(() => activate(act, model.apply(b.xs, b.mask ? { training: false, mask: b.mask } : { training: false }))));
      } finally {
        if (b.owned) disposeBatch(b);
      }
    }
    if (outs.length === 0) fail(fn, 'x', 'produce at least one batch', 'no batches');
    return outs.length === 1 ? (outs.pop() as tf.Tensor) : tf.concat(outs, 0);
  } finally {
    tf.dispose(outs);
  }
}
