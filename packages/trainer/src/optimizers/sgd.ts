/** Stochastic gradient descent with momentum and Nesterov momentum (PyTorch's formulation). */
import { tf } from '@tessera/backend';
import { checkNumber, fail } from '../internal/errors.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

/**
 * Options for {@link SGD}.
 *
 * @example
 * ```ts
 * new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export interface SGDOptions extends OptimizerOptions {
  /** Momentum factor mu. Default 0 (plain SGD). */
  momentum?: number;
  /** Nesterov momentum (needs momentum > 0). Default false. */
  nesterov?: boolean;
  /** L2 penalty added to the gradient (`g + weightDecay * w`). Default 0. */
  weightDecay?: number;
}

/**
 * SGD: `g <- g + wd*w`; with momentum `b <- mu*b + g`, and the step uses `g + mu*b` (Nesterov)
 * or `b`; then `w <- w - lr * step`.
 *
 * @example
 * ```ts
 * const opt = new SGD({ learningRate: 0.05, momentum: 0.9 });
 * ```
 */
export class SGD extends Optimizer {
  readonly name = 'sgd';
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(options: SGDOptions = {}) {
    super(0.01, options);
    this.momentum = checkNumber('SGD', 'options.momentum', options.momentum ?? 0, { min: 0 });
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = checkNumber('SGD', 'options.weightDecay', options.weightDecay ?? 0, { min: 0 });
    if (this.nesterov && this.momentum === 0) fail('SGD', 'options.momentum', 'be > 0 when nesterov is true', '0');
  }

  protected slotNames(): string[] {
    return this.momentum > 0 ? ['momentum'] : [];
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.name, momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }

  protected update(w: tf.Variable, gIn: tf.Tensor, slots: Record<string, tf.Variable>, lr: number): void {
    let g = this.weightDecay > 0 ? tf.add(gIn, tf.mul(w, this.weightDecay)) : gIn;
    if (this.momentum > 0) {
      const b = slots.momentum as tf.Variable;
      const nb = tf.add(tf.mul(b, this.momentum), g);
      b.assign(nb);
      g = this.nesterov ? tf.add(g, tf.mul(nb, this.momentum)) : nb;
    }
    w.assign(tf.sub(w, tf.mul(g, lr)));
  }
}
