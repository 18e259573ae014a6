/** Cosine decay with an optional linear warmup, as Keras' CosineDecay. */
import { checkNumber } from '../internal/errors.js';
import { checkStep, type LearningRateSchedule } from './schedule.js';

/**
 * Options for {@link cosineDecay}.
 *
 * @example
 * ```ts
 * cosineDecay({ initialLearningRate: 0, warmupSteps: 100, warmupTarget: 1e-3, decaySteps: 900, alpha: 0.1 });
 * ```
 */
export interface CosineDecayOptions {
  /** The rate at step 0 (the start of the warmup when there is one). */
  initialLearningRate: number;
  /** Steps of the cosine part, after the warmup. */
  decaySteps: number;
  /** Final rate as a fraction of the peak rate. Default 0. */
  alpha?: number;
  /** Steps of linear warmup from `initialLearningRate` to `warmupTarget`. Default 0. */
  warmupSteps?: number;
  /** The peak rate reached after warmup. Default `initialLearningRate` (no warmup). */
  warmupTarget?: number;
}

/**
 * Linear warmup to the peak over `warmupSteps`, then
 * `peak * ((1 - alpha) * 0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps)) + alpha)` with
 * `t = step - warmupSteps`.
 *
 * @example
 * ```ts
 * const s = cosineDecay({ initialLearningRate: 0, warmupSteps: 10, warmupTarget: 1, decaySteps: 100 });
 * s.valueAt(5);   // 0.5 (warming up)
 * s.valueAt(60);  // 0.5 (half way down the cosine)
 * ```
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const fn = 'cosineDecay';
  const lr0 = checkNumber(fn, 'options.initialLearningRate', options?.initialLearningRate, { min: 0 });
  const decaySteps = checkNumber(fn, 'options.decaySteps', options.decaySteps, { min: 0, exclusiveMin: true });
  const alpha = checkNumber(fn, 'options.alpha', options.alpha ?? 0, { min: 0, max: 1 });
  const warmupSteps = checkNumber(fn, 'options.warmupSteps', options.warmupSteps ?? 0, { min: 0, integer: true });
  const peak = checkNumber(fn, 'options.warmupTarget', options.warmupTarget ?? lr0, { min: 0 });
  return {
    name: 'cosineDecay',
    valueAt: (step) => {
      checkStep('cosineDecay.valueAt', step);
      if (step < warmupSteps) return lr0 + ((peak - lr0) * step) / warmupSteps;
      const t = Math.min(step - warmupSteps, decaySteps) / decaySteps;
      return peak * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * t)) + alpha);
    },
  };
}
