import { tf } from '@tessera/backend';

/**
 * Disposes the tensors inside an element that was read ahead but never handed to the
 * consumer (the consumer owns only what it received). Non-tensor values are left alone.
 */
export function disposeUnyielded(value: unknown): void {
  if (value !== null && typeof value === 'object') tf.dispose(value as tf.TensorContainer);
}

/**
 * Reads up to `n` elements of `source` ahead of the consumer, so that producing the next
 * element (parsing, decoding, augmenting) overlaps with consuming this one. At most one
 * `next()` is in flight on the source at a time, as async iterators expect.
 */
export async function* prefetchIterable<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T, void, undefined> {
  const it = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | null = null;
  let pending: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let stopped = false;

  const fill = (): void => {
    if (pending !== null || done || failure !== null || stopped || queue.length >= n) return;
    pending = it
      .next()
      .then(
        (r) => {
          if (r.done) done = true;
          else if (stopped) disposeUnyielded(r.value);
          else queue.push(r.value);
        },
        (error: unknown) => {
          failure = { error };
        },
      )
      .finally(() => {
        pending = null;
        const w = wake;
        wake = null;
        w?.();
        fill();
      });
  };

  try {
    for (;;) {
      fill();
      if (queue.length > 0) {
        const v = queue.shift() as T;
        fill();
        yield v;
        continue;
      }
      if (failure !== null) throw (failure as { error: unknown }).error;
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stopped = true;
    for (const v of queue) disposeUnyielded(v);
    queue.length = 0;
    if (pending !== null) await pending;
    if (!done && failure === null) await it.return?.();
  }
}
