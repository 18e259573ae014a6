import { tf } from '@tessera/backend';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import { type Shape } from './shape.js';

/** Options of {@link BatchNormalization}. */
export interface BatchNormalizationConfig extends BaseLayerConfig {
  /** Weight of the old moving statistics in each update. Default 0.99 (Keras). */
  momentum?: number;
  /** Default 1e-3 (Keras). */
  epsilon?: number;
  /** Learn `beta`. Default true. */
  center?: boolean;
  /** Learn `gamma`. Default true. */
  scale?: boolean;
}

/**
 * Batch normalization over the last (channel) axis, for inputs of rank 2 to 4.
 *
 * - Inference (`training` false): `gamma * (x - moving_mean) / sqrt(moving_variance + eps) + beta`.
 * - Training: normalizes with the batch mean and (biased) variance, and updates
 *   `moving = momentum * moving + (1 - momentum) * batch` (Keras 3's rule; PyTorch uses the
 *   unbiased variance here, older tfjs-layers too).
 *
 * The moving statistics are assigned as a side effect of the forward call: `Variable.assign`
 * is not recorded on the gradient tape, so this works inside `tf.variableGrads` and
 * `optimizer.minimize`, once per call with `training: true`. They are non-trainable weights.
 *
 * Weights as Keras: `gamma`, `beta`, `moving_mean`, `moving_variance`, each `[channels]`.
 *
 * @example
 * ```ts
 * const bn = new BatchNormalization();
 * const y = bn.apply(tf.randomNormal([8, 4]), { training: true }); // moving stats move 1% toward the batch's
 * ```
 */
export class BatchNormalization extends Layer {
  readonly className: string = 'BatchNormalization';
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private gamma: tf.Variable | null = null;
  private beta: tf.Variable | null = null;
  private movingMean: tf.Variable | null = null;
  private movingVariance: tf.Variable | null = null;

  constructor(config: BatchNormalizationConfig = {}) {
    super(config, 'batch_normalization');
    this.momentum = config.momentum ?? 0.99;
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new Error(`${this.name}: momentum must be in [0, 1]; got ${String(config.momentum)}`);
    }
    this.epsilon = config.epsilon ?? 1e-3;
    if (!(this.epsilon > 0)) throw new Error(`${this.name}: epsilon must be > 0; got ${String(config.epsilon)}`);
    this.center = config.center ?? true;
    this.scale = config.scale ?? true;
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    if (s.length < 1 || s.length > 3) {
      throw new Error(`${this.name}: expected input of rank 2 to 4 (channels last), received rank ${s.length + 1}`);
    }
    const c = this.lastAxis(s, 'any');
    if (this.scale) this.gamma = this.addWeight('gamma', [c], 'ones');
    if (this.center) this.beta = this.addWeight('beta', [c], 'zeros');
    this.movingMean = this.addWeight('moving_mean', [c], 'zeros', { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [c], 'ones', { trainable: false });
    return [...s.slice(0, -1).map(() => null), c];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input));
    const gamma = this.gamma ?? undefined;
    const beta = this.beta ?? undefined;
    const mm = this.movingMean as tf.Variable;
    const mv = this.movingVariance as tf.Variable;
    if (!options.training) {
      return { y: tf.batchNorm(x, mm, mv, beta, gamma, this.epsilon), mask: options.mask };
    }
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
    const { mean, variance } = tf.moments(x, axes);
    const y = tf.batchNorm(x, mean, variance, beta, gamma, this.epsilon);
    const m = this.momentum;
    const newMean = tf.tidy(() => tf.add(tf.mul(mm, m), tf.mul(mean, 1 - m)));
    const newVar = tf.tidy(() => tf.add(tf.mul(mv, m), tf.mul(variance, 1 - m)));
    mm.assign(newMean);
    mv.assign(newVar);
    newMean.dispose();
    newVar.dispose();
    return { y, mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
    };
  }
}
