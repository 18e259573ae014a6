/** RMSProp (Hinton), with the centered variant (Graves) and momentum, PyTorch's formulation. */
import { tf } from '@tessera/backend';
import { checkNumber } from '../internal/errors.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

/**
 * Options for {@link RMSProp}.
 *
 * @example
 * ```ts
 * new RMSProp({ learningRate: 1e-3, rho: 0.9, centered: true });
 * ```
 */
export interface RMSPropOptions extends OptimizerOptions {
  /** Decay of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7 (added to the root, as PyTorch). */
  epsilon?: number;
  /** Divide by the estimated variance rather than the raw second moment. Default false. */
  centered?: boolean;
}

/**
 * `s <- rho s + (1-rho) g^2`; centered: `a <- rho a + (1-rho) g`, `d = sqrt(s - a^2) + eps`,
 * else `d = sqrt(s) + eps`; with momentum `b <- mu b + g/d`, `w <- w - lr b`, else
 * `w <- w - lr g/d`.
 *
 * @example
 * ```ts
 * const opt = new RMSProp({ learningRate: 0.01 });
 * ```
 */
export class RMSProp extends Optimizer {
  readonly name = 'rmsprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSPropOptions = {}) {
    super(0.001, options);
    this.rho = checkNumber('RMSProp', 'options.rho', options.rho ?? 0.9, { min: 0, max: 1 });
    this.momentum = checkNumber('RMSProp', 'options.momentum', options.momentum ?? 0, { min: 0 });
    this.epsilon = checkNumber('RMSProp', 'options.epsilon', options.epsilon ?? 1e-7, { min: 0 });
    this.centered = options.centered ?? false;
  }

  protected slotNames(): string[] {
    return ['ms', ...(this.centered ? ['mg'] : []), ...(this.momentum > 0 ? ['momentum'] : [])];
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.name, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: Record<string, tf.Variable>, lr: number): void {
    const ms = slots.ms as tf.Variable;
    const s1 = tf.add(tf.mul(ms, this.rho), tf.mul(tf.square(g), 1 - this.rho));
    ms.assign(s1);
    let variance: tf.Tensor = s1;
    if (this.centered) {
      const mg = slots.mg as tf.Variable;
      const a1 = tf.add(tf.mul(mg, this.rho), tf.mul(g, 1 - this.rho));
      mg.assign(a1);
      variance = tf.sub(s1, tf.square(a1));
    }
    const step = tf.div(g, tf.add(tf.sqrt(variance), this.epsilon));
    if (this.momentum > 0) {
      const b = slots.momentum as tf.Variable;
      const b1 = tf.add(tf.mul(b, this.momentum), step);
      b.assign(b1);
      w.assign(tf.sub(w, tf.mul(b1, lr)));
    } else {
      w.assign(tf.sub(w, tf.mul(step, lr)));
    }
  }
}
