import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Embedding } from '../layers/embedding.js';
import { GlobalAveragePooling1D } from '../layers/global_pooling.js';
import type { Layer } from '../layers/layer.js';
import { LayerNormalization } from '../layers/layer_normalization.js';
import { PositionalEncoding } from '../layers/positional_encoding.js';
import { positiveInt, rate } from '../layers/shape.js';
import { TransformerEncoder } from '../layers/transformer_encoder.js';
import { Sequential } from '../sequential.js';
import { seedStream } from './seeds.js';

/** Options of {@link transformer}. */
export interface TransformerConfig {
  vocabSize: number;
  /** Longest input sequence. */
  maxLen: number;
  dModel: number;
  /** Attention heads; must divide `dModel`. */
  heads: number;
  /** Encoder blocks. */
  layers: number;
  ffDim: number;
  numClasses: number;
  /** Dropout after the embeddings and inside each block. Default 0. */
  dropout?: number;
  /** Pre-norm blocks (plus a final LayerNormalization) instead of post-norm. Default false. */
  normFirst?: boolean;
  /** Default `'sinusoidal'`. */
  positional?: 'sinusoidal' | 'learned';
  /** Token id 0 is padding (masked in attention and pooling). Default true. */
  maskZero?: boolean;
  /** Default: drawn from the process-wide generator. */
  seed?: number;
  /** Default `'transformer'`. */
  name?: string;
}

/**
 * Transformer encoder classifier: `Embedding(vocabSize, dModel, maskZero)`, positional encoding,
 * `layers` x {@link TransformerEncoder}, masked mean over time and `Dense(numClasses)` (logits).
 * Inputs are int32 token ids `[batch, time]` with `time <= maxLen`.
 *
 * @example
 * ```ts
 * const model = transformer({ vocabSize: 5000, maxLen: 64, dModel: 64, heads: 4, layers: 2, ffDim: 128, numClasses: 2, seed: 1 });
 * const logits = model.apply(tf.tensor2d([[4, 17, 9, 0]], [1, 4], 'int32')); // [1, 2]
 * ```
 */
export function transformer(config: TransformerConfig): Sequential {
  const who = 'transformer';
  const vocabSize = positiveInt(who, 'vocabSize', config.vocabSize);
  const maxLen = positiveInt(who, 'maxLen', config.maxLen);
  const dModel = positiveInt(who, 'dModel', config.dModel);
  const heads = positiveInt(who, 'heads', config.heads);
  const blocks = positiveInt(who, 'layers', config.layers);
  const ffDim = positiveInt(who, 'ffDim', config.ffDim);
  const numClasses = positiveInt(who, 'numClasses', config.numClasses);
  const dropout = rate(who, 'dropout', config.dropout ?? 0);
  if (dModel % heads !== 0) throw new Error(`${who}: dModel ${dModel} must be divisible by heads ${heads}`);
  const normFirst = config.normFirst ?? false;
  const seed = seedStream(who, config.seed);
  const layers: Layer[] = [
    new Embedding({ inputDim: vocabSize, outputDim: dModel, maskZero: config.maskZero ?? true, seed: seed() }),
    new PositionalEncoding({ maxLen, kind: config.positional ?? 'sinusoidal', seed: seed() }),
  ];
  if (dropout > 0) layers.push(new Dropout({ rate: dropout, seed: seed() }));
  for (let i = 0; i < blocks; i++) {
    layers.push(new TransformerEncoder({ numHeads: heads, ffDim, dropout, normFirst, seed: seed() }));
  }
  if (normFirst) layers.push(new LayerNormalization({ epsilon: 1e-5, seed: seed() }));
  layers.push(new GlobalAveragePooling1D({ seed: seed() }), new Dense({ units: numClasses, seed: seed() }));
  return new Sequential({ name: config.name ?? 'transformer', inputShape: [null], inputDtype: 'int32', layers });
}
