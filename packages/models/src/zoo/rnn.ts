import { Bidirectional } from '../layers/bidirectional.js';
import { Dense } from '../layers/dense.js';
import { Embedding } from '../layers/embedding.js';
import { GRU } from '../layers/gru.js';
import { LSTM } from '../layers/lstm.js';
import type { Recurrent } from '../layers/recurrent.js';
import { positiveInt } from '../layers/shape.js';
import { SimpleRNN } from '../layers/simple_rnn.js';
import { Sequential } from '../sequential.js';
import { seedStream } from './seeds.js';

/** Options of {@link rnn}. */
export interface RnnConfig {
  vocabSize: number;
  embedDim: number;
  cell: 'lstm' | 'gru' | 'simple';
  units: number;
  /** Run the cell both ways and concatenate. Default false. */
  bidirectional?: boolean;
  numClasses: number;
  /** Token id 0 is padding (masked). Default true. */
  maskZero?: boolean;
  /** Fixed sequence length, checked on input; default any length. */
  maxLen?: number;
  /** Default: drawn from the process-wide generator. */
  seed?: number;
  /** Default `'rnn'`. */
  name?: string;
}

/**
 * Text classifier: `Embedding(vocabSize, embedDim, maskZero)`, one recurrent layer (LSTM, GRU
 * in its Keras 2+/PyTorch form, or SimpleRNN; optionally bidirectional) returning its last
 * state, and `Dense(numClasses)` (logits). Inputs are int32 token ids `[batch, time]`; with
 * `maskZero`, id 0 is padding and padded steps leave the state unchanged.
 *
 * @example
 * ```ts
 * const model = rnn({ vocabSize: 5000, embedDim: 64, cell: 'lstm', units: 64, numClasses: 2, seed: 1 });
 * const logits = model.apply(tf.tensor2d([[4, 17, 9, 0, 0]], [1, 5], 'int32')); // [1, 2]
 * ```
 */
export function rnn(config: RnnConfig): Sequential {
  const who = 'rnn';
  const vocabSize = positiveInt(who, 'vocabSize', config.vocabSize);
  const embedDim = positiveInt(who, 'embedDim', config.embedDim);
  const units = positiveInt(who, 'units', config.units);
  const numClasses = positiveInt(who, 'numClasses', config.numClasses);
  const maxLen = config.maxLen === undefined ? null : positiveInt(who, 'maxLen', config.maxLen);
  const seed = seedStream(who, config.seed);
  const embedding = new Embedding({
    inputDim: vocabSize,
    outputDim: embedDim,
    maskZero: config.maskZero ?? true,
    seed: seed(),
  });
  const cellSeed = seed();
  let cell: Recurrent;
  if (config.cell === 'lstm') cell = new LSTM({ units, seed: cellSeed });
  else if (config.cell === 'gru') cell = new GRU({ units, seed: cellSeed });
  else if (config.cell === 'simple') cell = new SimpleRNN({ units, seed: cellSeed });
  else throw new Error(`${who}: cell must be 'lstm', 'gru' or 'simple'; got ${JSON.stringify(config.cell)}`);
  const recurrent = config.bidirectional ? new Bidirectional({ layer: cell, seed: seed() }) : cell;
  return new Sequential({
    name: config.name ?? 'rnn',
    inputShape: [maxLen],
    inputDtype: 'int32',
    layers: [embedding, recurrent, new Dense({ units: numClasses, seed: seed() })],
  });
}
