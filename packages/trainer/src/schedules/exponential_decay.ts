/** Exponential decay, as Keras' ExponentialDecay. */
import { checkNumber } from '../internal/errors.js';
import { checkStep, type LearningRateSchedule } from './schedule.js';

/**
 * Options for {@link exponentialDecay}.
 *
 * @example
 * ```ts
 * exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true });
 * ```
 */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole periods (`floor(step / decaySteps)`). Default false. */
  staircase?: boolean;
}

/**
 * `initialLearningRate * decayRate ** (step / decaySteps)` (floored exponent with `staircase`).
 *
 * @example
 * ```ts
 * exponentialDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 }).valueAt(5); // 0.7071...
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const fn = 'exponentialDecay';
  const lr0 = checkNumber(fn, 'options.initialLearningRate', options?.initialLearningRate, { min: 0 });
  const steps = checkNumber(fn, 'options.decaySteps', options.decaySteps, { min: 0, exclusiveMin: true });
  const rate = checkNumber(fn, 'options.decayRate', options.decayRate, { min: 0 });
  const staircase = options.staircase ?? false;
  return {
    name: 'exponentialDecay',
    valueAt: (step) => {
      const p = checkStep('exponentialDecay.valueAt', step) / steps;
      return lr0 * rate ** (staircase ? Math.floor(p) : p);
    },
  };
}
