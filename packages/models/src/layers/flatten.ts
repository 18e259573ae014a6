import { tf } from '@tessera/backend';
import { type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { knownSize, type Shape } from './shape.js';

/**
 * Flattens each sample: `[batch, ...dims]` -> `[batch, prod(dims)]` (row-major, as Keras'
 * channels-last Flatten, so dense weights after it move between the two).
 *
 * @example
 * ```ts
 * new Flatten().apply(tf.ones([2, 4, 4, 3])); // [2, 48]
 * ```
 */
export class Flatten extends Layer {
  readonly className: string = 'Flatten';

  constructor(config: BaseLayerConfig = {}) {
    super(config, 'flatten');
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    knownSize(this.name, s);
    return s;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [knownSize(this.name, single(this.name, inputShape))];
  }

  protected forward(input: tf.Tensor | tf.Tensor[]): LayerOutput {
    const x = one(this.name, input);
    return { y: tf.reshape(x, [x.shape[0] as number, -1]) };
  }
}
