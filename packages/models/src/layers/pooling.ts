import { tf } from '@tessera/backend';
import { type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import { convOutSize, formatShape, pair, type Shape } from './shape.js';

/** Options of {@link MaxPooling2D} and {@link AveragePooling2D}. */
export interface Pool2DConfig extends BaseLayerConfig {
  /** Window: default 2. */
  poolSize?: number | [number, number];
  /** Default: the pool size. */
  strides?: number | [number, number];
  /** Default `'valid'`. With `'same'`, averages count only the real (unpadded) inputs, as in TensorFlow. */
  padding?: 'same' | 'valid';
}

/** 2-D pooling over NHWC inputs; `mode` picks max or average. */
abstract class Pool2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  protected abstract readonly mode: 'max' | 'avg';

  constructor(config: Pool2DConfig, prefix: string) {
    super(config, prefix);
    this.poolSize = pair(this.name, 'poolSize', config.poolSize, 2);
    this.strides = pair(this.name, 'strides', config.strides ?? this.poolSize, 1);
    const padding = config.padding ?? 'valid';
    if (padding !== 'same' && padding !== 'valid') {
      throw new Error(`${this.name}: padding must be 'same' or 'valid'; got ${JSON.stringify(config.padding)}`);
    }
    this.padding = padding;
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const c = this.lastAxis(s, 3);
    const out = this.computeOutputShape(s);
    if ((out[0] !== null && (out[0] as number) < 1) || (out[1] !== null && (out[1] as number) < 1)) {
      throw new Error(`${this.name}: input ${formatShape(s)} is smaller than the ${this.poolSize.join('x')} window`);
    }
    return [null, null, c];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    return [
      convOutSize(s[0] ?? null, this.poolSize[0], this.strides[0], 1, this.padding),
      convOutSize(s[1] ?? null, this.poolSize[1], this.strides[1], 1, this.padding),
      s[2] ?? null,
    ];
  }

  protected forward(input: tf.Tensor | tf.Tensor[]): LayerOutput {
    const x = asFloat(one(this.name, input)) as tf.Tensor4D;
    const y =
      this.mode === 'max'
        ? tf.maxPool(x, this.poolSize, this.strides, this.padding)
        : tf.avgPool(x, this.poolSize, this.strides, this.padding);
    return { y };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }
}

/**
 * Max pooling over 2-D windows (NHWC).
 *
 * @example
 * ```ts
 * new MaxPooling2D({ poolSize: 2 }).apply(tf.ones([1, 4, 4, 3])); // [1, 2, 2, 3]
 * ```
 */
export class MaxPooling2D extends Pool2D {
  readonly className: string = 'MaxPooling2D';
  protected readonly mode = 'max';
  constructor(config: Pool2DConfig = {}) {
    super(config, 'max_pooling2d');
  }
}

/**
 * Average pooling over 2-D windows (NHWC).
 *
 * @example
 * ```ts
 * new AveragePooling2D({ poolSize: 2 }).apply(tf.ones([1, 4, 4, 3])); // [1, 2, 2, 3]
 * ```
 */
export class AveragePooling2D extends Pool2D {
  readonly className: string = 'AveragePooling2D';
  protected readonly mode = 'avg';
  constructor(config: Pool2DConfig = {}) {
    super(config, 'average_pooling2d');
  }
}
