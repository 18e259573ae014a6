import { describe } from '../random_source.js';
import { Dataset } from './dataset.js';

/**
 * A dataset over the elements of an array (or any iterable, read again each epoch).
 * The array is not copied: later changes to it show in later epochs.
 *
 * @example
 * ```ts
 * const ds = fromArray([{ x: [0, 1], y: 1 }, { x: [1, 0], y: 0 }]);
 * ```
 */
export function fromArray<T>(items: Iterable<T>): Dataset<T> {
  if (items === null || items === undefined || typeof (items as Iterable<T>)[Symbol.iterator] !== 'function' || typeof items === 'string') {
    throw new Error(`fromArray: items must be an array or another iterable (not a string); got ${describe(items)}`);
  }
  if (Array.isArray(items)) {
    // Arrays are served in slices so that group-wise stages (map, batch, ...) run fast.
    const arr = items as readonly T[];
    return new Dataset<T>({
      chunks: async function* () {
        for (let i = 0; i < arr.length; i += 4096) yield arr.slice(i, i + 4096);
      },
    });
  }
  return new Dataset<T>(async function* () {
    yield* items;
  });
}
