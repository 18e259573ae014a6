import { tf } from '@tessera/backend';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import type { Shape } from './shape.js';

/**
 * Average over every axis between batch and channels: `[batch, h, w, c]` -> `[batch, c]`
 * (`GlobalAveragePooling2D`) or `[batch, time, c]` -> `[batch, c]` (`GlobalAveragePooling1D`,
 * which averages only the unmasked steps when a mask comes with the input).
 */
abstract class GlobalAveragePooling extends Layer {
  protected abstract readonly spatialAxes: number;

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const c = this.lastAxis(single(this.name, inputShape), this.spatialAxes + 1);
    return [...Array.from({ length: this.spatialAxes }, () => null), c];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    return [s[s.length - 1] ?? null];
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input));
    const axes = Array.from({ length: this.spatialAxes }, (_, i) => i + 1);
    if (this.spatialAxes !== 1 || options.mask === undefined) return { y: tf.mean(x, axes) };
    // Masked mean: sum of real steps / their count (at least 1, so an all-padding row gives 0).
    const m = tf.expandDims(tf.cast(options.mask, 'float32'), -1);
    const total = tf.sum(tf.mul(x, m), 1);
    const count = tf.maximum(tf.sum(m, 1), 1);
    return { y: tf.div(total, count) };
  }
}

/**
 * Mean over height and width: `[batch, h, w, c]` -> `[batch, c]`.
 *
 * @example
 * ```ts
 * new GlobalAveragePooling2D().apply(tf.ones([2, 4, 4, 8])); // [2, 8]
 * ```
 */
export class GlobalAveragePooling2D extends GlobalAveragePooling {
  readonly className: string = 'GlobalAveragePooling2D';
  protected readonly spatialAxes = 2;
  constructor(config: BaseLayerConfig = {}) {
    super(config, 'global_average_pooling2d');
  }
}

/**
 * Mean over time: `[batch, time, c]` -> `[batch, c]`, over the unmasked steps when a mask
 * comes with the input (e.g. from `Embedding({ maskZero: true })`).
 *
 * @example
 * ```ts
 * new GlobalAveragePooling1D().apply(tf.ones([2, 5, 8]), { mask: tf.tensor2d([[1, 1, 0, 0, 0], [1, 1, 1, 1, 1]]) });
 * ```
 */
export class GlobalAveragePooling1D extends GlobalAveragePooling {
  readonly className: string = 'GlobalAveragePooling1D';
  protected readonly spatialAxes = 1;
  constructor(config: BaseLayerConfig = {}) {
    super(config, 'global_average_pooling1d');
  }
}
