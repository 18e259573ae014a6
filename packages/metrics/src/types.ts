/**
 * Input types shared by every metric. Plain arrays, typed arrays and tensors from
 * `@tessera/backend` are all accepted; values are read once and computed in float64.
 */
import type { tf } from '@tessera/backend';

/**
 * A flat array of numbers: a plain array or any numeric typed array.
 *
 * @example
 * ```ts
 * const a: NumericArray = [0, 1, 1];
 * const b: NumericArray = new Float32Array([0.2, 0.9]);
 * ```
 */
export type NumericArray =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/**
 * One value per sample: a {@link NumericArray} or a 1-D tensor (an `[n, 1]` tensor or
 * column is accepted too, like scikit-learn's `column_or_1d`).
 *
 * @example
 * ```ts
 * const yTrue: Vector = [0, 1, 2];
 * const yScore: Vector = tf.tensor1d([0.1, 0.8]);
 * ```
 */
export type Vector = NumericArray | tf.Tensor;

/**
 * One row per sample, one column per class: an array of rows (`number[][]`, or rows as typed
 * arrays) or a 2-D tensor of shape `[n, numClasses]`.
 *
 * @example
 * ```ts
 * const yProb: Matrix = [[0.7, 0.3], [0.1, 0.9]];
 * const yProb2: Matrix = tf.softmax(logits); // shape [n, k]
 * ```
 */
export type Matrix = readonly NumericArray[] | tf.Tensor;
