import { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ActivationName, checkActivation } from './activations.js';
import { matMulBiasAct } from './fused.js';
import { asFloat, type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { positiveInt, type Shape } from './shape.js';

/** Options of {@link Dense}. */
export interface DenseConfig extends BaseLayerConfig {
  units: number;
  /** Default `'linear'`. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'` (Keras). */
  kernelInitializer?: InitializerName;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName;
}

/**
 * Fully connected layer: `activation(x @ kernel + bias)` over the last axis.
 * Weights as Keras: `kernel` `[in, units]`, `bias` `[units]`. Inputs of rank > 2 are applied
 * to every position (`[batch, time, in]` -> `[batch, time, units]`).
 *
 * @example
 * ```ts
 * const d = new Dense({ units: 10, activation: 'relu', seed: 1 });
 * const y = d.apply(tf.ones([2, 4])); // [2, 10]
 * ```
 */
export class Dense extends Layer {
  readonly className: string = 'Dense';
  readonly units: number;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerName;
  readonly biasInitializer: InitializerName;
  private kernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(config: DenseConfig) {
    super(config, 'dense');
    this.units = positiveInt(this.name, 'units', config.units);
    this.activation = checkActivation(this.name, 'activation', config.activation ?? 'linear');
    this.useBias = config.useBias ?? true;
    this.kernelInitializer = checkInitializer(
      this.name,
      'kernelInitializer',
      config.kernelInitializer ?? 'glorotUniform',
    );
    this.biasInitializer = checkInitializer(this.name, 'biasInitializer', config.biasInitializer ?? 'zeros');
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    if (s.length < 1) throw new Error(`${this.name}: expected input of rank >= 2, received a rank-1 batch`);
    const inDim = this.lastAxis(s, 'any');
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer);
    // Any leading sizes, fixed rank and feature size.
    return [...s.slice(0, -1).map(() => null), inDim];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    return [...s.slice(0, -1), this.units];
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input));
    const k = this.kernel as tf.Variable;
    if (x.rank === 2) {
      return { y: matMulBiasAct(x as tf.Tensor2D, k as tf.Tensor2D, this.bias, this.activation) };
    }
    const lead = x.shape.slice(0, -1);
    const x2 = tf.reshape(x, [-1, x.shape[x.rank - 1] as number]) as tf.Tensor2D;
    const y = matMulBiasAct(x2, k as tf.Tensor2D, this.bias, this.activation);
    return { y: tf.reshape(y, [...lead, this.units]), mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}
