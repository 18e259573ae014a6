import { tf } from '@tessera/backend';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import type { Shape } from './shape.js';

/** Options of {@link LayerNormalization}. */
export interface LayerNormalizationConfig extends BaseLayerConfig {
  /** Default 1e-3 (Keras; PyTorch's and the Transformer zoo's is 1e-5). */
  epsilon?: number;
  /** Learn `beta`. Default true. */
  center?: boolean;
  /** Learn `gamma`. Default true. */
  scale?: boolean;
}

/**
 * Layer normalization over the last axis: `gamma * (x - mean) / sqrt(var + eps) + beta`, with
 * the mean and (biased) variance of each position's features. Same in training and inference.
 * Weights as Keras: `gamma`, `beta`, each `[features]`.
 *
 * @example
 * ```ts
 * const ln = new LayerNormalization({ epsilon: 1e-5 });
 * const y = ln.apply(tf.randomNormal([2, 5, 16])); // each [16] vector has mean 0, variance ~1
 * ```
 */
export class LayerNormalization extends Layer {
  readonly className: string = 'LayerNormalization';
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private gamma: tf.Variable | null = null;
  private beta: tf.Variable | null = null;

  constructor(config: LayerNormalizationConfig = {}) {
    super(config, 'layer_normalization');
    this.epsilon = config.epsilon ?? 1e-3;
    if (!(this.epsilon > 0)) throw new Error(`${this.name}: epsilon must be > 0; got ${String(config.epsilon)}`);
    this.center = config.center ?? true;
    this.scale = config.scale ?? true;
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const d = this.lastAxis(s, 'any');
    if (this.scale) this.gamma = this.addWeight('gamma', [d], 'ones');
    if (this.center) this.beta = this.addWeight('beta', [d], 'zeros');
    return [...s.slice(0, -1).map(() => null), d];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input));
    // Centred once and reused for the variance: 9 ops with gamma and beta.
    const xc = tf.sub(x, tf.mean(x, -1, true));
    const variance = tf.mean(tf.square(xc), -1, true);
    let y = tf.mul(xc, tf.rsqrt(tf.add(variance, this.epsilon)));
    if (this.gamma !== null) y = tf.mul(y, this.gamma);
    if (this.beta !== null) y = tf.add(y, this.beta);
    return { y, mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), epsilon: this.epsilon, center: this.center, scale: this.scale };
  }
}
