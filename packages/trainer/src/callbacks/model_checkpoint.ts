/** Saves full training checkpoints (last and/or best) after epochs, for exact resume. */
import type { Logs } from '../logs.js';
import { encodeCheckpoint, disposeCheckpoint } from '../checkpoint/checkpoint.js';
import { checkName, type CheckpointStore } from '../checkpoint/store.js';
import { checkNumber, fail, show } from '../internal/errors.js';
import type { Callback, CallbackState, TrainerHandle } from './callback.js';
import { checkMode, improves, readMonitor, resolveMode, type MonitorMode } from './monitor.js';

/**
 * Options for {@link ModelCheckpoint}.
 *
 * @example
 * ```ts
 * new ModelCheckpoint({ store, name: 'last', monitor: 'val_accuracy', bestName: 'best' });
 * ```
 */
export interface ModelCheckpointOptions {
  store: CheckpointStore;
  /** Name of the rolling checkpoint; `{epoch}` becomes the 1-based epoch number. Default `'last'`. */
  name?: string;
  /** Write `name` every `everyEpochs` epochs. Default true. */
  saveLast?: boolean;
  /** Also write `bestName` whenever `monitor` improves. */
  monitor?: string;
  mode?: MonitorMode;
  /** Default `'best'`. */
  bestName?: string;
  /** Default 1. */
  everyEpochs?: number;
}

/**
 * Writes a full checkpoint (weights, optimizer state, schedule, epoch, RNG, history, callback
 * states) at the end of epochs. It runs after the other callbacks (`runsLast`), so their state
 * for the epoch is included; the store's write is atomic.
 *
 * @example
 * ```ts
 * const store = fileCheckpointStore('ckpt'); // from '@tessera/trainer/node'
 * await fit(model, data, { ..., callbacks: [new ModelCheckpoint({ store, monitor: 'val_loss' })] });
 * const ckpt = await loadCheckpoint(store, 'last');
 * ```
 */
export class ModelCheckpoint implements Callback {
  readonly runsLast = true;
  readonly store: CheckpointStore;
  readonly name: string;
  readonly saveLast: boolean;
  readonly monitor: string | undefined;
  readonly mode: MonitorMode;
  readonly bestName: string;
  readonly everyEpochs: number;
  /** What was written: checkpoint name and epoch (0-based). */
  readonly saved: { name: string; epoch: number }[] = [];
  best = NaN;
  private trainer: TrainerHandle | null = null;
  private restored = false;

  constructor(options: ModelCheckpointOptions) {
    const fn = 'ModelCheckpoint';
    if (typeof options !== 'object' || options === null) fail(fn, 'options', 'be an object with a store', show(options));
    if (typeof options.store?.write !== 'function') fail(fn, 'options.store', 'be a CheckpointStore', show(options.store));
    this.store = options.store;
    this.name = options.name ?? 'last';
    checkName(fn, this.name.replace('{epoch}', '1'));
    this.saveLast = options.saveLast ?? true;
    this.monitor = options.monitor;
    this.mode = checkMode(fn, options.mode ?? 'auto');
    this.bestName = checkName(fn, options.bestName ?? 'best');
    this.everyEpochs = checkNumber(fn, 'options.everyEpochs', options.everyEpochs ?? 1, { min: 1, integer: true });
    if (!this.saveLast && this.monitor === undefined) fail(fn, 'options', 'save something: saveLast true or a monitor for best', 'saveLast false and no monitor');
  }

  setTrainer(trainer: TrainerHandle): void {
    this.trainer = trainer;
  }

  onTrainBegin(): void {
    if (this.restored) {
      this.restored = false;
      return;
    }
    this.best = this.monitor && resolveMode(this.mode, this.monitor, this.trainer) === 'max' ? -Infinity : Infinity;
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) throw new Error('ModelCheckpoint: used outside fit (no trainer was set)');
    const writeLast = this.saveLast && (epoch + 1) % this.everyEpochs === 0;
    let writeBest = false;
    if (this.monitor !== undefined) {
      const current = readMonitor('ModelCheckpoint', this.monitor, logs);
      if (improves(resolveMode(this.mode, this.monitor, trainer), current, this.best, 0)) {
        this.best = current;
        writeBest = true;
      }
    }
    if (!writeLast && !writeBest) return;
    const ckpt = trainer.checkpoint();
    let bytes: Uint8Array;
    try {
      bytes = encodeCheckpoint(ckpt);
    } finally {
      disposeCheckpoint(ckpt);
    }
    if (writeLast) {
      const name = this.name.replace('{epoch}', String(epoch + 1));
      await this.store.write(name, bytes);
      this.saved.push({ name, epoch });
    }
    if (writeBest) {
      await this.store.write(this.bestName, bytes);
      this.saved.push({ name: this.bestName, epoch });
    }
  }

  getState(): CallbackState {
    return { json: { best: this.best } };
  }

  setState(state: CallbackState): void {
    this.best = (state.json as { best: number }).best;
    this.restored = true;
  }
}
