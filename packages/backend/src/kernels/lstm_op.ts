/**
 * `lstmSequence(xp, r, mask)`: the fused LSTM layer as an op with its gradient, for layers.
 *
 * Why it exists: the TesseraLstmSequence kernel has three outputs (h, c and the gates, which the
 * backward pass reuses). Under a gradient tape tfjs-core 4.22 gives every output without a
 * gradient a zero gradient built as a JS array and copied into the backend, so calling the
 * kernel directly cost two zero tensors of [batch, time, u] and [batch, time, 4u] per training
 * step (~12 ms of ~50 for the bench's LSTM on wasm). As a customGrad op only `h` is an output:
 * c and the gates are saved for the backward pass, not differentiated.
 */
import * as tf from '../tf.js';
import { LSTM_SEQUENCE_KERNEL, lstmInputGrad, lstmRecurrentGrad } from './lstm_sequence.js';

/**
 * Every hidden state of an LSTM layer, `[batch, time, u]`, from the projected inputs
 * `xp = x W + b` (`[batch, time, 4u]`, gates i, f, c, o), the recurrent kernel `r` (`[u, 4u]`) and
 * `mask` (`[batch, time]`, 1 = real step, 0 = padding: the state is carried over). Sigmoid gates,
 * tanh activations, zero initial state. Differentiable in `xp` and `r`. Needs the fused kernel:
 * `tf.getKernel('TesseraLstmSequence', tf.getBackend())` (cpu and wasm with WebAssembly SIMD).
 *
 * @throws Error when the active backend has no TesseraLstmSequence kernel
 * @example
 * ```ts
 * const h = lstmSequence(xp, recurrentKernel, tf.ones([batch, time])); // [batch, time, u]
 * ```
 */
export function lstmSequence(xp: tf.Tensor3D, r: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
  if (tf.getKernel(LSTM_SEQUENCE_KERNEL, tf.getBackend()) === undefined) {
    throw new Error(`lstmSequence: the ${tf.getBackend()} backend has no ${LSTM_SEQUENCE_KERNEL} kernel (cpu and wasm with WebAssembly SIMD have it)`);
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xpIn, rIn, maskIn, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const [h, c, gates] = tf.engine().runKernel(LSTM_SEQUENCE_KERNEL, { xp: xpIn, r: rIn, mask: maskIn }) as tf.Tensor[];
    save([rIn, maskIn, h as tf.Tensor, c as tf.Tensor, gates as tf.Tensor]);
    return {
      value: h as tf.Tensor,
      gradFunc: (dh: tf.Tensor, saved: tf.Tensor[]) => {
        const [rs, ms, hs, cs, gs] = saved as [tf.Tensor, tf.Tensor, tf.Tensor3D, tf.Tensor, tf.Tensor];
        const dz = lstmInputGrad(rs, ms, cs, gs, dh);
        return [dz, lstmRecurrentGrad(hs, dz), tf.zerosLike(ms)];
      },
    };
  });
  return op(xp, r, mask) as tf.Tensor3D;
}
