/** Step decay (PyTorch's StepLR) and piecewise-constant rates (Keras' PiecewiseConstantDecay). */
import { checkNumber, fail, show } from '../internal/errors.js';
import { checkStep, type LearningRateSchedule } from './schedule.js';

/**
 * Options for {@link stepDecay}.
 *
 * @example
 * ```ts
 * stepDecay({ initialLearningRate: 0.1, stepSize: 100, gamma: 0.5 });
 * ```
 */
export interface StepDecayOptions {
  initialLearningRate: number;
  /** Optimizer steps between two decays (use `stepsPerEpoch * k` for every k epochs). */
  stepSize: number;
  /** Factor applied at each decay. Default 0.1. */
  gamma?: number;
}

/**
 * `initialLearningRate * gamma ** floor(step / stepSize)`.
 *
 * @example
 * ```ts
 * const s = stepDecay({ initialLearningRate: 0.1, stepSize: 10, gamma: 0.5 });
 * s.valueAt(25); // 0.025
 * ```
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const fn = 'stepDecay';
  const lr0 = checkNumber(fn, 'options.initialLearningRate', options?.initialLearningRate, { min: 0 });
  const size = checkNumber(fn, 'options.stepSize', options.stepSize, { min: 1, integer: true });
  const gamma = checkNumber(fn, 'options.gamma', options.gamma ?? 0.1, { min: 0 });
  return {
    name: 'stepDecay',
    valueAt: (step) => lr0 * gamma ** Math.floor(checkStep('stepDecay.valueAt', step) / size),
  };
}

/**
 * Options for {@link piecewiseConstant}.
 *
 * @example
 * ```ts
 * piecewiseConstant({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
 * ```
 */
export interface PiecewiseConstantOptions {
  /** Increasing step boundaries. */
  boundaries: readonly number[];
  /** One more value than boundaries: `values[i]` while `step <= boundaries[i]` (Keras semantics). */
  values: readonly number[];
}

/**
 * Constant rates between step boundaries, as Keras' PiecewiseConstantDecay.
 *
 * @example
 * ```ts
 * const s = piecewiseConstant({ boundaries: [10], values: [1, 0.5] });
 * s.valueAt(10); // 1
 * s.valueAt(11); // 0.5
 * ```
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): LearningRateSchedule {
  const fn = 'piecewiseConstant';
  const { boundaries, values } = options ?? ({} as PiecewiseConstantOptions);
  if (!Array.isArray(boundaries)) fail(fn, 'options.boundaries', 'be an array of steps', show(boundaries));
  if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
    fail(fn, 'options.values', `be an array of ${boundaries.length + 1} rates (one more than boundaries)`, show(values));
  }
  boundaries.forEach((b, i) => {
    checkNumber(fn, `options.boundaries[${i}]`, b, { min: i === 0 ? 0 : (boundaries[i - 1] as number) + 1, integer: true });
  });
  values.forEach((v, i) => checkNumber(fn, `options.values[${i}]`, v, { min: 0 }));
  return {
    name: 'piecewiseConstant',
    valueAt: (step) => {
      checkStep('piecewiseConstant.valueAt', step);
      const i = boundaries.findIndex((b) => step <= b);
      return values[i === -1 ? boundaries.length : i] as number;
    },
  };
}
