import { type ActivationName } from '../layers/activations.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import type { Layer } from '../layers/layer.js';
import { positiveInt, rate } from '../layers/shape.js';
import { Sequential } from '../sequential.js';
import { positiveInts, seedStream } from './seeds.js';

/** Options of {@link mlp}. */
export interface MlpConfig {
  inputSize: number;
  /** Hidden layer sizes, e.g. `[256, 128]` (may be empty: a linear classifier). */
  hidden: number[];
  numClasses: number;
  /** Dropout after each hidden layer. Default 0 (none). */
  dropout?: number;
  /** Hidden activation. Default `'relu'`. */
  activation?: ActivationName;
  /** Default: drawn from the process-wide generator. */
  seed?: number;
  /** Default `'mlp'`. */
  name?: string;
}

/**
 * Multi-layer perceptron classifier: `Dense(h, relu) [Dropout]` per hidden size, then
 * `Dense(numClasses)` giving logits.
 *
 * @example
 * ```ts
 * const model = mlp({ inputSize: 784, hidden: [256, 128], numClasses: 10, dropout: 0.2, seed: 1 });
 * model.countParams(); // 235,146
 * ```
 */
export function mlp(config: MlpConfig): Sequential {
  const who = 'mlp';
  const inputSize = positiveInt(who, 'inputSize', config.inputSize);
  const hidden = positiveInts(who, 'hidden', config.hidden, true);
  const numClasses = positiveInt(who, 'numClasses', config.numClasses);
  const dropout = rate(who, 'dropout', config.dropout ?? 0);
  const seed = seedStream(who, config.seed);
  const layers: Layer[] = [];
  for (const h of hidden) {
    layers.push(new Dense({ units: h, activation: config.activation ?? 'relu', seed: seed() }));
    if (dropout > 0) layers.push(new Dropout({ rate: dropout, seed: seed() }));
  }
  layers.push(new Dense({ units: numClasses, seed: seed() }));
  return new Sequential({ name: config.name ?? 'mlp', inputShape: [inputSize], layers });
}
