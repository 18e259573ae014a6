/**
 * The streaming-metric contract, matched structurally by `@tessera/metrics` (`Accuracy`,
 * `F1Score`, `RocAuc`, ...): the trainer feeds each batch with `update(yTrue, yPred)` in
 * scikit-learn's order and reads `compute()` at the end of the epoch.
 */
import type { tf } from '@tessera/backend';
import { fail, show } from './internal/errors.js';

/**
 * What the trainer needs from a metric. `update` receives the batch's targets and the model's
 * output after the loss's output activation (softmax probabilities for softmax cross-entropy,
 * sigmoid probabilities for binary cross-entropy from logits, raw values for regression losses).
 *
 * @example
 * ```ts
 * import { Accuracy } from '@tessera/metrics';
 * const m: Metric = new Accuracy();
 * ```
 */
export interface Metric {
  readonly name: string;
  /** Whether larger is better (early stopping and checkpoints pick the direction from it). */
  readonly higherIsBetter: boolean;
  /** Adds one batch. Tensors are read, never kept or disposed. */
  update(yTrue: tf.Tensor, yPred: tf.Tensor): void;
  /** The value over all batches since `reset`; the trainer logs it when it is a number. */
  compute(): unknown;
  reset(): void;
}

/** Validates a metric list; names must be unique and not clash with `loss`. */
export function checkMetrics(fn: string, metrics: unknown): Metric[] {
  if (metrics === undefined) return [];
  if (!Array.isArray(metrics)) fail(fn, 'options.metrics', 'be an array of metrics', show(metrics));
  const seen = new Set<string>(['loss']);
  metrics.forEach((m: unknown, i) => {
    const mm = m as Partial<Metric> | null;
    if (
      typeof mm !== 'object' ||
      mm === null ||
      typeof mm.name !== 'string' ||
      typeof mm.update !== 'function' ||
      typeof mm.compute !== 'function' ||
      typeof mm.reset !== 'function'
    ) {
      fail(fn, `options.metrics[${i}]`, 'be a metric { name, higherIsBetter, update, compute, reset }', show(m));
    }
    if (seen.has(mm.name)) fail(fn, `options.metrics[${i}].name`, 'be unique and not "loss"', show(mm.name));
    seen.add(mm.name);
  });
  return metrics as Metric[];
}
