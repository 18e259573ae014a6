/** The one-cycle policy (Smith & Topin), as PyTorch's OneCycleLR for the learning rate. */
import { checkNumber, fail, show } from '../internal/errors.js';
import { checkStep, type LearningRateSchedule } from './schedule.js';

/**
 * Options for {@link oneCycle}.
 *
 * @example
 * ```ts
 * oneCycle({ maxLearningRate: 0.01, totalSteps: 1000 });
 * ```
 */
export interface OneCycleOptions {
  maxLearningRate: number;
  /** Total optimizer steps of the run (`epochs * stepsPerEpoch`). */
  totalSteps: number;
  /** Fraction of the steps spent increasing the rate. Default 0.3. */
  pctStart?: number;
  /** `'cos'` (default) or `'linear'` annealing. */
  annealStrategy?: 'cos' | 'linear';
  /** Initial rate is `maxLearningRate / divFactor`. Default 25. */
  divFactor?: number;
  /** Final rate is the initial rate `/ finalDivFactor`. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, back down to the initial rate, then to the final rate). Default false. */
  threePhase?: boolean;
}

/**
 * Anneals from `max / divFactor` up to `max` over the first `pctStart` of the steps, then down
 * to `max / divFactor / finalDivFactor` at step `totalSteps - 1` (PyTorch's phase boundaries).
 * Steps past the end keep the final rate. Momentum cycling is not included.
 *
 * @example
 * ```ts
 * const s = oneCycle({ maxLearningRate: 1, totalSteps: 100 });
 * s.valueAt(0);  // 0.04
 * s.valueAt(29); // 1
 * ```
 */
export function oneCycle(options: OneCycleOptions): LearningRateSchedule {
  const fn = 'oneCycle';
  const max = checkNumber(fn, 'options.maxLearningRate', options?.maxLearningRate, { min: 0 });
  const total = checkNumber(fn, 'options.totalSteps', options.totalSteps, { min: 2, integer: true });
  const pct = checkNumber(fn, 'options.pctStart', options.pctStart ?? 0.3, { min: 0, max: 1, exclusiveMin: true });
  const div = checkNumber(fn, 'options.divFactor', options.divFactor ?? 25, { min: 0, exclusiveMin: true });
  const finalDiv = checkNumber(fn, 'options.finalDivFactor', options.finalDivFactor ?? 1e4, { min: 0, exclusiveMin: true });
  const strategy = options.annealStrategy ?? 'cos';
  if (strategy !== 'cos' && strategy !== 'linear') fail(fn, 'options.annealStrategy', "be 'cos' or 'linear'", show(strategy));
  const initial = max / div;
  const minLr = initial / finalDiv;
  const phases: { end: number; from: number; to: number }[] = options.threePhase
    ? [
        { end: pct * total - 1, from: initial, to: max },
        { end: 2 * pct * total - 2, from: max, to: initial },
        { end: total - 1, from: initial, to: minLr },
      ]
    : [
        { end: pct * total - 1, from: initial, to: max },
        { end: total - 1, from: max, to: minLr },
      ];
  for (let i = 1; i < phases.length; i++) {
    if (!((phases[i] as { end: number }).end > (phases[i - 1] as { end: number }).end)) {
      fail(fn, 'options.pctStart', 'leave every phase at least one step', `${pct} with totalSteps ${total}`);
    }
  }
  const anneal = (from: number, to: number, p: number): number =>
    strategy === 'cos' ? to + ((from - to) / 2) * (Math.cos(Math.PI * p) + 1) : (to - from) * p + from;
  return {
    name: 'oneCycle',
    valueAt: (step) => {
      checkStep('oneCycle.valueAt', step);
      let start = 0;
      for (const ph of phases) {
        if (step <= ph.end || ph === phases[phases.length - 1]) {
          const p = Math.min(1, Math.max(0, (step - start) / (ph.end - start)));
          return anneal(ph.from, ph.to, p);
        }
        start = ph.end;
      }
      return minLr;
    },
  };
}
