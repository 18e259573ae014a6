import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ConvBaseConfig, ConvBase } from './conv2d.js';
import { single } from './layer.js';
import { positiveInt, type Shape } from './shape.js';

/** Options of {@link DepthwiseConv2D}. */
export interface DepthwiseConv2DConfig extends ConvBaseConfig {
  /** Output channels per input channel. Default 1. */
  depthMultiplier?: number;
  /** Default `'glorotUniform'` (Keras). */
  depthwiseInitializer?: InitializerName;
}

/**
 * Depthwise 2-D convolution: each input channel convolved with its own `depthMultiplier`
 * filters. Weights as Keras: `depthwise_kernel` `[kh, kw, in, depthMultiplier]`,
 * `bias` `[in * depthMultiplier]`.
 *
 * @example
 * ```ts
 * const d = new DepthwiseConv2D({ kernelSize: 3, padding: 'same', seed: 1 });
 * const y = d.apply(tf.ones([1, 8, 8, 4])); // [1, 8, 8, 4]
 * ```
 */
export class DepthwiseConv2D extends ConvBase {
  readonly className: string = 'DepthwiseConv2D';
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: InitializerName;
  protected readonly depthwise = true;

  constructor(config: DepthwiseConv2DConfig) {
    super(config, 'depthwise_conv2d');
    this.depthMultiplier = positiveInt(this.name, 'depthMultiplier', config.depthMultiplier ?? 1);
    this.depthwiseInitializer = checkInitializer(
      this.name,
      'depthwiseInitializer',
      config.depthwiseInitializer ?? 'glorotUniform',
    );
  }

  protected outChannels(inChannels: number): number {
    return inChannels * this.depthMultiplier;
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const inC = this.lastAxis(s, 3);
    this.checkSpatial(s);
    // Keras' fans for a depthwise kernel treat [kh, kw, in, mult] like a conv kernel.
    this.kernel = this.addWeight(
      'depthwise_kernel',
      [...this.kernelSize, inC, this.depthMultiplier],
      this.depthwiseInitializer,
    );
    if (this.useBias) this.bias = this.addWeight('bias', [inC * this.depthMultiplier], this.biasInitializer);
    return [null, null, inC];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: this.depthwiseInitializer,
    };
  }
}
