import { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { positiveInt, type Shape } from './shape.js';

/** Options of {@link Embedding}. */
export interface EmbeddingConfig extends BaseLayerConfig {
  /** Vocabulary size: ids lie in [0, inputDim). */
  inputDim: number;
  /** Vector size. */
  outputDim: number;
  /** Id 0 is padding: the layer emits a mask (`id != 0`, and-ed with any mask given) that later layers honour. Default false. */
  maskZero?: boolean;
  /** Default `'uniform'` (Keras: U(-0.05, 0.05)). */
  embeddingsInitializer?: InitializerName;
}

/**
 * Looks up a vector per token id: `[batch, time]` ids -> `[batch, time, outputDim]`.
 * Weight as Keras: `embeddings` `[inputDim, outputDim]`. Its gradient is a sparse row sum
 * (UnsortedSegmentSum), which @tessera/backend provides on wasm.
 *
 * Ids outside [0, inputDim) throw (checked on the host for cpu and wasm, where the data
 * already lives; GPU backends skip the check rather than stall on a read).
 *
 * @example
 * ```ts
 * const e = new Embedding({ inputDim: 100, outputDim: 8, maskZero: true, seed: 1 });
 * const v = e.apply(tf.tensor2d([[5, 9, 0]], [1, 3], 'int32')); // [1, 3, 8]
 * ```
 */
export class Embedding extends Layer {
  readonly className: string = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly embeddingsInitializer: InitializerName;
  private embeddings: tf.Variable | null = null;

  constructor(config: EmbeddingConfig) {
    super(config, 'embedding');
    this.inputDim = positiveInt(this.name, 'inputDim', config.inputDim);
    this.outputDim = positiveInt(this.name, 'outputDim', config.outputDim);
    this.maskZero = config.maskZero ?? false;
    this.embeddingsInitializer = checkInitializer(
      this.name,
      'embeddingsInitializer',
      config.embeddingsInitializer ?? 'uniform',
    );
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    if (s.length < 1) throw new Error(`${this.name}: expected ids of shape [batch, time], received a rank-1 batch`);
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer);
    return s.map(() => null);
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...single(this.name, inputShape), this.outputDim];
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const raw = one(this.name, input);
    const ids = raw.dtype === 'int32' ? raw : tf.cast(raw, 'int32');
    this.checkIds(raw);
    const y = tf.gather(this.embeddings as tf.Variable, ids);
    let mask = options.mask;
    if (this.maskZero) {
      const pad = tf.notEqual(ids, 0);
      // A mask given with the input still applies: both must allow a step.
      mask = mask === undefined ? pad : tf.logicalAnd(pad, tf.cast(mask, 'bool'));
    }
    return { y, mask };
  }

  private checkIds(x: tf.Tensor): void {
    const b = tf.getBackend();
    if (b !== 'cpu' && b !== 'wasm') return;
    const v = x.dataSync();
    for (let i = 0; i < v.length; i++) {
      const id = v[i] as number;
      if (!(id >= 0 && id < this.inputDim && Number.isInteger(id))) {
        throw new Error(
          `${this.name}: token ids must be integers in [0, ${this.inputDim}); found ${id} at flat index ${i}`,
        );
      }
    }
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      maskZero: this.maskZero,
      embeddingsInitializer: this.embeddingsInitializer,
    };
  }
}
