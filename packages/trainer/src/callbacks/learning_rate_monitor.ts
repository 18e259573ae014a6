/** Records the learning rate as training goes (Lightning's LearningRateMonitor). */
import type { Logs } from '../logs.js';
import { fail, show } from '../internal/errors.js';
import type { Callback } from './callback.js';

/**
 * Options for {@link LearningRateMonitor}.
 *
 * @example
 * ```ts
 * new LearningRateMonitor({ every: 'step', onValue: (v) => console.log(v.lr) });
 * ```
 */
export interface LearningRateMonitorOptions {
  /** Record per optimizer step or per epoch. Default `'epoch'`. */
  every?: 'step' | 'epoch';
  /** Called with each recorded value. */
  onValue?: (value: { epoch: number; step: number | null; lr: number }) => void;
}

/**
 * Collects `{ epoch, step, lr }` records (the rate used by each step, or the rate at the end
 * of each epoch).
 *
 * @example
 * ```ts
 * const lrm = new LearningRateMonitor({ every: 'step' });
 * await fit(model, data, { ..., callbacks: [lrm] });
 * lrm.values.map((v) => v.lr);
 * ```
 */
export class LearningRateMonitor implements Callback {
  readonly every: 'step' | 'epoch';
  readonly values: { epoch: number; step: number | null; lr: number }[] = [];
  private readonly onValue: LearningRateMonitorOptions['onValue'];
  private epoch = 0;

  constructor(options: LearningRateMonitorOptions = {}) {
    this.every = options.every ?? 'epoch';
    if (this.every !== 'step' && this.every !== 'epoch') fail('LearningRateMonitor', 'options.every', "be 'step' or 'epoch'", show(this.every));
    if (options.onValue !== undefined && typeof options.onValue !== 'function') {
      fail('LearningRateMonitor', 'options.onValue', 'be a function', show(options.onValue));
    }
    this.onValue = options.onValue;
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(_batch: number, logs?: Logs): void {
    if (this.every === 'step' && typeof logs?.lr === 'number') this.record({ epoch: this.epoch, step: logs.step ?? null, lr: logs.lr });
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    if (this.every === 'epoch' && typeof logs?.lr === 'number') this.record({ epoch, step: null, lr: logs.lr });
  }

  private record(v: { epoch: number; step: number | null; lr: number }): void {
    this.values.push(v);
    this.onValue?.(v);
  }
}
