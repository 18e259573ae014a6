/**
 * UnsortedSegmentSum: out[s, ...] = sum of x[i, ...] over the i whose segment id is s.
 *
 * Why it exists: it is the gradient of `tf.gather` (so of every Embedding layer), and
 * - tfjs-backend-wasm 4.22 does not have it;
 * - tfjs-backend-cpu 4.22 builds one full-size mask, product and sum per segment, so its cost
 *   is numSegments x x.size: a 10 000-word embedding table turns one gradient into billions
 *   of operations and tens of thousands of temporary tensors.
 * This is one pass over x. Ids outside [0, numSegments) are dropped, as in TensorFlow and in
 * the stock cpu kernel. `segmentIds` may have any rank r; it indexes the first r axes of x.
 */
import type * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

type TensorInfo = tf.TensorInfo;

function segmentSum(
  x: Float32Array | Int32Array,
  ids: Int32Array,
  numSegments: number,
  out: Float32Array | Int32Array,
): void {
  const inner = ids.length === 0 ? 0 : x.length / ids.length;
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i] as number;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] = (out[dst + j] as number) + (x[src + j] as number);
  }
}

export const unsortedSegmentSum: PortableKernel = {
  kernelName: 'UnsortedSegmentSum',
  backends: {
    cpu: 'faster: the stock kernel costs numSegments x size',
    wasm: 'missing from tfjs-backend-wasm 4.22',
  },
  run: (inputs, attrs, io) => {
    const x = inputs.x as TensorInfo;
    const segmentIds = inputs.segmentIds as TensorInfo;
    const numSegments = attrs.numSegments as number;
    if (x.dtype !== 'float32' && x.dtype !== 'int32') {
      throw new Error(`UnsortedSegmentSum: x must be float32 or int32; got ${x.dtype}`);
    }
    const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
    const out = io.zeros(outShape, x.dtype);
    segmentSum(io.values(x), io.i32(segmentIds), numSegments, io.values(out));
    return out;
  },
};
