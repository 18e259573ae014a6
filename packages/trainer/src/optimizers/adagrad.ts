/** Adagrad (Duchi et al.): per-coordinate rates from the running sum of squared gradients. */
import { tf } from '@tessera/backend';
import { checkNumber } from '../internal/errors.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

/**
 * Options for {@link Adagrad}.
 *
 * @example
 * ```ts
 * new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.1 });
 * ```
 */
export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulator. Default 0.1 (Keras). */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * `s <- s + g^2`, `w <- w - lr * g / (sqrt(s) + eps)`.
 *
 * @example
 * ```ts
 * const opt = new Adagrad({ learningRate: 0.05 });
 * ```
 */
export class Adagrad extends Optimizer {
  readonly name = 'adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super(0.001, options);
    this.initialAccumulatorValue = checkNumber('Adagrad', 'options.initialAccumulatorValue', options.initialAccumulatorValue ?? 0.1, { min: 0 });
    this.epsilon = checkNumber('Adagrad', 'options.epsilon', options.epsilon ?? 1e-7, { min: 0 });
  }

  protected slotNames(): string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.name, initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: Record<string, tf.Variable>, lr: number): void {
    const acc = slots.accumulator as tf.Variable;
    const s1 = tf.add(acc, tf.square(g));
    acc.assign(s1);
    w.assign(tf.sub(w, tf.mul(tf.div(g, tf.add(tf.sqrt(s1), this.epsilon)), lr)));
  }
}
