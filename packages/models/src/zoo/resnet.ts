import { Activation } from '../layers/activation.js';
import { BatchNormalization } from '../layers/batch_normalization.js';
import { Conv2D } from '../layers/conv2d.js';
import { Dense } from '../layers/dense.js';
import { GlobalAveragePooling2D } from '../layers/global_pooling.js';
import type { Layer } from '../layers/layer.js';
import { Residual } from '../layers/residual.js';
import { positiveInt } from '../layers/shape.js';
import { Sequential } from '../sequential.js';
import { positiveInts, seedStream } from './seeds.js';

/** Options of {@link resnet}. */
export interface ResnetConfig {
  /** `[height, width, channels]`. */
  inputShape: [number, number, number];
  /** Filters per stage; every stage after the first halves the resolution. Default `[16, 32, 64]` (ResNet-20's widths). */
  filters?: number[];
  /** Residual blocks per stage. Default 1. */
  blocksPerStage?: number;
  numClasses: number;
  /** Default: drawn from the process-wide generator. */
  seed?: number;
  /** Default `'resnet'`. */
  name?: string;
}

/**
 * A small residual CNN in the style of He et al.'s CIFAR ResNets: a 3x3 stem
 * (`Conv-BN-ReLU`), then per stage `blocksPerStage` basic blocks
 * `relu(BN(conv3x3(relu(BN(conv3x3(x))))) + shortcut(x))` (the shortcut a strided 1x1
 * `Conv-BN` where the shape changes), global average pooling and `Dense(numClasses)` (logits).
 *
 * @example
 * ```ts
 * const model = resnet({ inputShape: [32, 32, 3], filters: [16, 32, 64], blocksPerStage: 3, numClasses: 10, seed: 1 });
 * // ResNet-20: 274,042 parameters (272,474 trainable; the rest are BatchNorm moving statistics)
 * ```
 */
export function resnet(config: ResnetConfig): Sequential {
  const who = 'resnet';
  const shape = config.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new Error(`${who}: inputShape must be [height, width, channels]; got ${JSON.stringify(shape)}`);
  }
  shape.forEach((d, i) => positiveInt(who, `inputShape[${i}]`, d));
  const filters = positiveInts(who, 'filters', config.filters ?? [16, 32, 64], false);
  const blocks = positiveInt(who, 'blocksPerStage', config.blocksPerStage ?? 1);
  const numClasses = positiveInt(who, 'numClasses', config.numClasses);
  const seed = seedStream(who, config.seed);
  const conv = (f: number, k: number, strides: number): Conv2D =>
    new Conv2D({
      filters: f,
      kernelSize: k,
      strides,
      padding: 'same',
      useBias: false,
      kernelInitializer: 'heNormal',
      seed: seed(),
    });
  const bn = (): BatchNormalization => new BatchNormalization({ seed: seed() });
  const relu = (): Activation => new Activation({ activation: 'relu', seed: seed() });
  const layers: Layer[] = [conv(filters[0] as number, 3, 1), bn(), relu()];
  let channels = filters[0] as number;
  filters.forEach((f, stage) => {
    for (let b = 0; b < blocks; b++) {
      const strides = stage > 0 && b === 0 ? 2 : 1;
      const project = strides !== 1 || channels !== f;
      layers.push(
        new Residual({
          layers: [conv(f, 3, strides), bn(), relu(), conv(f, 3, 1), bn()],
          shortcut: project ? [conv(f, 1, strides), bn()] : [],
          activation: 'relu',
          seed: seed(),
        }),
      );
      channels = f;
    }
  });
  layers.push(new GlobalAveragePooling2D({ seed: seed() }), new Dense({ units: numClasses, seed: seed() }));
  return new Sequential({ name: config.name ?? 'resnet', inputShape: [...shape], layers });
}
