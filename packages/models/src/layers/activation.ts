import type { tf } from '@tessera/backend';
import { activate, type ActivationName, checkActivation } from './activations.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import type { Shape } from './shape.js';

/** Options of {@link Activation}. */
export interface ActivationConfig extends BaseLayerConfig {
  activation: ActivationName;
}

/**
 * Applies an activation function element-wise (softmax over the last axis).
 *
 * @example
 * ```ts
 * new Activation({ activation: 'gelu' }).apply(tf.tensor2d([[-1, 0, 1]]));
 * ```
 */
export class Activation extends Layer {
  readonly className: string = 'Activation';
  readonly activation: ActivationName;

  constructor(config: ActivationConfig) {
    super(config, 'activation');
    this.activation = checkActivation(this.name, 'activation', config.activation);
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape).map(() => null);
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    return { y: activate(asFloat(one(this.name, input)), this.activation), mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: this.activation };
  }
}
