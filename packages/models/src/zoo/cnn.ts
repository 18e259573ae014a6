import { Activation } from '../layers/activation.js';
import { BatchNormalization } from '../layers/batch_normalization.js';
import { Conv2D } from '../layers/conv2d.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Flatten } from '../layers/flatten.js';
import type { Layer } from '../layers/layer.js';
import { MaxPooling2D } from '../layers/pooling.js';
import { positiveInt, rate } from '../layers/shape.js';
import { Sequential } from '../sequential.js';
import { positiveInts, seedStream } from './seeds.js';

/** Options of {@link cnn}. */
export interface CnnConfig {
  /** `[height, width, channels]`. */
  inputShape: [number, number, number];
  /** Filters of each 3x3 'same' convolution; each is followed by ReLU and 2x2 max pooling. */
  filters: number[];
  /** Sizes of the ReLU dense layers after flattening. */
  dense: number[];
  numClasses: number;
  /** BatchNormalization between each convolution (then without bias) and its ReLU. Default false. */
  batchNorm?: boolean;
  /** Dropout before each dense layer after the flatten. Default 0. */
  dropout?: number;
  /** Default: drawn from the process-wide generator. */
  seed?: number;
  /** Default `'cnn'`. */
  name?: string;
}

/**
 * Convolutional classifier: per entry of `filters`, `Conv2D(f, 3x3, same) [BatchNorm] ReLU
 * MaxPool(2)`; then `Flatten`, `Dense(d, relu)` per entry of `dense`, and `Dense(numClasses)`
 * (logits). `cnn({ inputShape: [32, 32, 3], filters: [32, 64], dense: [128], numClasses: 10 })` is
 * the seed document's CIFAR network: 545,098 parameters.
 *
 * @example
 * ```ts
 * const model = cnn({ inputShape: [32, 32, 3], filters: [32, 64], dense: [128], numClasses: 10, seed: 1 });
 * model.countParams(); // 545098
 * ```
 */
export function cnn(config: CnnConfig): Sequential {
  const who = 'cnn';
  const shape = config.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new Error(`${who}: inputShape must be [height, width, channels]; got ${JSON.stringify(shape)}`);
  }
  shape.forEach((d, i) => positiveInt(who, `inputShape[${i}]`, d));
  const filters = positiveInts(who, 'filters', config.filters, true);
  const dense = positiveInts(who, 'dense', config.dense, true);
  const numClasses = positiveInt(who, 'numClasses', config.numClasses);
  const dropout = rate(who, 'dropout', config.dropout ?? 0);
  const bn = config.batchNorm ?? false;
  const seed = seedStream(who, config.seed);
  const layers: Layer[] = [];
  for (const f of filters) {
    layers.push(
      new Conv2D({
        filters: f,
        kernelSize: 3,
        padding: 'same',
        activation: bn ? 'linear' : 'relu',
        useBias: !bn,
        seed: seed(),
      }),
    );
    if (bn) layers.push(new BatchNormalization({ seed: seed() }), new Activation({ activation: 'relu', seed: seed() }));
    layers.push(new MaxPooling2D({ poolSize: 2, seed: seed() }));
  }
  layers.push(new Flatten({ seed: seed() }));
  for (const d of dense) {
    if (dropout > 0) layers.push(new Dropout({ rate: dropout, seed: seed() }));
    layers.push(new Dense({ units: d, activation: 'relu', seed: seed() }));
  }
  if (dropout > 0) layers.push(new Dropout({ rate: dropout, seed: seed() }));
  layers.push(new Dense({ units: numClasses, seed: seed() }));
  return new Sequential({ name: config.name ?? 'cnn', inputShape: [...shape], layers });
}
