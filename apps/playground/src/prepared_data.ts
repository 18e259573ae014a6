/** A dataset made ready for training: flat float features, integer labels, and its lineage. */
import { tf } from '@tessera/backend';
import type { NodeRef } from '@tessera/lineage';

/**
 * Training and held-out data in plain typed arrays (tensors are made per training run, so a
 * session keeps no tensors between runs).
 *
 * @example
 * ```ts
 * const { x, y } = toTensors(data, 'train', [784]);
 * ```
 */
export interface PreparedData {
  kind: 'digits' | 'csv';
  /** Short name used for the model and files ('digits', 'iris'). */
  name: string;
  /** Features per sample (784 for digits, the encoded width for a CSV). */
  features: number;
  /** Image shape when the samples are images. */
  image: readonly [number, number, number] | null;
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  classNames: readonly string[];
  /** The lineage datasets the model trains and is evaluated on. */
  lineage: { train: NodeRef; test: NodeRef };
}

/**
 * Tensors of one split in the shape a model wants (`[n, ...sampleShape]`); the caller disposes them.
 *
 * @example
 * ```ts
 * const { x, y } = toTensors(data, 'test', [28, 28, 1]);
 * tf.dispose([x, y]);
 * ```
 */
export function toTensors(data: PreparedData, split: 'train' | 'test', sampleShape: readonly number[]): { x: tf.Tensor; y: tf.Tensor1D } {
  const xs = split === 'train' ? data.trainX : data.testX;
  const ys = split === 'train' ? data.trainY : data.testY;
  const per = sampleShape.reduce((a, b) => a * b, 1);
  if (per !== data.features) throw new Error(`toTensors: sampleShape [${sampleShape.join(', ')}] holds ${per} values, the data has ${data.features} features`);
  return { x: tf.tensor(xs, [ys.length, ...sampleShape], 'float32'), y: tf.tensor1d(ys, 'int32') };
}
