/** The zoo models the page offers, built from @tessera/models for the chosen data. */
import { cnn, mlp, type Sequential } from '@tessera/models';
import type { PreparedData } from './prepared_data.js';

/** One entry of the model menu. */
export interface ZooChoice {
  id: string;
  label: string;
  /** Whether it fits the data (CNNs need images). */
  fits(data: PreparedData): boolean;
  /** The per-sample input shape the model wants. */
  sampleShape(data: PreparedData): number[];
  build(data: PreparedData, seed: number): Sequential;
}

const flat = (d: PreparedData) => [d.features];
const image = (d: PreparedData) => {
  if (!d.image) throw new Error(`model_zoo: a CNN needs image data, and ${d.name} is tabular`);
  return [...d.image];
};

/**
 * The menu: MLPs for anything, CNNs for images.
 *
 * @example
 * ```ts
 * const model = ZOO.find((z) => z.id === 'mlp')!.build(data, 1);
 * ```
 */
export const ZOO: readonly ZooChoice[] = [
  {
    id: 'mlp',
    label: 'MLP (one hidden layer: 128 units for images, 32 for tables)',
    fits: () => true,
    sampleShape: flat,
    build: (d, seed) => mlp({ inputSize: d.features, hidden: [d.image ? 128 : 32], numClasses: d.classNames.length, seed }),
  },
  {
    id: 'mlp-deep',
    label: 'MLP (256, 128, dropout 0.2)',
    fits: () => true,
    sampleShape: flat,
    build: (d, seed) => mlp({ inputSize: d.features, hidden: [256, 128], dropout: 0.2, numClasses: d.classNames.length, seed }),
  },
  {
    id: 'cnn-small',
    label: 'CNN small (8, 16 filters; dense 32)',
    fits: (d) => d.image !== null,
    sampleShape: image,
    build: (d, seed) => cnn({ inputShape: image(d) as [number, number, number], filters: [8, 16], dense: [32], numClasses: d.classNames.length, seed }),
  },
  {
    id: 'cnn',
    label: 'CNN (16, 32 filters; dense 64; batch norm)',
    fits: (d) => d.image !== null,
    sampleShape: image,
    build: (d, seed) =>
      cnn({ inputShape: image(d) as [number, number, number], filters: [16, 32], dense: [64], batchNorm: true, numClasses: d.classNames.length, seed }),
  },
];
