/**
 * The learning-rate schedule contract. Schedules are pure functions of the optimizer step
 * (so resuming at step k gives the same rate), except reduce-on-plateau, which also watches
 * epoch logs and saves its state in checkpoints.
 */
import type { Logs } from '../logs.js';
import { checkNumber, fail, show } from '../internal/errors.js';

/**
 * A learning-rate schedule: `valueAt(step)` is the rate for optimizer step `step` (0-based).
 *
 * @example
 * ```ts
 * const s: LearningRateSchedule = { name: 'halve', valueAt: (step) => 0.1 * 0.5 ** step };
 * new SGD({ learningRate: s });
 * ```
 */
export interface LearningRateSchedule {
  readonly name: string;
  valueAt(step: number): number;
  /** Called by `fit` after each epoch with the epoch's logs (reduce-on-plateau uses it). */
  onEpochEnd?(epoch: number, logs: Logs): void;
  /** JSON state for checkpoints (only stateful schedules need it). */
  getState?(): Record<string, unknown>;
  setState?(state: Record<string, unknown>): void;
}

/**
 * A learning rate: a number or a schedule.
 *
 * @example
 * ```ts
 * const lr: LearningRate = cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 });
 * ```
 */
export type LearningRate = number | LearningRateSchedule;

/** Validates a learning rate option. */
export function checkLearningRate(fn: string, lr: unknown): LearningRate {
  if (typeof lr === 'number') return checkNumber(fn, 'options.learningRate', lr, { min: 0 });
  if (typeof lr === 'object' && lr !== null && typeof (lr as LearningRateSchedule).valueAt === 'function') {
    return lr as LearningRateSchedule;
  }
  return fail(fn, 'options.learningRate', 'be a number >= 0 or a schedule with valueAt(step)', show(lr));
}

/** The learning rate at `step`, checked for being a finite non-negative number. */
export function learningRateAt(lr: LearningRate, step: number): number {
  if (typeof lr === 'number') return lr;
  const v = lr.valueAt(step);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    fail(`${lr.name}.valueAt`, `the rate at step ${step}`, 'be a finite number >= 0', show(v));
  }
  return v;
}

/** Validates a step argument of `valueAt`. */
export function checkStep(fn: string, step: number): number {
  return checkNumber(fn, 'step', step, { min: 0, integer: true });
}
