/**
 * Slice on wasm, reading the input in place.
 *
 * Why it exists: tfjs-backend-wasm 4.22's Slice first copies the whole input out of the wasm
 * heap (`readSync`) and then keeps a part of the copy, so slicing one batch of 64 rows from a
 * 12,800-row dataset tensor costs as much as copying all 12,800 rows (~130 ms for 40 MB):
 * `fit` over tensors slices each batch that way. This kernel copies only the rows it keeps,
 * one contiguous run of the innermost axis at a time, from a view of the heap.
 * String and bool tensors go to the stock kernel.
 */
import * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

export const slice: PortableKernel = {
  kernelName: 'Slice',
  backends: { wasm: 'faster: copies only the part it keeps (the stock kernel copies the whole input first)' },
  run: (inputs, attrs, io, stock) => {
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype !== 'float32' && x.dtype !== 'int32') {
      if (!stock) throw new Error('Slice: the stock kernel is missing');
      return stock();
    }
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[] | number, attrs.size as number[] | number | undefined) as [number[], number[]];
    tf.slice_util.assertParamsValid(x, begin, size);
    const out = io.empty(size, x.dtype);
    // Views after the allocation: growing the heap detaches earlier ones.
    const src = io.values(x);
    const dst = io.values(out);
    const rank = x.shape.length;
    if (rank === 0 || dst.length === 0) {
      if (rank === 0) dst[0] = src[0]!;
      return out;
    }
    const strides = tf.util.computeStrides(x.shape);
    // Trailing axes taken whole merge with the innermost kept run into one contiguous copy.
    let inner = rank - 1;
    let run = size[inner]!;
    while (inner > 0 && size[inner] === x.shape[inner] && begin[inner] === 0) {
      inner--;
      run *= size[inner]!;
    }
    if (inner === 0) {
      const from = begin[0]! * (strides[0] ?? 1);
      dst.set(src.subarray(from, from + run));
      return out;
    }
    // Odometer over the outer axes 0..inner-1; each step copies one run.
    const idx = new Array<number>(inner).fill(0);
    const innerStride = inner < rank - 1 ? strides[inner]! : 1;
    let o = 0;
    for (;;) {
      let from = begin[inner]! * innerStride;
      for (let a = 0; a < inner; a++) from += (begin[a]! + idx[a]!) * strides[a]!;
      dst.set(src.subarray(from, from + run), o);
      o += run;
      let a = inner - 1;
      while (a >= 0 && ++idx[a]! === size[a]) idx[a--] = 0;
      if (a < 0) break;
    }
    return out;
  },
};
