/**
 * Identity (tf.clone) on wasm: the same data under one more reference, as tfjs-backend-cpu
 * and wasm's own Reshape do.
 *
 * Why it exists: tfjs-core clones every tensor a gradient function saves for the backward
 * pass, and tfjs-backend-wasm 4.22's Identity copies the whole tensor: ~210 copies of up to
 * 1 MB per training step of a small Transformer (~15 ms). Tensor data is never written in
 * place (kernels write only their outputs; Variable.assign swaps the data), so sharing is
 * safe. String tensors go to the stock kernel.
 */
import type * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

export const identity: PortableKernel = {
  kernelName: 'Identity',
  backends: { wasm: 'faster: shares the data (reference count) instead of copying it' },
  run: (inputs, _attrs, io, stock) => {
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string' || io.share === undefined) {
      if (!stock) throw new Error('Identity: the stock kernel is missing');
      return stock();
    }
    return io.share(x);
  },
};
