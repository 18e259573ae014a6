/**
 * Early stopping with `restoreBestWeights` that really restores: the best epoch's weights are
 * kept as tensors and put back at the end of training (tfjs-layers' earlyStopping throws when
 * asked to restore).
 */
import { tf } from '@tessera/backend';
import type { Logs } from '../logs.js';
import type { NamedTensor } from '../model.js';
import { checkNumber, fail, show } from '../internal/errors.js';
import type { Callback, CallbackState, TrainerHandle } from './callback.js';
import { checkMode, improves, readMonitor, resolveMode, type MonitorMode } from './monitor.js';

/**
 * Options for {@link EarlyStopping} (Keras' names).
 *
 * @example
 * ```ts
 * new EarlyStopping({ monitor: 'val_accuracy', patience: 3, restoreBestWeights: true });
 * ```
 */
export interface EarlyStoppingOptions {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** Default `'auto'` (the metric's `higherIsBetter`; loss-like names are minimised). */
  mode?: MonitorMode;
  /** A value the monitor must beat before any epoch counts as an improvement. */
  baseline?: number;
  /** Put the best epoch's weights back when training ends (stopped early or not). Default false. */
  restoreBestWeights?: boolean;
  /** Ignore epochs before this one (warm-up). Default 0. */
  startFromEpoch?: number;
}

/**
 * Stops training when `monitor` has not improved for `patience` epochs; with
 * `restoreBestWeights`, the model ends with the weights of its best epoch.
 *
 * @example
 * ```ts
 * const es = new EarlyStopping({ patience: 2, restoreBestWeights: true });
 * await fit(model, data, { ..., validationData, callbacks: [es] });
 * es.bestEpoch; // the epoch whose weights the model now has
 * ```
 */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Best monitored value so far. */
  best = NaN;
  /** Epoch of the best value (-1 before any). */
  bestEpoch = -1;
  /** Epoch at which training was stopped (-1 if it was not). */
  stoppedEpoch = -1;
  /** Epoch whose weights were restored at the end (-1 if none). */
  restoredEpoch = -1;
  private wait = 0;
  private lastEpoch = -1;
  private bestWeights: NamedTensor[] | null = null;
  private trainer: TrainerHandle | null = null;
  private restored = false;

  constructor(options: EarlyStoppingOptions = {}) {
    const fn = 'EarlyStopping';
    if (typeof options !== 'object' || options === null) fail(fn, 'options', 'be an object', show(options));
    this.monitor = options.monitor ?? 'val_loss';
    if (typeof this.monitor !== 'string' || this.monitor === '') fail(fn, 'options.monitor', 'be a log name', show(this.monitor));
    this.minDelta = Math.abs(checkNumber(fn, 'options.minDelta', options.minDelta ?? 0));
    this.patience = checkNumber(fn, 'options.patience', options.patience ?? 0, { min: 0, integer: true });
    this.mode = checkMode(fn, options.mode ?? 'auto');
    this.baseline = options.baseline === undefined ? undefined : checkNumber(fn, 'options.baseline', options.baseline);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = checkNumber(fn, 'options.startFromEpoch', options.startFromEpoch ?? 0, { min: 0, integer: true });
  }

  setTrainer(trainer: TrainerHandle): void {
    this.trainer = trainer;
  }

  onTrainBegin(): void {
    if (this.restored) {
      this.restored = false;
      return;
    }
    this.reset();
  }

  private reset(): void {
    const mode = resolveMode(this.mode, this.monitor, this.trainer);
    this.best = this.baseline ?? (mode === 'min' ? Infinity : -Infinity);
    this.bestEpoch = -1;
    this.stoppedEpoch = -1;
    this.restoredEpoch = -1;
    this.wait = 0;
    this.lastEpoch = -1;
    this.disposeBest();
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    this.lastEpoch = epoch;
    if (epoch < this.startFromEpoch) return;
    const current = readMonitor('EarlyStopping', this.monitor, logs);
    const mode = resolveMode(this.mode, this.monitor, this.trainer);
    if (improves(mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) {
        this.disposeBest();
        this.bestWeights = this.requireTrainer().model.getWeights();
      }
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      // Epochs are counted from 1 here, as the progress bar and the logs print them.
      const best = this.bestEpoch >= 0 ? `best ${this.best.toPrecision(4)} at epoch ${this.bestEpoch + 1}` : 'never improved';
      this.requireTrainer().stop(`early stopping: ${this.monitor} did not improve for ${this.wait} epoch(s) (${best})`);
    }
  }

  onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights && this.bestEpoch !== this.lastEpoch) {
      this.requireTrainer().model.setWeights(this.bestWeights);
      this.restoredEpoch = this.bestEpoch;
    }
    this.disposeBest();
  }

  fail(): void {
    this.disposeBest();
  }

  getState(): CallbackState {
    return {
      json: { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait, lastEpoch: this.lastEpoch, stoppedEpoch: this.stoppedEpoch },
      tensors: this.bestWeights ? this.bestWeights.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) })) : [],
    };
  }

  setState(state: CallbackState): void {
    const j = state.json as Record<string, number>;
    this.best = j.best as number;
    this.bestEpoch = j.bestEpoch as number;
    this.wait = j.wait as number;
    this.lastEpoch = j.lastEpoch as number;
    this.stoppedEpoch = j.stoppedEpoch as number;
    this.disposeBest();
    this.bestWeights = state.tensors && state.tensors.length ? state.tensors.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) })) : null;
    this.restored = true;
  }

  private requireTrainer(): TrainerHandle {
    if (!this.trainer) throw new Error('EarlyStopping: used outside fit (no trainer was set)');
    return this.trainer;
  }

  private disposeBest(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights.map((w) => w.tensor));
    this.bestWeights = null;
  }
}
