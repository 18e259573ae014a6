/** Evaluation: the mean loss and metrics of a model over data, in inference mode. */
import { tf } from '@tessera/backend';
import { checkModel, type InferenceModel } from './model.js';
import { checkMetrics, type Metric } from './metric.js';
import type { Logs } from './logs.js';
import { disposeBatch, openEpoch, type TrainData } from './data.js';
import { resolveLoss, type LossName } from './losses/resolve_loss.js';
import type { Loss } from './losses/loss.js';
import { l1l2Penalty, type Regularization } from './losses/regularization.js';
import { activate } from './internal/activation.js';
import { tidyKeep } from './internal/tidy.js';
import { checkNumber, checkOptions, fail, show } from './internal/errors.js';

/**
 * Options for {@link evaluate}.
 *
 * @example
 * ```ts
 * await evaluate(model, { x, y }, { loss: 'softmaxCrossEntropy', metrics: [new Accuracy()] });
 * ```
 */
export interface EvaluateOptions {
  loss: Loss | LossName;
  metrics?: Metric[];
  /** For tensor data. Default 32. */
  batchSize?: number;
  /** Evaluate at most this many batches. */
  limitBatches?: number;
  /** Added to the loss, as in training (Keras reports it in val_loss too). */
  regularization?: Regularization;
  /** For datasets with `iterate({ epoch })`. Default 0. */
  epoch?: number;
  /** Dispose batches from an iterable after use. Default true unless the data is an array. */
  disposeBatches?: boolean;
}

/**
 * The sample-weighted mean loss and each metric over `data`, with `training: false`.
 * Metrics are reset first. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const logs = await evaluate(model, { x: xTest, y: yTest }, { loss: 'softmaxCrossEntropy', metrics: [new Accuracy()] });
 * logs.loss; logs.accuracy;
 * ```
 */
export async function evaluate(model: InferenceModel & { trainableVariables?: readonly tf.Variable[] }, data: TrainData, options: EvaluateOptions): Promise<Logs> {
  const fn = 'evaluate';
  checkModel(fn, model, 'inference');
  const o = checkOptions(fn, 'options', options);
  if (o.loss === undefined) fail(fn, 'options.loss', 'be given', 'undefined');
  const loss = resolveLoss(o.loss, fn, 'options.loss');
  const metrics = checkMetrics(fn, o.metrics);
  const batchSize = checkNumber(fn, 'options.batchSize', o.batchSize ?? 32, { min: 1, integer: true });
  const limit = o.limitBatches === undefined ? Infinity : checkNumber(fn, 'options.limitBatches', o.limitBatches, { min: 1, integer: true });
  return runEvaluation(fn, 'data', model, data, { loss, metrics, batchSize, limit, regularization: o.regularization, epoch: o.epoch ?? 0, disposeBatches: o.disposeBatches });
}

/** The evaluation loop shared with fit's validation. */
export async function runEvaluation(
  fn: string,
  arg: string,
  model: InferenceModel & { trainableVariables?: readonly tf.Variable[] },
  data: TrainData,
  o: { loss: Loss; metrics: Metric[]; batchSize: number; limit: number; regularization: Regularization | undefined; epoch: number; disposeBatches: boolean | undefined; prefix?: string },
): Promise<Logs> {
  for (const m of o.metrics) m.reset();
  const opened = openEpoch(fn, arg, data, o.epoch, { batchSize: o.batchSize, shuffle: false, seed: 0, ...(o.disposeBatches !== undefined ? { disposeBatches: o.disposeBatches } : {}) });
  let total = 0;
  let count = 0;
  let batches = 0;
  const penaltyVars = o.regularization && model.trainableVariables ? model.trainableVariables : null;
  for await (const b of opened.batches) {
    try {
      const [lossValue, act] = tidyKeep(() => {
        const out = model.apply(b.xs, b.mask ? { training: false, mask: b.mask } : { training: false });
        let l = o.loss.compute(b.ys, out, { x: b.xs });
        if (penaltyVars && o.regularization) l = tf.add(l, l1l2Penalty(penaltyVars as tf.Variable[], o.regularization)) as tf.Scalar;
        return [l, o.metrics.length ? activate(o.loss.outputActivation, out) : null] as const;
      });
      try {
        const v = lossValue.dataSync()[0] as number;
        total += v * b.size;
        count += b.size;
        if (act) for (const m of o.metrics) m.update(b.ys, act);
      } finally {
        tf.dispose([lossValue, ...(act ? [act] : [])]);
      }
    } finally {
      if (b.owned) disposeBatch(b);
    }
    if (++batches >= o.limit) break;
  }
  if (count === 0) fail(fn, arg, 'produce at least one batch', 'no batches (an exhausted generator? pass a function of the epoch or a Dataset)');
  const p = o.prefix ?? '';
  return { [`${p}loss`]: total / count, ...metricLogs(fn, o.metrics, p) };
}

/** The metrics' values as logs (a number, or an object's numeric `value`); anything else is an error. */
export function metricLogs(fn: string, metrics: readonly Metric[], prefix = ''): Logs {
  const logs: Logs = {};
  for (const m of metrics) {
    const v = m.compute();
    if (typeof v === 'number') logs[`${prefix}${m.name}`] = v;
    else if (v !== null && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'number') {
      logs[`${prefix}${m.name}`] = (v as { value: number }).value;
    } else {
      fail(fn, `metric '${m.name}'`, 'compute() a number to log (or an object with a numeric value)', show(v));
    }
  }
  return logs;
}
