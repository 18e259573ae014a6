/**
 * How `zip` treats datasets of different lengths.
 *
 * @example
 * ```ts
 * const lengths: ZipLengths = 'equal';
 * ```
 */
export type ZipLengths = 'equal' | 'shortest';

/**
 * Iterates several async iterables in lockstep, yielding one array of values per step.
 * With `'equal'` a dataset that ends before the others is an error (nothing is dropped
 * silently); with `'shortest'` iteration stops at the shortest, as tf.data's zip does.
 */
export async function* zipIterables(
  sources: readonly AsyncIterable<unknown>[],
  lengths: ZipLengths,
): AsyncGenerator<unknown[], void, undefined> {
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const finished = sources.map(() => false);
  let count = 0;
  try {
    for (;;) {
      const results = await Promise.all(its.map((it) => it.next()));
      results.forEach((r, i) => {
        if (r.done) finished[i] = true;
      });
      const ended = finished.filter(Boolean).length;
      if (ended === 0) {
        count++;
        yield results.map((r) => r.value);
        continue;
      }
      if (ended === its.length || lengths === 'shortest') return;
      const short = finished.indexOf(true);
      const long = finished.indexOf(false);
      throw new Error(
        `zip: dataset ${short} ended after ${count} elements but dataset ${long} has more; ` +
          `pass { lengths: 'shortest' } to stop at the shortest`,
      );
    }
  } finally {
    await Promise.all(its.map((it, i) => (finished[i] ? undefined : it.return?.())));
  }
}
