/**
 * The optimizer base: learning-rate schedules, Keras-style clipping options, lazily created
 * slot variables (moments, accumulators) and a state that checkpoints save and restore
 * (tfjs-layers leaves optimizer state out of saved models, tfjs #5138).
 */
import { tf } from '@tessera/backend';
import type { NamedTensor } from '../model.js';
import { checkNumber, fail, show } from '../internal/errors.js';
import { checkLearningRate, learningRateAt, type LearningRate } from '../schedules/schedule.js';
import { clipByNorm, clipByValue, clipByGlobalNorm } from './clip.js';

/**
 * Options every optimizer accepts.
 *
 * @example
 * ```ts
 * new SGD({ learningRate: 0.1, globalClipNorm: 1 });
 * ```
 */
export interface OptimizerOptions {
  /** A number or a schedule of the optimizer step. */
  learningRate?: LearningRate;
  /** Clamp each gradient element to `[-clipValue, clipValue]` (Keras `clipvalue`). */
  clipValue?: number;
  /** Rescale each variable's gradient to L2 norm at most `clipNorm` (Keras `clipnorm`). */
  clipNorm?: number;
  /** Rescale all gradients together to global L2 norm at most this (Keras `global_clipnorm`). */
  globalClipNorm?: number;
}

/**
 * A saved optimizer: hyper-parameters, step count, schedule state and slot tensors named
 * `<slot>/<variable index>`.
 *
 * @example
 * ```ts
 * const state = opt.getState();
 * opt2.setState(state);
 * state.slots.forEach((s) => s.tensor.dispose());
 * ```
 */
export interface OptimizerState {
  name: string;
  iterations: number;
  config: Record<string, unknown>;
  schedule?: Record<string, unknown>;
  /** Shapes of the variables the slots belong to (checked on restore). */
  variableShapes: number[][];
  slots: NamedTensor[];
}

/**
 * Base class of the optimizers. Subclasses name their slots and write one variable's update.
 *
 * @example
 * ```ts
 * const opt = new Adam({ learningRate: 1e-3 });
 * const { grads } = tf.variableGrads(() => loss());
 * opt.applyGradients(vars, vars.map((v) => grads[v.name]));
 * ```
 */
export abstract class Optimizer {
  abstract readonly name: string;
  readonly learningRate: LearningRate;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
  readonly globalClipNorm: number | undefined;
  /** Number of `applyGradients` calls so far (the schedule's step). */
  iterations = 0;
  private slotVars: Map<string, tf.Variable[]> | null = null;
  private shapes: number[][] | null = null;

  constructor(defaultLr: number, options: OptimizerOptions = {}) {
    const fn = this.constructor.name;
    if (typeof options !== 'object' || options === null) fail(fn, 'options', 'be an object', show(options));
    this.learningRate = checkLearningRate(fn, options.learningRate ?? defaultLr);
    const opt = (k: 'clipValue' | 'clipNorm' | 'globalClipNorm'): number | undefined =>
      options[k] === undefined ? undefined : checkNumber(fn, `options.${k}`, options[k], { min: 0, exclusiveMin: true });
    this.clipValue = opt('clipValue');
    this.clipNorm = opt('clipNorm');
    this.globalClipNorm = opt('globalClipNorm');
  }

  /** Slot names, e.g. `['m', 'v']` for Adam. */
  protected abstract slotNames(): string[];

  /** Initial value of a slot (Adagrad starts its accumulator above 0). */
  protected slotInitialValue(_slot: string): number {
    return 0;
  }

  /** Hyper-parameters for `getState` / `getConfig`. */
  abstract getConfig(): Record<string, unknown>;

  /**
   * Writes one variable's update. Runs inside `tf.tidy`; `t` is the 1-based step number and
   * `lr` the rate for this step.
   */
  protected abstract update(variable: tf.Variable, gradient: tf.Tensor, slots: Record<string, tf.Variable>, lr: number, t: number): void;

  /** The rate the next step will use. */
  currentLearningRate(): number {
    return learningRateAt(this.learningRate, this.iterations);
  }

  /**
   * Applies one step. `gradients[i]` belongs to `variables[i]`; a missing gradient (null)
   * leaves that variable unchanged. The list must be the same (same shapes, same order) at
   * every call. Does not dispose the gradients.
   */
  applyGradients(variables: readonly tf.Variable[], gradients: readonly (tf.Tensor | null | undefined)[]): void {
    const fn = `${this.constructor.name}.applyGradients`;
    if (!Array.isArray(variables) || variables.length === 0) fail(fn, 'variables', 'be a non-empty array of tf.Variable', show(variables));
    if (!Array.isArray(gradients) || gradients.length !== variables.length) {
      fail(fn, 'gradients', `be an array of ${variables.length} tensors (one per variable)`, show(gradients));
    }
    this.ensureSlots(fn, variables);
    const lr = this.currentLearningRate();
    const t = this.iterations + 1;
    tf.tidy(() => {
      let grads = gradients.map((g, i) => {
        if (g === null || g === undefined) return null;
        const v = variables[i] as tf.Variable;
        if (!sameShape(g.shape, v.shape)) {
          fail(fn, `gradients[${i}]`, `have the shape of variable '${v.name}' [${v.shape.join(', ')}]`, `[${g.shape.join(', ')}]`);
        }
        return g;
      });
      if (this.clipValue !== undefined) {
        const cv = this.clipValue;
        grads = grads.map((g) => (g ? (clipByValue([g], cv)[0] as tf.Tensor) : null));
      }
      if (this.clipNorm !== undefined) {
        const cn = this.clipNorm;
        grads = grads.map((g) => (g ? clipByNorm(g, cn) : null));
      }
      if (this.globalClipNorm !== undefined) {
        const present = grads.filter((g): g is tf.Tensor => g !== null);
        const { gradients: clipped } = clipByGlobalNorm(present, this.globalClipNorm);
        let k = 0;
        grads = grads.map((g) => (g ? (clipped[k++] as tf.Tensor) : null));
      }
      const slotVars = this.slotVars as Map<string, tf.Variable[]>;
      grads.forEach((g, i) => {
        if (!g) return;
        const slots: Record<string, tf.Variable> = {};
        for (const [name, list] of slotVars) slots[name] = list[i] as tf.Variable;
        this.update(variables[i] as tf.Variable, g, slots, lr, t);
      });
    });
    this.iterations = t;
  }

  private ensureSlots(fn: string, variables: readonly tf.Variable[]): void {
    const shapes = variables.map((v) => v.shape.slice());
    if (this.shapes) {
      if (this.shapes.length !== shapes.length || this.shapes.some((s, i) => !sameShape(s, shapes[i] as number[]))) {
        fail(fn, 'variables', `match the ${this.shapes.length} variables of the first step (same order and shapes)`, `${shapes.length} variables`);
      }
    } else {
      this.shapes = shapes;
    }
    if (this.slotVars) return;
    this.slotVars = new Map();
    for (const slot of this.slotNames()) {
      const init = this.slotInitialValue(slot);
      this.slotVars.set(
        slot,
        variables.map((v) => tf.tidy(() => tf.variable(tf.fill(v.shape, init, 'float32'), false))),
      );
    }
  }

  /**
   * The state (hyper-parameters, step, schedule state, slot tensors as new clones the caller
   * disposes).
   */
  getState(): OptimizerState {
    const slots: NamedTensor[] = [];
    if (this.slotVars) {
      for (const [name, list] of this.slotVars) list.forEach((v, i) => slots.push({ name: `${name}/${i}`, tensor: tf.clone(v) }));
    }
    const schedule = typeof this.learningRate === 'object' ? this.learningRate.getState?.() : undefined;
    return {
      name: this.name,
      iterations: this.iterations,
      config: this.getConfig(),
      ...(schedule ? { schedule } : {}),
      variableShapes: this.shapes ? this.shapes.map((s) => s.slice()) : [],
      slots,
    };
  }

  /**
   * Restores a state from {@link Optimizer.getState} (same optimizer kind). Copies the tensors;
   * the caller may dispose the state afterwards.
   */
  setState(state: OptimizerState): void {
    const fn = `${this.constructor.name}.setState`;
    if (typeof state !== 'object' || state === null) fail(fn, 'state', 'be an optimizer state', show(state));
    if (state.name !== this.name) fail(fn, 'state.name', `be '${this.name}' (the state of the same optimizer kind)`, show(state.name));
    const iterations = checkNumber(fn, 'state.iterations', state.iterations, { min: 0, integer: true });
    if (!Array.isArray(state.slots) || !Array.isArray(state.variableShapes)) fail(fn, 'state.slots', 'be an array', show(state.slots));
    const names = this.slotNames();
    const n = state.variableShapes.length;
    if (state.slots.length !== names.length * n) {
      fail(fn, 'state.slots', `hold ${names.length * n} tensors (${names.join(', ')} for ${n} variables)`, `${state.slots.length}`);
    }
    const byName = new Map(state.slots.map((s) => [s.name, s.tensor]));
    this.disposeSlots();
    this.shapes = n > 0 ? state.variableShapes.map((s) => s.slice()) : null;
    if (n > 0) {
      this.slotVars = new Map();
      for (const slot of names) {
        const list: tf.Variable[] = [];
        for (let i = 0; i < n; i++) {
          const t = byName.get(`${slot}/${i}`);
          if (!t) fail(fn, 'state.slots', `contain '${slot}/${i}'`, 'no such slot');
          if (!sameShape(t.shape, state.variableShapes[i] as number[])) {
            fail(fn, `state.slots '${slot}/${i}'`, `have shape [${(state.variableShapes[i] as number[]).join(', ')}]`, `[${t.shape.join(', ')}]`);
          }
          list.push(tf.tidy(() => tf.variable(tf.clone(t), false)));
        }
        this.slotVars.set(slot, list);
      }
    }
    this.iterations = iterations;
    if (state.schedule && typeof this.learningRate === 'object' && this.learningRate.setState) {
      this.learningRate.setState(state.schedule);
    }
  }

  private disposeSlots(): void {
    if (this.slotVars) for (const list of this.slotVars.values()) list.forEach((v) => v.dispose());
    this.slotVars = null;
  }

  /** Frees the slot variables. */
  dispose(): void {
    this.disposeSlots();
    this.shapes = null;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
