import * as tf from './tf.js';

/** Options for {@link expectNoLeaks}. */
export interface LeakCheckOptions {
  /** Name used in the error message. */
  label?: string;
  /** Tensors the call may leave alive on purpose (e.g. the result it returns). Default 0. */
  allow?: number;
}

/**
 * Runs `fn` and throws if it leaves more (or fewer) live tensors than it started with,
 * plus `allow`. Works with sync and async functions; resolves to `fn`'s result.
 *
 * @example
 * ```ts
 * await expectNoLeaks(() => { tf.dispose(tf.add(a, b)); });
 * const y = await expectNoLeaks(() => model.apply(x), { allow: 1, label: 'apply' });
 * ```
 */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>, options: LeakCheckOptions = {}): Promise<T> {
  const allow = options.allow ?? 0;
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after - before !== allow) {
    const what = options.label ? `${options.label}: ` : '';
    throw new Error(
      `${what}expected ${allow} new live tensor(s) after the call, found ${after - before} ` +
        `(numTensors ${before} -> ${after})`,
    );
  }
  return result;
}
