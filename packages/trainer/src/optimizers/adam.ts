/**
 * Adam and AdamW as one class: AdamW is Adam with decoupled weight decay (Loshchilov & Hutter),
 * chosen by a parameter rather than a copy, as tinygrad does.
 */
import { ADAM_KERNEL, tf } from '@tessera/backend';
import { checkNumber, fail } from '../internal/errors.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

/**
 * Options for {@link Adam}.
 *
 * @example
 * ```ts
 * new Adam({ learningRate: 1e-3, weightDecay: 0.01, decoupledWeightDecay: true }); // AdamW
 * ```
 */
export interface AdamOptions extends OptimizerOptions {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8 (added to the bias-corrected sqrt(v), as PyTorch). */
  epsilon?: number;
  /** Weight decay. Default 0 for Adam, 0.01 for {@link adamW}. */
  weightDecay?: number;
  /**
   * true: AdamW, `w <- w * (1 - lr*weightDecay)` before the Adam step; false: classic L2,
   * `g <- g + weightDecay * w` (which Adam's scaling weakens). Default false.
   */
  decoupledWeightDecay?: boolean;
}

/**
 * Adam (Kingma & Ba) with bias correction, PyTorch's formulation:
 * `m <- b1 m + (1-b1) g`, `v <- b2 v + (1-b2) g^2`,
 * `w <- w - lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)`.
 *
 * @example
 * ```ts
 * const opt = new Adam({ learningRate: 1e-3 });
 * ```
 */
export class Adam extends Optimizer {
  readonly name: string;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly decoupledWeightDecay: boolean;

  constructor(options: AdamOptions = {}) {
    super(0.001, options);
    const fn = 'Adam';
    this.beta1 = checkNumber(fn, 'options.beta1', options.beta1 ?? 0.9, { min: 0, max: 1 });
    this.beta2 = checkNumber(fn, 'options.beta2', options.beta2 ?? 0.999, { min: 0, max: 1 });
    if (this.beta1 === 1) fail(fn, 'options.beta1', 'be < 1', '1');
    if (this.beta2 === 1) fail(fn, 'options.beta2', 'be < 1', '1');
    this.epsilon = checkNumber(fn, 'options.epsilon', options.epsilon ?? 1e-8, { min: 0 });
    this.weightDecay = checkNumber(fn, 'options.weightDecay', options.weightDecay ?? 0, { min: 0 });
    this.decoupledWeightDecay = options.decoupledWeightDecay ?? false;
    this.name = this.decoupledWeightDecay ? 'adamw' : 'adam';
  }

  protected slotNames(): string[] {
    return ['m', 'v'];
  }

  getConfig(): Record<string, unknown> {
    return {
      learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.name,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
      decoupledWeightDecay: this.decoupledWeightDecay,
    };
  }

  protected update(w: tf.Variable, gIn: tf.Tensor, slots: Record<string, tf.Variable>, lr: number, t: number): void {
    const m = slots.m as tf.Variable;
    const v = slots.v as tf.Variable;
    // @tessera/backend's fused kernel (one pass instead of ~13 elementwise kernels) where the
    // active backend has it (cpu, wasm); the same formula as the ops below.
    if (w.dtype === 'float32' && gIn.dtype === 'float32' && tf.getKernel(ADAM_KERNEL, tf.getBackend()) !== undefined) {
      const attrs = {
        lr, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, step: t,
        weightDecay: this.weightDecay, decoupled: this.decoupledWeightDecay,
      }; // prettier-ignore
      const [w1, m1, v1] = tf.engine().runKernel(ADAM_KERNEL, { w, g: gIn, m, v }, attrs) as tf.Tensor[];
      m.assign(m1 as tf.Tensor);
      v.assign(v1 as tf.Tensor);
      w.assign(w1 as tf.Tensor);
      return;
    }
    let g = gIn;
    let wNow: tf.Tensor = w;
    if (this.weightDecay > 0) {
      if (this.decoupledWeightDecay) wNow = tf.mul(w, 1 - lr * this.weightDecay);
      else g = tf.add(g, tf.mul(w, this.weightDecay));
    }
    const m1 = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
    const v1 = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
    m.assign(m1);
    v.assign(v1);
    const bc1 = 1 - this.beta1 ** t;
    const bc2 = 1 - this.beta2 ** t;
    const denom = tf.add(tf.div(tf.sqrt(v1), Math.sqrt(bc2)), this.epsilon);
    w.assign(tf.sub(wNow, tf.mul(tf.div(m1, denom), lr / bc1)));
  }
}

/**
 * Adam with decoupled weight decay (AdamW); `weightDecay` defaults to 0.01 as in PyTorch/Keras.
 *
 * @example
 * ```ts
 * const opt = adamW({ learningRate: 1e-3, weightDecay: 0.05 });
 * ```
 */
export function adamW(options: Omit<AdamOptions, 'decoupledWeightDecay'> = {}): Adam {
  return new Adam({ ...options, weightDecay: options.weightDecay ?? 0.01, decoupledWeightDecay: true });
}
