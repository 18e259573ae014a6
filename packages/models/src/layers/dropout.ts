import { tf } from '@tessera/backend';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { rate, type Shape } from './shape.js';

/** Options of {@link Dropout}. */
export interface DropoutConfig extends BaseLayerConfig {
  /** Fraction of inputs zeroed in training, in [0, 1). */
  rate: number;
}

/**
 * Inverted dropout: in training, zeroes each input with probability `rate` and scales the rest
 * by `1 / (1 - rate)`; identity in inference. Masks come from the layer's seeded stream, so the
 * same seed gives the same masks in the same order on every backend.
 *
 * @example
 * ```ts
 * const d = new Dropout({ rate: 0.5, seed: 7 });
 * const y = d.apply(tf.ones([2, 4]), { training: true }); // zeros and 2s
 * ```
 */
export class Dropout extends Layer {
  readonly className: string = 'Dropout';
  readonly rate: number;

  constructor(config: DropoutConfig) {
    super(config, 'dropout');
    this.rate = rate(this.name, 'rate', config.rate);
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape).map(() => null);
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = one(this.name, input);
    if (!options.training || this.rate === 0) return { y: x, mask: options.mask };
    // One tensor from a JS-filled mask and one multiply: cheaper than tf.dropout's four ops.
    const keep = 1 - this.rate;
    const scale = 1 / keep;
    const m = new Float32Array(x.size);
    for (let i = 0; i < m.length; i++) m[i] = this.rng.next() < keep ? scale : 0;
    return { y: tf.mul(x, tf.tensor(m, x.shape, 'float32')), mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate };
  }
}
