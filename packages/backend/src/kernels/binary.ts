/**
 * Add, Sub, Multiply and RealDiv on cpu for float32 tensors, broadcasting included.
 *
 * Why they exist: tfjs-backend-cpu 4.22 broadcasts by converting every output index to
 * coordinates and back (`indexToLoc` / `locToIndex`, an array per element): a layer-norm or
 * bias product over a [64, 64, 64] activation costs ~10 ms, and ~1.6 s of a small
 * Transformer's 4.4 s training step on cpu went to Multiply alone. Here the output is walked
 * in memory order, one innermost run at a time, with each operand's stride 0 along the axes
 * it is broadcast on. Other dtypes go to the stock kernels.
 */
import * as tf from '../tf.js';
import type { PortableKernel } from './io.js';

type TensorInfo = tf.TensorInfo;
/** The operation, as a code: one loop per operation keeps each loop monomorphic for V8. */
const enum Op {
  Add,
  Sub,
  Mul,
  Div,
}

/** out[o + j] = a[oa + j * ia] op b[ob + j * ib] for j < n (ia, ib are 0 or 1). */
function runInner(op: Op, a: Float32Array, oa: number, ia: number, b: Float32Array, ob: number, ib: number, out: Float32Array, o: number, n: number): void {
  switch (op) {
    case Op.Add:
      for (let j = 0; j < n; j++) out[o + j] = (a[oa + j * ia] as number) + (b[ob + j * ib] as number);
      break;
    case Op.Sub:
      for (let j = 0; j < n; j++) out[o + j] = (a[oa + j * ia] as number) - (b[ob + j * ib] as number);
      break;
    case Op.Mul:
      for (let j = 0; j < n; j++) out[o + j] = (a[oa + j * ia] as number) * (b[ob + j * ib] as number);
      break;
    case Op.Div:
      for (let j = 0; j < n; j++) out[o + j] = (a[oa + j * ia] as number) / (b[ob + j * ib] as number);
      break;
  }
}

/** Element strides of `shape` aligned to the last `rank` axes of the output, 0 where broadcast. */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const r = out.length;
  const strides = new Array<number>(r).fill(0);
  let s = 1;
  for (let i = shape.length - 1, d = r - 1; i >= 0; i--, d--) {
    if ((shape[i] as number) !== 1) strides[d] = s;
    s *= shape[i] as number;
  }
  return strides;
}

function run(op: Op, a: Float32Array, as: number[], b: Float32Array, bs: number[], outShape: number[], out: Float32Array): void {
  const r = outShape.length;
  if (r === 0) {
    runInner(op, a, 0, 0, b, 0, 0, out, 0, 1);
    return;
  }
  if (out.length === 0) return;
  const sa = broadcastStrides(as, outShape);
  const sb = broadcastStrides(bs, outShape);
  // Same shapes (or a scalar operand): one run over everything.
  if (a.length === out.length && b.length === out.length) return runInner(op, a, 0, 1, b, 0, 1, out, 0, out.length);
  if (a.length === out.length && b.length === 1) return runInner(op, a, 0, 1, b, 0, 0, out, 0, out.length);
  if (a.length === 1 && b.length === out.length) return runInner(op, a, 0, 0, b, 0, 1, out, 0, out.length);
  const inner = outShape[r - 1] as number;
  const ia = sa[r - 1] as number;
  const ib = sb[r - 1] as number;
  const idx = new Array<number>(r).fill(0);
  let oa = 0;
  let ob = 0;
  for (let o = 0; o < out.length; o += inner) {
    runInner(op, a, oa, ia, b, ob, ib, out, o, inner);
    // Odometer over the outer axes, keeping oa and ob the operands' offsets.
    for (let d = r - 2; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      oa += sa[d] as number;
      ob += sb[d] as number;
      if ((idx[d] as number) < (outShape[d] as number)) break;
      oa -= (idx[d] as number) * (sa[d] as number);
      ob -= (idx[d] as number) * (sb[d] as number);
      idx[d] = 0;
    }
  }
}

function binary(kernelName: string, op: Op): PortableKernel {
  return {
    kernelName,
    backends: { cpu: 'faster broadcasting: one pass in memory order instead of index arithmetic per element' },
    run: (inputs, _attrs, io, stock) => {
      const a = inputs.a as TensorInfo;
      const b = inputs.b as TensorInfo;
      if (a.dtype !== 'float32' || b.dtype !== 'float32') {
        if (!stock) throw new Error(`${kernelName}: the stock kernel is missing`);
        return stock();
      }
      const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const out = io.empty(outShape);
      run(op, io.f32(a), a.shape, io.f32(b), b.shape, outShape, io.f32(out));
      return out;
    },
  };
}

export const add = binary('Add', Op.Add);
export const sub = binary('Sub', Op.Sub);
export const multiply = binary('Multiply', Op.Mul);
export const realDiv = binary('RealDiv', Op.Div);
