/** Reduce the rate when a monitored value stops improving, as Keras' ReduceLROnPlateau. */
import type { Logs } from '../logs.js';
import { checkNumber, fail, show } from '../internal/errors.js';
import type { LearningRateSchedule } from './schedule.js';

/**
 * Options for {@link reduceOnPlateau}.
 *
 * @example
 * ```ts
 * reduceOnPlateau({ initialLearningRate: 1e-3, monitor: 'val_loss', factor: 0.5, patience: 2 });
 * ```
 */
export interface ReduceOnPlateauOptions {
  initialLearningRate: number;
  /** The epoch log to watch. Default `'val_loss'`. */
  monitor?: string;
  /** `'min'`, `'max'`, or `'auto'` (max for names containing acc/auc/f1/precision/recall). Default auto. */
  mode?: 'min' | 'max' | 'auto';
  /** Multiplier applied on a plateau. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** Smallest change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the rate. Default 0. */
  minLearningRate?: number;
}

/**
 * A reduce-on-plateau schedule: `valueAt` is the current rate, changed by `onEpochEnd`.
 *
 * @example
 * ```ts
 * const s: ReduceOnPlateauSchedule = reduceOnPlateau({ initialLearningRate: 0.1 });
 * s.onEpochEnd(0, { val_loss: 0.5 });
 * s.valueAt(0); // 0.1
 * ```
 */
export interface ReduceOnPlateauSchedule extends LearningRateSchedule {
  readonly monitor: string;
  onEpochEnd(epoch: number, logs: Logs): void;
  getState(): Record<string, unknown>;
  setState(state: Record<string, unknown>): void;
}

/** Direction guess from a log name, as Keras' `auto` mode. */
export function autoMode(monitor: string): 'min' | 'max' {
  return /acc|auc|f1|precision|recall|r2|iou/i.test(monitor) && !/loss|error/i.test(monitor) ? 'max' : 'min';
}

/**
 * Multiplies the rate by `factor` once `monitor` has not improved by `minDelta` for `patience`
 * epochs, then waits `cooldown` epochs; never below `minLearningRate`. Its state goes into
 * checkpoints, so a resumed run reduces at the same epochs.
 *
 * @example
 * ```ts
 * const lr = reduceOnPlateau({ initialLearningRate: 0.01, patience: 3 });
 * await fit(model, data, { optimizer: new Adam({ learningRate: lr }), validationData, ... });
 * ```
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions): ReduceOnPlateauSchedule {
  const fn = 'reduceOnPlateau';
  const lr0 = checkNumber(fn, 'options.initialLearningRate', options?.initialLearningRate, { min: 0 });
  const monitor = options.monitor ?? 'val_loss';
  if (typeof monitor !== 'string' || monitor === '') fail(fn, 'options.monitor', 'be a log name', show(monitor));
  const modeOpt = options.mode ?? 'auto';
  if (!['min', 'max', 'auto'].includes(modeOpt)) fail(fn, 'options.mode', "be 'min', 'max' or 'auto'", show(modeOpt));
  const mode = modeOpt === 'auto' ? autoMode(monitor) : modeOpt;
  const factor = checkNumber(fn, 'options.factor', options.factor ?? 0.1, { min: 0, max: 1, exclusiveMin: true });
  if (factor === 1) fail(fn, 'options.factor', 'be < 1', '1');
  const patience = checkNumber(fn, 'options.patience', options.patience ?? 10, { min: 0, integer: true });
  const minDelta = Math.abs(checkNumber(fn, 'options.minDelta', options.minDelta ?? 1e-4));
  const cooldown = checkNumber(fn, 'options.cooldown', options.cooldown ?? 0, { min: 0, integer: true });
  const minLr = checkNumber(fn, 'options.minLearningRate', options.minLearningRate ?? 0, { min: 0 });
  let lr = lr0;
  let best = mode === 'min' ? Infinity : -Infinity;
  let wait = 0;
  let cooldownLeft = 0;
  return {
    name: 'reduceOnPlateau',
    monitor,
    valueAt: () => lr,
    onEpochEnd(epoch: number, logs: Logs) {
      const current = logs[monitor];
      if (typeof current !== 'number') {
        fail('reduceOnPlateau.onEpochEnd', `logs.${monitor}`, `be present (logged keys: ${Object.keys(logs).join(', ')})`, show(current));
      }
      if (cooldownLeft > 0) {
        cooldownLeft--;
        wait = 0;
      }
      const improved = mode === 'min' ? current < best - minDelta : current > best + minDelta;
      if (improved) {
        best = current;
        wait = 0;
      } else if (cooldownLeft === 0) {
        wait++;
        if (wait >= patience) {
          lr = Math.max(lr * factor, minLr);
          cooldownLeft = cooldown;
          wait = 0;
        }
      }
    },
    getState: () => ({ lr, best, wait, cooldownLeft }),
    setState(state: Record<string, unknown>) {
      const f = 'reduceOnPlateau.setState';
      lr = checkNumber(f, 'state.lr', state.lr, { min: 0 });
      best = typeof state.best === 'number' ? state.best : fail(f, 'state.best', 'be a number', show(state.best));
      wait = checkNumber(f, 'state.wait', state.wait, { min: 0, integer: true });
      cooldownLeft = checkNumber(f, 'state.cooldownLeft', state.cooldownLeft, { min: 0, integer: true });
    },
  };
}
