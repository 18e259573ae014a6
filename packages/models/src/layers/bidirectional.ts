import { Rng, tf } from '@tessera/backend';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import type { Recurrent } from './recurrent.js';
import type { Shape } from './shape.js';

/** Options of {@link Bidirectional}. */
export interface BidirectionalConfig extends BaseLayerConfig {
  /** The forward layer; a copy running backwards (same config, seeded from this wrapper's seed) is made. */
  layer: Recurrent;
}

/**
 * Runs a recurrent layer forwards and a copy of it backwards and concatenates their outputs on
 * the last axis (Keras' `merge_mode='concat'`). With `returnSequences`, the backward output is
 * put back in input order first. Masks apply to both directions.
 *
 * Weights: the forward layer's, then the backward layer's, named
 * `forward_<layer>/...` and `backward_<layer>/...` as in Keras.
 *
 * @example
 * ```ts
 * const bi = new Bidirectional({ layer: new LSTM({ units: 8, seed: 1 }), seed: 2 });
 * const y = bi.apply(tf.ones([2, 5, 3])); // [2, 16]
 * ```
 */
export class Bidirectional extends Layer {
  readonly className: string = 'Bidirectional';
  readonly forwardLayer: Recurrent;
  readonly backwardLayer: Recurrent;

  constructor(config: BidirectionalConfig) {
    super(config, 'bidirectional');
    const inner = config.layer;
    if (inner === undefined || typeof (inner as Partial<Recurrent>).reversedCopy !== 'function') {
      throw new Error(
        `${this.name}: layer must be a SimpleRNN, LSTM or GRU; got ${String((inner as Partial<Layer> | undefined)?.className ?? inner)}`,
      );
    }
    if (inner.built) throw new Error(`${this.name}: layer must not be built yet (it is built with the wrapper)`);
    const base = inner.name;
    inner.name = base.startsWith('forward_') ? base : `forward_${base}`;
    this.forwardLayer = inner;
    this.backwardLayer = inner.reversedCopy(`backward_${base.replace(/^forward_/, '')}`, new Rng(this.seed).nextSeed());
  }

  protected override children(): Layer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    this.forwardLayer.build(s);
    this.backwardLayer.build(s);
    return this.forwardLayer.inputSpec as Shape;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const f = this.forwardLayer.computeOutputShape(inputShape);
    return [...f.slice(0, -1), 2 * this.forwardLayer.units];
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = one(this.name, input);
    const f = this.forwardLayer.call(x, options);
    const b = this.backwardLayer.call(x, options);
    const seq = this.forwardLayer.returnSequences;
    const yb = seq ? tf.reverse(b.y, 1) : b.y;
    return { y: tf.concat([f.y, yb], -1), mask: seq ? options.mask : undefined };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: this.forwardLayer.toJSON() };
  }
}
