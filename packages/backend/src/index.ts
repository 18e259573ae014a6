/**
 * @tessera/backend: the one place that loads TensorFlow.js core and its backends.
 *
 * @example
 * ```ts
 * import { tf, useBackend, seed } from '@tessera/backend';
 * await useBackend('auto');
 * seed(42);
 * const y = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])));
 * ```
 */
import * as tf from './tf.js';

export { tf };
export { useBackend, availableBackends } from './use_backend.js';
export type { BackendName, BackendInfo, UseBackendOptions, Fallback } from './use_backend.js';
export { Rng, seed, getRng } from './random.js';
export type { RngState } from './random.js';
export { expectNoLeaks } from './leaks.js';
export type { LeakCheckOptions } from './leaks.js';
export { lstmSequence } from './kernels/lstm_op.js';
export { ADAM_KERNEL } from './kernels/adam.js';
export { LSTM_SEQUENCE_KERNEL } from './kernels/lstm_sequence.js';
