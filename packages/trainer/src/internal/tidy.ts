/** `tf.tidy` for results that hold nulls (tfjs walks them fine; only its type forbids null). */
import { tf } from '@tessera/backend';

/** Runs `fn` in a tidy scope and keeps every tensor reachable from its result. */
export function tidyKeep<T>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
