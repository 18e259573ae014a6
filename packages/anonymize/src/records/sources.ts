import { describe } from '../internal/describe.js';

/**
 * Anything that yields items one at a time: arrays, generators, Node streams in object mode,
 * `@tessera/preprocess` Datasets (async iterables).
 *
 * @example
 * const rows: RecordSource<{ id: number }> = [{ id: 1 }, { id: 2 }];
 */
export type RecordSource<T> = Iterable<T> | AsyncIterable<T>;

/** Iterates sync and async iterables alike, with an error naming the argument otherwise. */
export async function* iterate<T>(caller: string, argName: string, source: RecordSource<T>): AsyncGenerator<T> {
  if (source && typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    yield* source as AsyncIterable<T>;
    return;
  }
  if (source && typeof (source as Iterable<T>)[Symbol.iterator] === 'function' && typeof source !== 'string') {
    yield* source as Iterable<T>;
    return;
  }
  throw new Error(`${caller}: ${argName} must be an iterable or async iterable, got ${describe(source)}`);
}
