/**
 * Pruning schedules as TF Model Optimization defines them: at a training step they say whether
 * to update the masks now, and to which sparsity. Masks are updated at steps
 * `beginStep, beginStep + frequency, ...` up to `endStep` (forever when `endStep` is -1).
 */
import { checkNumber, checkOptions, fail } from '../internal/errors.js';
import { checkSparsity } from './magnitude.js';

/**
 * What a schedule says at a step.
 *
 * @example
 * ```ts
 * const d: PruningDecision = { prune: true, sparsity: 0.5 };
 * ```
 */
export interface PruningDecision {
  /** Update the masks at this step. */
  prune: boolean;
  /** The target sparsity at this step. */
  sparsity: number;
}

/**
 * A pruning schedule (TF-MOT `PruningSchedule`): a function of the optimizer step.
 *
 * @example
 * ```ts
 * const s: PruningSchedule = constantSparsity({ targetSparsity: 0.5, beginStep: 0 });
 * s.at(0); // { prune: true, sparsity: 0.5 }
 * ```
 */
export interface PruningSchedule {
  readonly className: 'PolynomialDecay' | 'ConstantSparsity';
  readonly beginStep: number;
  readonly endStep: number;
  readonly frequency: number;
  at(step: number): PruningDecision;
  /** The TF-MOT `get_config()` form: `{ class_name, config }` with snake_case keys. */
  toJSON(): { class_name: string; config: Record<string, number> };
}

function checkSteps(fn: string, beginStep: unknown, endStep: unknown, frequency: unknown, allowForever: boolean): [number, number, number] {
  const begin = checkNumber(fn, 'options.beginStep', beginStep, { min: 0, integer: true });
  const end = checkNumber(fn, 'options.endStep', endStep, { integer: true });
  if (end === -1) {
    if (!allowForever) fail(fn, 'options.endStep', 'be > beginStep (the decay needs an end; -1 is only for constantSparsity)', '-1');
  } else if (allowForever ? end < begin : end <= begin) {
    fail(fn, 'options.endStep', `be ${allowForever ? '-1 or >=' : '>'} beginStep (${begin})`, String(end));
  }
  const freq = checkNumber(fn, 'options.frequency', frequency, { min: 1, integer: true });
  return [begin, end, freq];
}

/** TF-MOT `_should_prune_in_step`: in `[begin, end]` (or after begin forever) and on a multiple of `frequency`. */
function shouldPrune(step: number, begin: number, end: number, frequency: number): boolean {
  const inRange = step >= begin && (end < 0 || step <= end);
  return inRange && (((step - begin) % frequency) + frequency) % frequency === 0;
}

function checkStep(who: string, step: unknown): number {
  return checkNumber(who, 'step', step, { min: 0, integer: true });
}

/**
 * Options of {@link polynomialDecay}.
 *
 * @example
 * ```ts
 * const o: PolynomialDecayOptions = { initialSparsity: 0.2, finalSparsity: 0.8, beginStep: 0, endStep: 1000 };
 * ```
 */
export interface PolynomialDecayOptions {
  initialSparsity: number;
  finalSparsity: number;
  beginStep: number;
  endStep: number;
  /** Default 3. */
  power?: number;
  /** Default 100. */
  frequency?: number;
}

/**
 * TF-MOT `PolynomialDecay` (Zhu & Gupta 2017): sparsity rises quickly, then levels off.
 * `s(step) = final + (initial - final) * (1 - p)^power` with
 * `p = clamp((step - beginStep) / (endStep - beginStep), 0, 1)`.
 *
 * @example
 * ```ts
 * const s = polynomialDecay({ initialSparsity: 0, finalSparsity: 0.8, beginStep: 0, endStep: 100, frequency: 10 });
 * s.at(50); // { prune: true, sparsity: 0.8 - 0.8 * 0.5 ** 3 } = 0.7
 * s.at(55).prune; // false
 * ```
 */
export function polynomialDecay(options: PolynomialDecayOptions): PruningSchedule {
  const fn = 'polynomialDecay';
  const o = checkOptions(fn, 'options', options);
  const initial = checkSparsity(fn, 'options.initialSparsity', o.initialSparsity);
  const final = checkSparsity(fn, 'options.finalSparsity', o.finalSparsity);
  const power = checkNumber(fn, 'options.power', o.power ?? 3, { min: 0 });
  const [begin, end, frequency] = checkSteps(fn, o.beginStep, o.endStep, o.frequency ?? 100, false);
  return {
    className: 'PolynomialDecay',
    beginStep: begin,
    endStep: end,
    frequency,
    at(step: number): PruningDecision {
      const s = checkStep('polynomialDecay.at', step);
      const p = Math.min(1, Math.max(0, (s - begin) / (end - begin)));
      return { prune: shouldPrune(s, begin, end, frequency), sparsity: final + (initial - final) * (1 - p) ** power };
    },
    toJSON: () => ({
      class_name: 'PolynomialDecay',
      config: { initial_sparsity: initial, final_sparsity: final, power, begin_step: begin, end_step: end, frequency },
    }),
  };
}

/**
 * Options of {@link constantSparsity}.
 *
 * @example
 * ```ts
 * const o: ConstantSparsityOptions = { targetSparsity: 0.5, beginStep: 0, frequency: 50 };
 * ```
 */
export interface ConstantSparsityOptions {
  targetSparsity: number;
  /** Default 0. */
  beginStep?: number;
  /** Default -1 (prune until training ends). */
  endStep?: number;
  /** Default 100. */
  frequency?: number;
}

/**
 * TF-MOT `ConstantSparsity`: the same target at every pruning step.
 *
 * @example
 * ```ts
 * const s = constantSparsity({ targetSparsity: 0.8, beginStep: 10, frequency: 5 });
 * s.at(15); // { prune: true, sparsity: 0.8 }
 * s.at(12).prune; // false
 * ```
 */
export function constantSparsity(options: ConstantSparsityOptions): PruningSchedule {
  const fn = 'constantSparsity';
  const o = checkOptions(fn, 'options', options);
  const target = checkSparsity(fn, 'options.targetSparsity', o.targetSparsity);
  const [begin, end, frequency] = checkSteps(fn, o.beginStep ?? 0, o.endStep ?? -1, o.frequency ?? 100, true);
  return {
    className: 'ConstantSparsity',
    beginStep: begin,
    endStep: end,
    frequency,
    at(step: number): PruningDecision {
      return { prune: shouldPrune(checkStep('constantSparsity.at', step), begin, end, frequency), sparsity: target };
    },
    toJSON: () => ({ class_name: 'ConstantSparsity', config: { target_sparsity: target, begin_step: begin, end_step: end, frequency } }),
  };
}
