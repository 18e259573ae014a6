/**
 * Training: the zoo CNN, Adam with a cosine-decayed learning rate, early stopping on the
 * validation loss (best weights restored), a checkpoint after every epoch, the lineage
 * callback, and a progress bar. Resuming loads the last checkpoint and continues exactly.
 */
import { tf } from '@tessera/backend';
import type { Lineage, LineageCallback, DatasetNode } from '@tessera/lineage';
import { trainerCallback } from '@tessera/lineage';
import { Accuracy } from '@tessera/metrics';
import { cnn, type Sequential } from '@tessera/models';
import {
  Adam,
  EarlyStopping,
  ModelCheckpoint,
  cosineDecay,
  disposeCheckpoint,
  fit,
  lambdaCallback,
  loadCheckpoint,
  softmaxCrossEntropy,
  type Callback,
  type History,
} from '@tessera/trainer';
import { JsonlLogger, ProgressBar, fileCheckpointStore } from '@tessera/trainer/node';
import { augmentedBatches, DIGIT_AUGMENTATION } from './augment.js';
import { CLASS_NAMES, IMAGE_SIZE } from './data.js';
import type { MnistOptions } from './options.js';
import type { RunPaths } from './run_dir.js';

/** Tensors of one part of the split. */
export interface SplitTensors {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** What training produced. */
export interface TrainResult {
  model: Sequential;
  history: History;
  /** The lineage callback: its `artifact` is the trained model's node. */
  lineage: LineageCallback;
  /** Epoch (1-based) whose weights the model ended with. */
  bestEpoch: number | null;
  /** The epoch training resumed from, when it did. */
  resumedFrom: number | null;
}

/** Hooks for the caller (the CLI's Ctrl-C handling, tests). */
export interface TrainHooks {
  signal?: AbortSignal;
  /** Called after each epoch's checkpoint is written. */
  onEpochSaved?: (epoch: number) => void;
  /** Where progress goes (default stdout). */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Builds the zoo CNN for 28x28x1 digits from the run's settings. The seed makes the initial
 * weights the same for a fresh and a resumed run (the checkpoint then overwrites them).
 *
 * @example
 * ```ts
 * buildModel({ ...DEFAULTS }).countParams(); // 313,130 for filters 24,48 and dense 128
 * ```
 */
export function buildModel(options: Pick<MnistOptions, 'filters' | 'dense' | 'dropout' | 'seed'>): Sequential {
  return cnn({
    inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
    filters: options.filters,
    dense: options.dense,
    numClasses: CLASS_NAMES.length,
    dropout: options.dropout,
    seed: options.seed,
    name: 'mnist-cnn',
  });
}

/** One plain line per epoch when the progress bar is off (pipes, CI logs). */
function epochLines(out: NodeJS.WritableStream, epochs: number): Callback {
  let started = Date.now();
  return lambdaCallback({
    onEpochBegin: () => {
      started = Date.now();
    },
    onEpochEnd: (epoch, logs) => {
      const show = (k: string) => (typeof logs?.[k] === 'number' ? `${k} ${(logs[k] as number).toFixed(4)}` : null);
      const parts = ['loss', 'accuracy', 'val_loss', 'val_accuracy'].map(show).filter(Boolean);
      out.write(`epoch ${epoch + 1}/${epochs}: ${parts.join('  ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  });
}

/**
 * Trains (or resumes training of) the digits CNN and records the run in the lineage log.
 *
 * @example
 * ```ts
 * const r = await trainModel(options, paths, { x, y }, { x: xv, y: yv }, { lineage, train, val, backend: 'wasm', resume: false });
 * r.history.epochs.length;
 * ```
 */
export async function trainModel(
  options: MnistOptions,
  paths: RunPaths,
  train: SplitTensors,
  val: SplitTensors,
  ctx: { lineage: Lineage; trainSet: DatasetNode; valSet: DatasetNode; backend: string; resume: boolean },
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const out = hooks.out ?? process.stdout;
  const model = buildModel(options);
  const stepsPerEpoch = Math.ceil(train.x.shape[0] / options.batchSize);
  const optimizer = new Adam({
    // Cosine decay over the planned steps: large steps early, fine ones when early stopping is near.
    learningRate: cosineDecay({ initialLearningRate: options.learningRate, decaySteps: options.epochs * stepsPerEpoch, alpha: 0.05 }),
  });
  const store = fileCheckpointStore(paths.checkpoints);
  const checkpoint = ctx.resume ? await loadCheckpoint(store, 'last') : null;
  const resumedFrom = checkpoint ? checkpoint.epoch : null;

  // The weights the lineage callback hashes are clones; keep them to dispose after training.
  const hashed: tf.Tensor[] = [];
  const lineageCb = trainerCallback(ctx.lineage, {
    inputs: [ctx.trainSet, ctx.valSet],
    operation: 'train-cnn',
    config: {
      model: 'cnn',
      filters: options.filters,
      dense: options.dense,
      dropout: options.dropout,
      params: model.countParams(),
      optimizer: 'adam',
      learningRate: options.learningRate,
      schedule: 'cosineDecay',
      batchSize: options.batchSize,
      maxEpochs: options.epochs,
      patience: options.patience,
      augmentation: options.augment ? DIGIT_AUGMENTATION : 'none',
      ...(resumedFrom !== null ? { resumedFromEpoch: resumedFrom } : {}),
    },
    seed: options.seed,
    backend: ctx.backend,
    model: {
      name: 'mnist-cnn',
      format: 'safetensors',
      weights: () => {
        const w = model.getWeights();
        hashed.push(...w.map((n) => n.tensor));
        return w;
      },
    },
  });
  const early = new EarlyStopping({ monitor: 'val_loss', patience: options.patience, restoreBestWeights: true });
  // The order matters: early stopping restores the best weights in onTrainEnd before the lineage
  // callback hashes them, and a checkpoint restores callback state by position.
  const callbacks: Callback[] = [
    early,
    lineageCb,
    new JsonlLogger(paths.history, { append: checkpoint !== null }),
    ...(options.quiet ? [] : out.isTTY ? [new ProgressBar({ stream: out })] : [epochLines(out, options.epochs)]),
    new ModelCheckpoint({ store, monitor: 'val_loss' }),
    // runsLast and after ModelCheckpoint: the hook sees the epoch's checkpoint on disk.
    { runsLast: true, onEpochEnd: (epoch: number) => hooks.onEpochSaved?.(epoch + 1) },
  ];
  const data = augmentedBatches(train.x, train.y, {
    batchSize: options.batchSize,
    seed: options.seed,
    augment: options.augment ? DIGIT_AUGMENTATION : null,
  });
  try {
    const history = await fit(model, data, {
      epochs: options.epochs,
      optimizer,
      loss: softmaxCrossEntropy(),
      batchSize: options.batchSize,
      seed: options.seed,
      metrics: [new Accuracy()],
      validationData: { x: val.x, y: val.y },
      callbacks,
      keepStepLogs: false,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(checkpoint ? { resumeFrom: checkpoint } : {}),
    });
    const best = early.bestEpoch;
    return { model, history, lineage: lineageCb, bestEpoch: typeof best === 'number' && best >= 0 ? best + 1 : null, resumedFrom };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    if (checkpoint) disposeCheckpoint(checkpoint);
    tf.dispose(hashed);
    optimizer.dispose();
  }
}
