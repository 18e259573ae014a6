/** Shared logic of callbacks that watch one log value (early stopping, best checkpoints). */
import { fail, show } from '../internal/errors.js';
import type { Logs } from '../logs.js';
import type { TrainerHandle } from './callback.js';

/**
 * 'min', 'max', or 'auto' (from the metric's higherIsBetter; loss-like names are 'min').
 *
 * @example
 * ```ts
 * new EarlyStopping({ monitor: 'val_f1', mode: 'max' as MonitorMode });
 * ```
 */
export type MonitorMode = 'min' | 'max' | 'auto';

/** Resolves the direction of `monitor`. */
export function resolveMode(mode: MonitorMode, monitor: string, trainer: TrainerHandle | null): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (trainer) return trainer.higherIsBetter(monitor) ? 'max' : 'min';
  return 'min';
}

/** Reads `logs[monitor]`, throwing an error that lists what was logged. */
export function readMonitor(fn: string, monitor: string, logs: Logs | undefined): number {
  const v = logs?.[monitor];
  if (typeof v !== 'number') {
    fail(fn, `logs.${monitor}`, `be logged (available: ${Object.keys(logs ?? {}).join(', ') || 'none'}; validation values need validationData)`, show(v));
  }
  return v;
}

/** Whether `current` beats `best` by more than `minDelta` in direction `mode`. */
export function improves(mode: 'min' | 'max', current: number, best: number, minDelta: number): boolean {
  if (Number.isNaN(current)) return false;
  return mode === 'min' ? current < best - minDelta : current > best + minDelta;
}

/** Checks a mode option. */
export function checkMode(fn: string, mode: unknown): MonitorMode {
  if (mode !== 'min' && mode !== 'max' && mode !== 'auto') fail(fn, 'options.mode', "be 'min', 'max' or 'auto'", show(mode));
  return mode;
}
