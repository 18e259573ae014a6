/**
 * Conformance of the kernels Tessera registers, called directly through the engine (so that
 * the attributes no public op exposes, such as NCHW for the backprop kernels, are covered),
 * on cpu and on wasm, against the float64 references. Tolerances: see harness.ts
 * (rtol 1e-4, atol 1e-5 of the largest reference value).
 *
 * The backprop kernels' references are numeric gradients of the float64 forward:
 * Conv2DBackpropFilter(x, dy) is d/dW sum(conv(x, W) * dy), and the input kernel is d/dx.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, Rng, tf, useBackend } from '@tessera/backend';
import { BACKENDS, checkOp, expectClose, f32Values, FLOAT32, type OpCase } from './harness.js';
import { type ConvOpts, conv2d, depthwiseConv2d, type F64, matMul, numericGradients, segmentSum, size } from './reference.js';

type Pad = 'same' | 'valid';

interface ConvCase {
  name: string;
  xs: [number, number, number, number];
  ws: [number, number, number, number];
  stride: [number, number];
  pad: Pad;
  dilation?: [number, number];
}

const CONV_CASES: ConvCase[] = [
  { name: '3x3 stride 1 same', xs: [2, 7, 7, 3], ws: [3, 3, 3, 4], stride: [1, 1], pad: 'same' },
  { name: '3x3 stride 2 valid', xs: [2, 7, 7, 3], ws: [3, 3, 3, 4], stride: [2, 2], pad: 'valid' },
  { name: '2x3 strides (2, 1) same, odd sizes', xs: [3, 5, 6, 2], ws: [2, 3, 2, 5], stride: [2, 1], pad: 'same' },
  { name: '1x1 valid', xs: [2, 4, 4, 5], ws: [1, 1, 5, 3], stride: [1, 1], pad: 'valid' },
  { name: '5x5 stride 2 same', xs: [1, 9, 8, 2], ws: [5, 5, 2, 3], stride: [2, 2], pad: 'same' },
];

const DEPTHWISE_CASES: ConvCase[] = [
  { name: '3x3 multiplier 1 stride 1 same', xs: [2, 6, 6, 3], ws: [3, 3, 3, 1], stride: [1, 1], pad: 'same' },
  { name: '3x3 multiplier 2 stride 2 valid', xs: [2, 7, 7, 2], ws: [3, 3, 2, 2], stride: [2, 2], pad: 'valid' },
  { name: '2x3 multiplier 3 stride 1 same, odd sizes', xs: [1, 5, 4, 2], ws: [2, 3, 2, 3], stride: [1, 1], pad: 'same' },
  { name: '3x3 dilation 2 same', xs: [2, 7, 6, 2], ws: [3, 3, 2, 1], stride: [1, 1], pad: 'same', dilation: [2, 2] },
];

function opts(c: ConvCase): ConvOpts {
  return { stride: c.stride, pad: c.pad, dilation: c.dilation ?? [1, 1] };
}

/** NHWC <-> NCHW for the reference side of the NCHW kernel tests. */
function transpose4(a: F64, shape: number[], perm: number[]): F64 {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = shape.map((_, i) => size(shape.slice(i + 1)));
  const out = new Float64Array(a.length);
  const idx = [0, 0, 0, 0];
  for (let o = 0; o < out.length; o++) {
    let rem = o;
    for (let d = 3; d >= 0; d--) {
      idx[d] = rem % outShape[d]!;
      rem = Math.floor(rem / outShape[d]!);
    }
    let src = 0;
    for (let d = 0; d < 4; d++) src += idx[d]! * inStrides[perm[d]!]!;
    out[o] = a[src]!;
  }
  return out;
}
const TO_NCHW = [0, 3, 1, 2];

/** Sum over `axes` of a float64 array, as the reference for the Sum kernel. */
function sumRef(x: F64, shape: number[], axes: number[]): F64 {
  const kept = shape.map((_, d) => !axes.includes(d));
  const outShape = shape.filter((_, d) => kept[d]);
  const out = new Float64Array(size(outShape));
  for (let i = 0; i < x.length; i++) {
    let rem = i;
    let o = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      const idx = rem % shape[d]!;
      rem = Math.floor(rem / shape[d]!);
      if (kept[d]) {
        o += idx * stride;
        stride *= shape[d]!;
      }
    }
    out[o] = out[o]! + x[i]!;
  }
  return out;
}

/** Matrix products the kernel routes differently: broadcast batches, transposes with a batch. */
const MATMUL_CASES: OpCase[] = [
  {
    name: 'BatchMatMul broadcasting a batch of 1 against 3',
    inputs: [{ shape: [3, 2, 5] }, { shape: [1, 5, 4] }],
    op: (a, b) => tf.matMul(a!, b!),
    ref: ([a, b]) => {
      const bb = new Float64Array(60);
      for (let t = 0; t < 3; t++) bb.set(b!, t * 20);
      return matMul(a!, [3, 2, 5], bb, [3, 5, 4]).y;
    },
    outShape: [3, 2, 4],
  },
  {
    name: 'BatchMatMul of a sequence [2, 3, 5] by a matrix [5, 4] (Dense on every step)',
    inputs: [{ shape: [2, 3, 5] }, { shape: [5, 4] }],
    op: (a, b) => tf.matMul(a!, b!),
    ref: ([a, b]) => matMul(a!, [6, 5], b!, [5, 4]).y,
    outShape: [2, 3, 4],
  },
  {
    name: 'BatchMatMul of a sequence by a transposed matrix [4, 5]',
    inputs: [{ shape: [2, 3, 5] }, { shape: [4, 5] }],
    op: (a, b) => tf.matMul(a!, b!, false, true),
    ref: ([a, b]) => matMul(a!, [6, 5], b!, [4, 5], false, true).y,
    outShape: [2, 3, 4],
  },
  ...([
    [true, false],
    [false, true],
    [true, true],
  ] as const).map(
    ([tA, tB]): OpCase => ({
      name: `BatchMatMul, batch 2, transposeA=${tA} transposeB=${tB}`,
      inputs: [{ shape: tA ? [2, 5, 3] : [2, 3, 5] }, { shape: tB ? [2, 4, 5] : [2, 5, 4] }],
      op: (a, b) => tf.matMul(a!, b!, tA, tB),
      ref: ([a, b]) => matMul(a!, tA ? [2, 5, 3] : [2, 3, 5], b!, tB ? [2, 4, 5] : [2, 5, 4], tA, tB).y,
      outShape: [2, 3, 4],
    }),
  ),
  {
    name: 'BatchMatMul with shapes not divisible by the 4x4 tile (7x9 by 9x6, transposeA)',
    inputs: [{ shape: [9, 7] }, { shape: [9, 6] }],
    op: (a, b) => tf.matMul(a!, b!, true, false),
    ref: ([a, b]) => matMul(a!, [9, 7], b!, [9, 6], true, false).y,
    outShape: [7, 6],
  },
];

function runKernel(name: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}

/** Runs `kernel` on float32 copies of `inputs` and compares its output with `expected`. */
async function checkKernel(
  label: string,
  kernel: string,
  inputs: Record<string, { data: F64; shape: number[] }>,
  attrs: Record<string, unknown>,
  expected: F64,
  expectedShape: number[],
): Promise<void> {
  await expectNoLeaks(
    () => {
      const ts: tf.NamedTensorMap = {};
      for (const [k, v] of Object.entries(inputs)) ts[k] = tf.tensor(Float32Array.from(v.data), v.shape);
      const y = runKernel(kernel, ts, attrs);
      expect(y.shape, `${label}: shape`).toEqual(expectedShape);
      expectClose(y.dataSync(), expected, FLOAT32, label);
      tf.dispose([y, ...Object.values(ts)]);
    },
    { label },
  );
}

describe.each(BACKENDS)('Tessera kernels on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  afterEach(() => {
    delete (globalThis as { __tesseraChunkFloats?: number }).__tesseraChunkFloats;
  });

  describe('Conv2DBackpropFilter and Conv2DBackpropInput', () => {
    // 'chunked' shrinks the im2col scratch budget so the multi-chunk paths run on tiny tensors.
    const variants = [
      { format: 'NHWC', chunked: false },
      { format: 'NHWC', chunked: true },
      { format: 'NCHW', chunked: false },
    ] as const;
    for (const c of CONV_CASES) {
      for (const v of variants) {
        const label = `${c.name}, ${v.format}${v.chunked ? ', in chunks' : ''}`;
        it(`filter gradient: ${label}`, async () => {
          const rng = new Rng(11);
          const x = f32Values(size(c.xs), rng);
          const ref = conv2d(x, c.xs, new Float64Array(size(c.ws)), c.ws, opts(c));
          const dy = f32Values(ref.y.length, rng);
          const [dW] = numericGradients(([xx, w]) => conv2d(xx!, c.xs, w!, c.ws, opts(c)).y, [x, new Float64Array(size(c.ws))], dy, [1]);
          if (v.chunked) (globalThis as { __tesseraChunkFloats?: number }).__tesseraChunkFloats = 3 * c.ws[0] * c.ws[1] * c.ws[2];
          const nchw = v.format === 'NCHW';
          await checkKernel(
            label,
            'Conv2DBackpropFilter',
            {
              x: { data: nchw ? transpose4(x, c.xs, TO_NCHW) : x, shape: nchw ? TO_NCHW.map((p) => c.xs[p]!) : c.xs },
              dy: { data: nchw ? transpose4(dy, ref.shape, TO_NCHW) : dy, shape: nchw ? TO_NCHW.map((p) => ref.shape[p]!) : ref.shape },
            },
            { strides: c.stride, pad: c.pad, dataFormat: v.format, filterShape: c.ws },
            dW!,
            c.ws,
          );
        });
        it(`input gradient: ${label}`, async () => {
          const rng = new Rng(12);
          const w = f32Values(size(c.ws), rng);
          const ref = conv2d(new Float64Array(size(c.xs)), c.xs, w, c.ws, opts(c));
          const dy = f32Values(ref.y.length, rng);
          const [dx] = numericGradients(([xx, ww]) => conv2d(xx!, c.xs, ww!, c.ws, opts(c)).y, [new Float64Array(size(c.xs)), w], dy, [0]);
          if (v.chunked) (globalThis as { __tesseraChunkFloats?: number }).__tesseraChunkFloats = 3 * c.ws[0] * c.ws[1] * c.ws[2];
          const nchw = v.format === 'NCHW';
          const inputShape = nchw ? TO_NCHW.map((p) => c.xs[p]!) : c.xs;
          await checkKernel(
            label,
            'Conv2DBackpropInput',
            {
              dy: { data: nchw ? transpose4(dy, ref.shape, TO_NCHW) : dy, shape: nchw ? TO_NCHW.map((p) => ref.shape[p]!) : ref.shape },
              filter: { data: w, shape: c.ws },
            },
            { strides: c.stride, pad: c.pad, dataFormat: v.format, inputShape },
            nchw ? transpose4(dx!, c.xs, TO_NCHW) : dx!,
            inputShape,
          );
        });
      }
    }
  });

  describe('DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput', () => {
    for (const c of DEPTHWISE_CASES) {
      const attrs = { strides: c.stride, pad: c.pad, dilations: c.dilation ?? [1, 1] };
      it(`filter gradient: ${c.name}`, async () => {
        const rng = new Rng(21);
        const x = f32Values(size(c.xs), rng);
        const ref = depthwiseConv2d(x, c.xs, new Float64Array(size(c.ws)), c.ws, opts(c));
        const dy = f32Values(ref.y.length, rng);
        const [dW] = numericGradients(([xx, w]) => depthwiseConv2d(xx!, c.xs, w!, c.ws, opts(c)).y, [x, new Float64Array(size(c.ws))], dy, [1]);
        await checkKernel(
          c.name,
          'DepthwiseConv2dNativeBackpropFilter',
          { x: { data: x, shape: c.xs }, dy: { data: dy, shape: ref.shape } },
          { ...attrs, filterShape: c.ws },
          dW!,
          c.ws,
        );
      });
      it(`input gradient: ${c.name}`, async () => {
        const rng = new Rng(22);
        const w = f32Values(size(c.ws), rng);
        const ref = depthwiseConv2d(new Float64Array(size(c.xs)), c.xs, w, c.ws, opts(c));
        const dy = f32Values(ref.y.length, rng);
        const [dx] = numericGradients(([xx, ww]) => depthwiseConv2d(xx!, c.xs, ww!, c.ws, opts(c)).y, [new Float64Array(size(c.xs)), w], dy, [0]);
        await checkKernel(
          c.name,
          'DepthwiseConv2dNativeBackpropInput',
          { dy: { data: dy, shape: ref.shape }, filter: { data: w, shape: c.ws } },
          { ...attrs, inputShape: c.xs },
          dx!,
          c.xs,
        );
      });
    }
  });

  describe('Conv2D', () => {
    for (const c of CONV_CASES) {
      for (const chunked of [false, true]) {
        it(`forward and gradients: ${c.name}${chunked ? ', in chunks' : ''}`, async () => {
          if (chunked) (globalThis as { __tesseraChunkFloats?: number }).__tesseraChunkFloats = 3 * c.ws[0] * c.ws[1] * c.ws[2];
          await checkOp(
            {
              name: `conv2d ${c.name}`,
              inputs: [{ shape: c.xs }, { shape: c.ws }],
              op: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad),
              ref: ([x, w]) => conv2d(x!, c.xs, w!, c.ws, opts(c)).y,
              outShape: conv2d(new Float64Array(size(c.xs)), c.xs, new Float64Array(size(c.ws)), c.ws, opts(c)).shape,
            },
            new Rng(41),
          );
        });
      }
    }
    it('NCHW forward: matches the reference on cpu; wasm (stock XNNPACK kernel) refuses NCHW', async () => {
      const c = CONV_CASES[2]!;
      const rng = new Rng(42);
      const x = f32Values(size(c.xs), rng);
      const w = f32Values(size(c.ws), rng);
      const ref = conv2d(x, c.xs, w, c.ws, opts(c));
      await expectNoLeaks(() => {
        const xt = tf.tensor(Float32Array.from(transpose4(x, c.xs, TO_NCHW)), TO_NCHW.map((p) => c.xs[p]!));
        const wt = tf.tensor(Float32Array.from(w), c.ws);
        const run = (): tf.Tensor => tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.stride, c.pad, 'NCHW');
        if (backend === 'wasm') {
          // Documents a limit of tfjs-backend-wasm that the zoo must respect: NHWC only.
          expect(run).toThrow(/channelsFirst/);
        } else {
          const y = run();
          expect(y.shape).toEqual(TO_NCHW.map((p) => ref.shape[p]!));
          expectClose(y.dataSync(), transpose4(ref.y, ref.shape, TO_NCHW), FLOAT32, 'conv2d NCHW');
          y.dispose();
        }
        tf.dispose([xt, wt]);
      });
    });
  });

  describe('BatchMatMul', () => {
    for (const c of MATMUL_CASES) {
      it(c.name, async () => {
        await checkOp(c, new Rng(51));
      });
    }
  });

  describe('Sum', () => {
    const cases: [number[], number[], boolean][] = [
      [[4, 3, 5, 6], [0, 1, 2], false], // a convolution's bias gradient
      [[4, 3, 5], [1], false],
      [[4, 3, 5], [0, 2], true],
      [[4, 3, 5], [2], false],
      [[3, 4], [0, 1], false],
      [[7], [0], true],
    ];
    for (const [shape, axes, keepDims] of cases) {
      it(`over axes [${axes}] of [${shape}]${keepDims ? ', keepDims' : ''}`, async () => {
        const x = f32Values(size(shape), new Rng(61));
        const expected = sumRef(x, shape, axes);
        await expectNoLeaks(() => {
          const xt = tf.tensor(Float32Array.from(x), shape);
          const y = tf.sum(xt, axes, keepDims);
          expect(y.shape).toEqual(keepDims ? shape.map((n, d) => (axes.includes(d) ? 1 : n)) : shape.filter((_, d) => !axes.includes(d)));
          expectClose(y.dataSync(), expected, FLOAT32, 'sum');
          tf.dispose([xt, y]);
        });
      });
    }
    it('sums int32 exactly', async () => {
      await expectNoLeaks(() => {
        const xt = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
        const y = tf.sum(xt, 0);
        expect(y.dtype).toBe('int32');
        expect(Array.from(y.dataSync())).toEqual([5, 7, 9]);
        tf.dispose([xt, y]);
      });
    });
  });

  describe('UnsortedSegmentSum', () => {
    it('drops negative and too-large ids (float32, 1-D ids)', async () => {
      const rng = new Rng(31);
      const x = f32Values(6 * 3, rng);
      const ids = [0, 2, 2, -1, 5, 1];
      const expected = segmentSum(x, [6, 3], ids, 1, 4);
      await expectNoLeaks(() => {
        const inputs = [tf.tensor2d(Float32Array.from(x), [6, 3]), tf.tensor1d(ids, 'int32')] as const;
        const y = tf.unsortedSegmentSum(inputs[0], inputs[1], 4);
        expect(y.shape).toEqual(expected.shape);
        expectClose(y.dataSync(), expected.y, FLOAT32, 'segment sum');
        tf.dispose([y, ...inputs]);
      });
    });
    it('takes ids of rank 2 over the first two axes', async () => {
      const rng = new Rng(32);
      const x = f32Values(2 * 3 * 4, rng);
      const ids = [0, 1, 0, 3, 3, 1];
      const expected = segmentSum(x, [2, 3, 4], ids, 2, 5);
      await expectNoLeaks(() => {
        const inputs = [tf.tensor3d(Float32Array.from(x), [2, 3, 4]), tf.tensor2d(ids, [2, 3], 'int32')] as const;
        // The op's typing says 1-D ids; the kernel (like TensorFlow's) takes any leading-axes rank.
        const y = tf.unsortedSegmentSum(inputs[0], inputs[1] as unknown as tf.Tensor1D, 5);
        expect(y.shape).toEqual(expected.shape);
        expectClose(y.dataSync(), expected.y, FLOAT32, 'segment sum, rank-2 ids');
        tf.dispose([y, ...inputs]);
      });
    });
    it('sums int32 values exactly', async () => {
      const x = [1, -2, 30, 4, 5, 6, 7, 8, 9, 10];
      const ids = [2, 0, 2, 1, 0];
      const expected = segmentSum(Float64Array.from(x), [5, 2], ids, 1, 3);
      await expectNoLeaks(() => {
        const inputs = [tf.tensor2d(x, [5, 2], 'int32'), tf.tensor1d(ids, 'int32')] as const;
        const y = tf.unsortedSegmentSum(inputs[0], inputs[1], 3);
        expect(y.dtype).toBe('int32');
        expect(Array.from(y.dataSync())).toEqual(Array.from(expected.y));
        tf.dispose([y, ...inputs]);
      });
    });
  });

  it('registers its kernels on this backend, each a real kernel of tfjs-core', async () => {
    const info = await useBackend(backend);
    expect(info.kernels.length).toBeGreaterThan(0);
    for (const name of info.kernels) expect(tf.getKernel(name, backend), name).toBeDefined();
    // The fills this backend would otherwise lack (or compute wrongly) must be among them.
    const required =
      backend === 'wasm'
        ? ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'UnsortedSegmentSum', 'AvgPoolGrad']
        : ['Conv2DBackpropFilter', 'AvgPoolGrad', 'DepthwiseConv2dNativeBackpropInput'];
    for (const name of required) expect(info.kernels).toContain(name);
  });
});
