import { describe } from '../random_source.js';
import { Dataset, type EpochContext } from './dataset.js';

/**
 * A dataset whose elements come from a (sync or async) generator function, called anew for
 * each epoch with the epoch's context.
 *
 * @example
 * ```ts
 * const ds = fromGenerator(function* () {
 *   for (let i = 0; i < 1000; i++) yield { x: [i, i * 2], y: i % 2 };
 * });
 * ```
 */
export function fromGenerator<T>(generator: (context: EpochContext) => Iterable<T> | AsyncIterable<T>): Dataset<T> {
  if (typeof generator !== 'function') throw new Error(`fromGenerator: generator must be a function; got ${describe(generator)}`);
  return new Dataset<T>(async function* (ctx) {
    const it = generator(ctx);
    if (it === null || typeof it !== 'object' || (!(Symbol.asyncIterator in it) && !(Symbol.iterator in it))) {
      throw new Error(`fromGenerator: generator must return an iterable or async iterable; got ${describe(it)}`);
    }
    yield* it;
  });
}
