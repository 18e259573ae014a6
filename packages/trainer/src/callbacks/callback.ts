/**
 * The callback contract, shaped like Keras' and tfjs-layers' callbacks so that other packages
 * (lineage, compress) implement it structurally without importing the trainer.
 */
import type { Logs } from '../logs.js';
import type { TrainableModel, NamedTensor } from '../model.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { History } from '../history.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { Metric } from '../metric.js';

/**
 * What a callback can see and do during `fit` (given once through `setTrainer`).
 *
 * @example
 * ```ts
 * const cb: Callback = {
 *   setTrainer(t) { this.t = t; },
 *   onEpochEnd(epoch, logs) { if (logs!.loss < 0.01) this.t.stop('loss below 0.01'); },
 * };
 * ```
 */
export interface TrainerHandle {
  readonly model: TrainableModel;
  readonly optimizer: Optimizer;
  readonly metrics: readonly Metric[];
  readonly history: History;
  /** The current epoch (0-based). */
  readonly epoch: number;
  /** Optimizer steps taken. */
  readonly globalStep: number;
  /** Planned epochs. */
  readonly epochs: number;
  /** Batches per epoch when known (tensor data, or after the first epoch of a dataset). */
  readonly stepsPerEpoch: number | null;
  /** Ends training after the current batch (the epoch is finished with what ran). */
  stop(reason: string): void;
  /** A full snapshot (weights, optimizer, schedule, RNG, history, callback states); dispose with `disposeCheckpoint`. */
  checkpoint(): Checkpoint;
  /** Whether larger is better for a log name (from metrics' `higherIsBetter`; loss-like names are min). */
  higherIsBetter(name: string): boolean;
}

/**
 * A state a callback saves into checkpoints (JSON plus optional tensors), for exact resume.
 *
 * @example
 * ```ts
 * const s: CallbackState = { json: { best: 0.3, wait: 1 }, tensors: [] };
 * ```
 */
export interface CallbackState {
  json: unknown;
  tensors?: NamedTensor[];
}

/**
 * A training callback. Every hook is optional and may be async; `epoch` and `batch` are 0-based.
 *
 * @example
 * ```ts
 * const printer: Callback = { onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) };
 * await fit(model, data, { ..., callbacks: [printer] });
 * ```
 */
export interface Callback {
  /** Run this callback's hooks after the others' (ModelCheckpoint sets it so snapshots include their state). */
  readonly runsLast?: boolean;
  /** Receives the model before training (lineage hashes its weights at the end). */
  setModel?(model: TrainableModel): void;
  setTrainer?(trainer: TrainerHandle): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  /** Called once when `fit` fails (an error or an abort), before the error is rethrown. */
  fail?(error: unknown): void | Promise<void>;
  /** State saved in checkpoints; restored with `setState` when resuming. */
  getState?(): CallbackState;
  setState?(state: CallbackState): void;
}

/**
 * A callback from plain functions (Keras' LambdaCallback).
 *
 * @example
 * ```ts
 * const cb = lambdaCallback({ onEpochEnd: (e, logs) => console.log(e, logs) });
 * ```
 */
export function lambdaCallback(hooks: Callback): Callback {
  if (typeof hooks !== 'object' || hooks === null) throw new Error(`lambdaCallback: hooks must be an object of functions; got ${String(hooks)}`);
  for (const [k, v] of Object.entries(hooks)) {
    if (typeof v !== 'function') throw new Error(`lambdaCallback: hooks.${k} must be a function; got ${typeof v}`);
  }
  return { ...hooks };
}
