/**
 * Training one classifier with `@tessera/trainer`: Adam, early stopping on the validation loss
 * (best weights restored), the lineage callback, a progress bar, and optionally DP-SGD with a
 * noise level chosen so that the planned epochs stay within the privacy budget.
 */
import { Rng, tf } from '@tessera/backend';
import { trainerCallback, type ArtifactNode, type DatasetNode, type Lineage } from '@tessera/lineage';
import { Accuracy } from '@tessera/metrics';
import type { Sequential } from '@tessera/models';
import { Adam, EarlyStopping, computeDpSgdPrivacy, fit, lambdaCallback, softmaxCrossEntropy, type Batch, type Callback, type History } from '@tessera/trainer';
import { ProgressBar } from '@tessera/trainer/node';
import { architecture, buildModel } from './models.js';
import type { ModelKind, SpamOptions } from './options.js';
import type { EncodedPart } from './tokenize.js';

/** DP-SGD settings of one training run. */
export interface DpSettings {
  epsilon: number;
  delta: number;
  l2NormClip: number;
  noiseMultiplier: number;
  microbatchSize: number;
}

/** What training one classifier produced. */
export interface TrainedModel {
  kind: ModelKind;
  /** `lstm`, `transformer`, `lstm-dp` ... */
  name: string;
  model: Sequential;
  history: History;
  artifact: ArtifactNode;
  seconds: number;
  dp: (DpSettings & { spentEpsilon: number }) | null;
}

/**
 * The smallest noise multiplier (to 0.01) whose epsilon after `epochs` epochs of DP-SGD stays
 * at or below `epsilon`, by bisection over TF Privacy's accounting.
 *
 * @throws Error when even very large noise cannot meet the budget (too many steps for too little data)
 * @example
 * ```ts
 * noiseForBudget({ n: 4200, batchSize: 32, epochs: 4, epsilon: 8, delta: 1e-5 }); // about 0.8
 * ```
 */
export function noiseForBudget(o: { n: number; batchSize: number; epochs: number; epsilon: number; delta: number }): number {
  const eps = (sigma: number) => computeDpSgdPrivacy({ n: o.n, batchSize: Math.min(o.batchSize, o.n), noiseMultiplier: sigma, epochs: o.epochs, delta: o.delta }).epsilon;
  let lo = 0.3;
  let hi = 50;
  if (eps(hi) > o.epsilon) throw new Error(`--epsilon ${o.epsilon} cannot be met for ${o.epochs} epochs on ${o.n} messages even with noise multiplier ${hi}; raise --epsilon or lower --epochs`);
  if (eps(lo) <= o.epsilon) return lo;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (eps(mid) <= o.epsilon) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi * 100) / 100;
}

/**
 * Shuffled full batches of `data` for DP-SGD: the trainer requires the microbatch size to divide
 * every batch, and a last partial batch (say 18 of 32 with microbatches of 4) would not, so it
 * is left out; each epoch still draws a fresh seeded order, so every message is used.
 */
function fullBatches(data: EncodedPart, batchSize: number, seed: number): (epoch: number) => Iterable<Batch> {
  const n = data.x.shape[0];
  return (epoch: number) => ({
    *[Symbol.iterator]() {
      const order = new Rng(seed * 1000 + epoch).permutation(n);
      for (let start = 0; start + batchSize <= n; start += batchSize) {
        const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
        const batch = tf.tidy(() => ({ xs: tf.gather(data.x, idx), ys: tf.gather(data.y, idx) }));
        idx.dispose();
        yield batch;
      }
    },
  });
}

function epochLines(out: NodeJS.WritableStream, label: string, epochs: number): Callback {
  let started = Date.now();
  return lambdaCallback({
    onEpochBegin: () => {
      started = Date.now();
    },
    onEpochEnd: (epoch, logs) => {
      const parts = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epsilon']
        .filter((k) => typeof logs?.[k] === 'number')
        .map((k) => `${k} ${(logs![k] as number).toFixed(4)}`);
      out.write(`${label} epoch ${epoch + 1}/${epochs}: ${parts.join('  ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  });
}

/**
 * Trains one classifier and records the training run and the model in lineage.
 *
 * @example
 * ```ts
 * const lstm = await trainClassifier('lstm', options, { train, val, vocabSize, lineage, inputs: [trainSet, valSet, tokenizerNode], backend: 'wasm', dp: null, out: process.stdout });
 * ```
 */
export async function trainClassifier(
  kind: ModelKind,
  options: SpamOptions,
  ctx: {
    train: EncodedPart;
    val: EncodedPart;
    vocabSize: number;
    lineage: Lineage;
    inputs: readonly (DatasetNode | ArtifactNode)[];
    backend: string;
    dp: DpSettings | null;
    out: NodeJS.WritableStream & { isTTY?: boolean };
  },
): Promise<TrainedModel> {
  const name = ctx.dp ? `${kind}-dp` : kind;
  const model = buildModel(kind, ctx.vocabSize, options.maxLen, options.seed, `spam-${name}`);
  const learningRate = ctx.dp ? options.dpLearningRate : options.learningRate;
  const optimizer = new Adam({ learningRate });
  const early = new EarlyStopping({ monitor: 'val_loss', patience: options.patience, restoreBestWeights: true });
  const hashed: tf.Tensor[] = [];
  const lineageCb = trainerCallback(ctx.lineage, {
    inputs: ctx.inputs,
    operation: `train-${name}`,
    config: {
      ...architecture(kind, ctx.vocabSize, options.maxLen),
      params: model.countParams(),
      optimizer: 'adam',
      learningRate,
      batchSize: options.batchSize,
      ...(ctx.dp ? {} : { gradientClipNorm: 1 }),
      maxEpochs: options.epochs,
      patience: options.patience,
      ...(ctx.dp ? { dpSgd: { ...ctx.dp } } : {}),
    },
    seed: options.seed,
    backend: ctx.backend,
    model: {
      name: `spam-${name}`,
      format: 'safetensors',
      weights: () => {
        const w = model.getWeights();
        hashed.push(...w.map((n) => n.tensor));
        return w;
      },
    },
  });
  const label = name.padEnd(14);
  const callbacks: Callback[] = [
    early,
    lineageCb,
    ...(options.quiet ? [] : ctx.out.isTTY ? [new ProgressBar({ stream: ctx.out })] : [epochLines(ctx.out, label, options.epochs)]),
  ];
  if (!options.quiet && ctx.out.isTTY) ctx.out.write(`${name}:\n`);
  const started = Date.now();
  try {
    const n = ctx.train.x.shape[0];
    if (ctx.dp && n < options.batchSize) throw new Error(`--dp needs at least --batch-size (${options.batchSize}) training messages, got ${n}; use more messages (--limit)`);
    const data = ctx.dp ? fullBatches(ctx.train, options.batchSize, options.seed) : { x: ctx.train.x, y: ctx.train.y };
    const history = await fit(model, data, {
      epochs: options.epochs,
      optimizer,
      loss: softmaxCrossEntropy(),
      batchSize: options.batchSize,
      seed: options.seed,
      metrics: [new Accuracy()],
      validationData: { x: ctx.val.x, y: ctx.val.y },
      callbacks,
      keepStepLogs: false,
      // Recurrent nets have occasional gradient spikes that undo an epoch's progress; clipping the
      // global norm keeps training steady. DP-SGD clips per microbatch instead (the trainer refuses both).
      ...(ctx.dp ? {} : { gradientClip: { algorithm: 'norm' as const, value: 1 } }),
      ...(ctx.dp
        ? {
            privacy: {
              l2NormClip: ctx.dp.l2NormClip,
              noiseMultiplier: ctx.dp.noiseMultiplier,
              microbatchSize: ctx.dp.microbatchSize,
              delta: ctx.dp.delta,
              targetEpsilon: ctx.dp.epsilon,
              datasetSize: n,
            },
          }
        : {}),
    });
    const artifact = lineageCb.artifact;
    if (!artifact) throw new Error(`trainClassifier: the lineage callback recorded no artifact for ${name}`);
    const spent = history.epochs.at(-1)?.epsilon;
    return {
      kind,
      name,
      model,
      history,
      artifact,
      seconds: (Date.now() - started) / 1000,
      dp: ctx.dp ? { ...ctx.dp, spentEpsilon: typeof spent === 'number' ? spent : NaN } : null,
    };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(hashed);
    optimizer.dispose();
  }
}
