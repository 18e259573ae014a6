/**
 * GatherV2 (tf.gather): every Embedding lookup.
 *
 * Why it exists: tfjs-backend-wasm 4.22's GatherV2 took ~10-18 ms to look up a [64, 64] batch
 * of ids in a [5000, 64] table (measured in a training step: more than the LSTM's whole
 * forward recurrence); this is one row copy per id. Out-of-range ids throw, as the stock cpu
 * kernel does. `batchDims` other than 0 and non-float32/int32 tensors go to the stock kernel.
 */
import * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

type TensorInfo = tf.TensorInfo;

export const gatherV2: PortableKernel = {
  kernelName: 'GatherV2',
  backends: { wasm: 'faster: one row copy per id instead of the stock loop' },
  run: (inputs, attrs, io, stock) => {
    const x = inputs.x as TensorInfo;
    const indices = inputs.indices as TensorInfo;
    const batchDims = (attrs.batchDims as number | undefined) ?? 0;
    if (batchDims !== 0 || (x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32') {
      if (!stock) throw new Error('GatherV2: the stock kernel is missing');
      return stock();
    }
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0] as number;
    const n = x.shape[axis] as number;
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const ids = io.i32(indices);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id < 0 || id >= n) throw new Error(`GatherV2: the index value ${id} is not in [0, ${n - 1}]`);
    }
    const out = io.empty(outShape, x.dtype);
    // Views after the allocation (on wasm it can move the heap).
    const src = io.values(x);
    const dst = io.values(out);
    const idv = io.i32(indices);
    const k = idv.length;
    for (let o = 0, d = 0; o < outer; o++) {
      const base = o * n * inner;
      for (let i = 0; i < k; i++, d += inner) {
        const s = base + (idv[i] as number) * inner;
        if (inner >= 16) dst.set(src.subarray(s, s + inner), d);
        else for (let j = 0; j < inner; j++) dst[d + j] = src[s + j] as number;
      }
    }
    return out;
  },
};
