import type { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ActivationName, checkActivation } from './activations.js';
import { convBiasAct, type ConvGeometry } from './fused.js';
import { asFloat, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { convOutSize, pair, positiveInt, type Shape } from './shape.js';

/** Options shared by {@link Conv2D} and {@link DepthwiseConv2D}. */
export interface ConvBaseConfig extends BaseLayerConfig {
  /** Window size: `3` or `[3, 5]`. */
  kernelSize: number | [number, number];
  /** Default 1. Strides above 1 need dilation rate 1 (tfjs-core). */
  strides?: number | [number, number];
  /** Default `'valid'`. */
  padding?: 'same' | 'valid';
  /** Default 1. */
  dilationRate?: number | [number, number];
  /** Default `'linear'`. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName;
}

/** Options of {@link Conv2D}. */
export interface Conv2DConfig extends ConvBaseConfig {
  filters: number;
  /** Default `'glorotUniform'` (Keras). */
  kernelInitializer?: InitializerName;
}

/** Validated geometry plus activation and bias, shared by both convolutions. */
export abstract class ConvBase extends Layer {
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  readonly dilationRate: [number, number];
  readonly activation: ActivationName;
  readonly useBias: boolean;
  readonly biasInitializer: InitializerName;
  protected kernel: tf.Variable | null = null;
  protected bias: tf.Variable | null = null;

  constructor(config: ConvBaseConfig, prefix: string) {
    super(config, prefix);
    this.kernelSize = pair(this.name, 'kernelSize', config.kernelSize, 0);
    this.strides = pair(this.name, 'strides', config.strides, 1);
    this.dilationRate = pair(this.name, 'dilationRate', config.dilationRate, 1);
    const padding = config.padding ?? 'valid';
    if (padding !== 'same' && padding !== 'valid') {
      throw new Error(`${this.name}: padding must be 'same' or 'valid'; got ${JSON.stringify(config.padding)}`);
    }
    this.padding = padding;
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new Error(
        `${this.name}: strides [${this.strides.join(', ')}] and dilationRate [${this.dilationRate.join(', ')}] ` +
          'cannot both exceed 1 (tfjs-core convolutions support one or the other)',
      );
    }
    this.activation = checkActivation(this.name, 'activation', config.activation ?? 'linear');
    this.useBias = config.useBias ?? true;
    this.biasInitializer = checkInitializer(this.name, 'biasInitializer', config.biasInitializer ?? 'zeros');
  }

  protected abstract outChannels(inChannels: number): number;
  protected abstract readonly depthwise: boolean;

  protected geometry(): ConvGeometry {
    return { strides: this.strides, padding: this.padding, dilations: this.dilationRate };
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const c = s[2];
    return [
      convOutSize(s[0] ?? null, this.kernelSize[0], this.strides[0], this.dilationRate[0], this.padding),
      convOutSize(s[1] ?? null, this.kernelSize[1], this.strides[1], this.dilationRate[1], this.padding),
      c === null || c === undefined ? null : this.outChannels(c),
    ];
  }

  /** Checks that the spatial size leaves at least one output position. */
  protected checkSpatial(s: Shape): void {
    const out = this.computeOutputShape(s);
    if ((out[0] !== null && (out[0] as number) < 1) || (out[1] !== null && (out[1] as number) < 1)) {
      throw new Error(
        `${this.name}: input [null, ${s.join(', ')}] is smaller than the ${this.kernelSize.join('x')} window ` +
          `(dilation ${this.dilationRate.join('x')}, padding 'valid')`,
      );
    }
  }

  protected forward(input: tf.Tensor | tf.Tensor[]): LayerOutput {
    const x = asFloat(one(this.name, input)) as tf.Tensor4D;
    const y = convBiasAct(this.depthwise, x, this.kernel as tf.Tensor4D, this.bias, this.activation, this.geometry());
    return { y };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      activation: this.activation,
      useBias: this.useBias,
      biasInitializer: this.biasInitializer,
    };
  }
}

/**
 * 2-D convolution over NHWC inputs: `activation(conv(x, kernel) + bias)`.
 * Weights as Keras: `kernel` `[kh, kw, in, filters]`, `bias` `[filters]`.
 *
 * @example
 * ```ts
 * const c = new Conv2D({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 });
 * const y = c.apply(tf.ones([1, 28, 28, 1])); // [1, 28, 28, 8]
 * ```
 */
export class Conv2D extends ConvBase {
  readonly className: string = 'Conv2D';
  readonly filters: number;
  readonly kernelInitializer: InitializerName;
  protected readonly depthwise = false;

  constructor(config: Conv2DConfig) {
    super(config, 'conv2d');
    this.filters = positiveInt(this.name, 'filters', config.filters);
    this.kernelInitializer = checkInitializer(
      this.name,
      'kernelInitializer',
      config.kernelInitializer ?? 'glorotUniform',
    );
  }

  protected outChannels(): number {
    return this.filters;
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const inC = this.lastAxis(s, 3);
    this.checkSpatial(s);
    this.kernel = this.addWeight('kernel', [...this.kernelSize, inC, this.filters], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer);
    return [null, null, inC];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), filters: this.filters, kernelInitializer: this.kernelInitializer };
  }
}
