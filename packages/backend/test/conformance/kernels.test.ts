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
import { type ConvOpts, conv2d, depthwiseConv2d, type F64, gather, lstmSequence, matMul, numericGradients, segmentSum, size } from './reference.js';

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
  // The SIMD product's paths: 4x8 tiles, 4-column and scalar edges, leftover rows, a k longer
  // than one 256-row slice, broadcast and transposed operands.
  ...([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const).map(
    ([tA, tB]): OpCase => ({
      name: `BatchMatMul, batch 3, 13x7 by 7x21 (tile edges), transposeA=${tA} transposeB=${tB}`,
      inputs: [{ shape: tA ? [3, 7, 13] : [3, 13, 7] }, { shape: tB ? [3, 21, 7] : [3, 7, 21] }],
      op: (a, b) => tf.matMul(a!, b!, tA, tB),
      ref: ([a, b]) => matMul(a!, tA ? [3, 7, 13] : [3, 13, 7], b!, tB ? [3, 21, 7] : [3, 7, 21], tA, tB).y,
      outShape: [3, 13, 21],
    }),
  ),
  {
    name: 'BatchMatMul with k = 300 (two slices of the SIMD product), transposeA',
    inputs: [{ shape: [300, 6], scale: 0.1 }, { shape: [300, 9], scale: 0.1 }],
    op: (a, b) => tf.matMul(a!, b!, true, false),
    ref: ([a, b]) => matMul(a!, [300, 6], b!, [300, 9], true, false).y,
    outShape: [6, 9],
  },
  {
    name: 'BatchMatMul, rank 4 (attention heads [2, 3, 5, 4] by transposed [2, 3, 6, 4])',
    inputs: [{ shape: [2, 3, 5, 4] }, { shape: [2, 3, 6, 4] }],
    op: (a, b) => tf.matMul(a!, b!, false, true),
    ref: ([a, b]) => matMul(a!, [6, 5, 4], b!, [6, 6, 4], false, true).y,
    outShape: [2, 3, 5, 6],
  },
  {
    name: 'BatchMatMul broadcasting a transposed batch of 1 against 4 (8x5 by 5x9)',
    inputs: [{ shape: [4, 8, 5] }, { shape: [1, 9, 5] }],
    op: (a, b) => tf.matMul(a!, b!, false, true),
    ref: ([a, b]) => {
      const bb = new Float64Array(4 * 45);
      for (let t = 0; t < 4; t++) bb.set(b!, t * 45);
      return matMul(a!, [4, 8, 5], bb, [4, 9, 5], false, true).y;
    },
    outShape: [4, 8, 9],
  },
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
      // The SIMD paths' 4-lane bodies and tails.
      [[9, 6], [0], false],
      [[2, 3, 7], [0, 1], false],
      [[6, 11], [1], true],
      [[3, 2, 9], [1, 2], false],
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

  describe('GatherV2', () => {
    it('gathers along axis 1 with rank-2 ids, forward and gradient', async () => {
      const ids = [2, 0, 2, 1, 3, 3];
      await checkOp(
        {
          name: 'gather axis 1',
          inputs: [{ shape: [2, 4, 3] }, { shape: [2, 3], values: ids, dtype: 'int32' }],
          op: (x, i) => tf.gather(x!, i!, 1),
          ref: ([x]) => {
            const out = new Float64Array(2 * 6 * 3);
            for (let o = 0; o < 2; o++) out.set(gather(x!.subarray(o * 12, o * 12 + 12), [4, 3], ids), o * 18);
            return out;
          },
          outShape: [2, 2, 3, 3],
        },
        new Rng(71),
      );
    });
    it('throws on an id outside the table', async () => {
      await expectNoLeaks(() => {
        const table = tf.zeros([4, 2]);
        const ids = tf.tensor1d([1, 4], 'int32');
        expect(() => tf.gather(table, ids)).toThrow(/index value 4 is not in \[0, 3\]/);
        tf.dispose([table, ids]);
      });
    });
  });

  describe('elementwise, Transpose, Softmax and Mean (replaced on cpu)', () => {
    // Broadcast patterns of layer norm, biases, attention masks and optimizers.
    const shapes: [number[], number[]][] = [
      [[2, 3, 5], [2, 3, 5]],
      [[2, 3, 5], [5]],
      [[2, 3, 5], [2, 3, 1]],
      [[2, 1, 5], [1, 3, 1]],
      [[2, 3, 5], []],
      [[4], [3, 1]],
    ];
    const ops = [
      ['add', (a: tf.Tensor, b: tf.Tensor) => tf.add(a, b), (x: number, y: number) => x + y],
      ['sub', (a: tf.Tensor, b: tf.Tensor) => tf.sub(a, b), (x: number, y: number) => x - y],
      ['mul', (a: tf.Tensor, b: tf.Tensor) => tf.mul(a, b), (x: number, y: number) => x * y],
      ['div', (a: tf.Tensor, b: tf.Tensor) => tf.div(a, tf.add(tf.abs(b), 0.5)), (x: number, y: number) => x / (Math.abs(y) + 0.5)],
    ] as const;
    const broadcastShape = (a: number[], b: number[]): number[] => {
      const r = Math.max(a.length, b.length);
      return Array.from({ length: r }, (_, i) => Math.max(a[a.length - r + i] ?? 1, b[b.length - r + i] ?? 1));
    };
    const at = (x: F64, shape: number[], out: number[], o: number): number => {
      // Element of x (broadcast to `out`) at flat output index o.
      let rem = o;
      let idx = 0;
      let stride = 1;
      for (let d = out.length - 1; d >= 0; d--) {
        const c = rem % out[d]!;
        rem = Math.floor(rem / out[d]!);
        const sd = d - (out.length - shape.length);
        if (sd >= 0) {
          if (shape[sd]! !== 1) idx += c * stride;
          stride *= shape[sd]!;
        }
      }
      return x[idx]!;
    };
    for (const [name, op, f] of ops) {
      for (const [as, bs] of shapes) {
        const out = broadcastShape(as, bs);
        it(`${name} of [${as}] and [${bs}]`, async () => {
          await checkOp(
            {
              name: `${name} [${as}] [${bs}]`,
              inputs: [{ shape: as }, { shape: bs }],
              op: (a, b) => op(a!, b!),
              ref: ([a, b]) => Float64Array.from({ length: size(out) }, (_, o) => f(at(a!, as, out, o), at(b!, bs, out, o))),
              outShape: out,
            },
            new Rng(101),
          );
        });
      }
    }
    it('transpose [2, 3, 4, 5] by [0, 2, 1, 3] and [3, 1, 0, 2]', async () => {
      for (const perm of [
        [0, 2, 1, 3],
        [3, 1, 0, 2],
      ]) {
        await checkOp(
          {
            name: `transpose ${perm}`,
            inputs: [{ shape: [2, 3, 4, 5] }],
            op: (x) => tf.transpose(x!, perm),
            ref: ([x]) => transpose4(x!, [2, 3, 4, 5], perm),
            outShape: perm.map((p) => [2, 3, 4, 5][p]!),
          },
          new Rng(102),
        );
      }
    });
    it('softmax over the last axis of [3, 2, 7]', async () => {
      await checkOp(
        {
          name: 'softmax',
          inputs: [{ shape: [3, 2, 7], scale: 3 }],
          op: (x) => tf.softmax(x!),
          ref: ([x]) => {
            const y = new Float64Array(x!.length);
            for (let o = 0; o < x!.length; o += 7) {
              let m = -Infinity;
              for (let j = 0; j < 7; j++) m = Math.max(m, x![o + j]!);
              let s = 0;
              for (let j = 0; j < 7; j++) s += Math.exp(x![o + j]! - m);
              for (let j = 0; j < 7; j++) y[o + j] = Math.exp(x![o + j]! - m) / s;
            }
            return y;
          },
          outShape: [3, 2, 7],
        },
        new Rng(103),
      );
    });
    it('mean over leading, trailing and middle axes', async () => {
      for (const axes of [[0], [2], [1], [0, 1, 2]]) {
        const shape = [3, 4, 6];
        const count = axes.reduce((p, a) => p * shape[a]!, 1);
        await checkOp(
          {
            name: `mean over [${axes}]`,
            inputs: [{ shape }],
            op: (x) => tf.mean(x!, axes),
            ref: ([x]) => sumRef(x!, shape, axes).map((v) => v / count),
            outShape: shape.filter((_, d) => !axes.includes(d)),
          },
          new Rng(104),
        );
      }
    });
  });

  describe('FusedConv2D gradient (registered by Tessera)', () => {
    for (const activation of ['relu', 'linear'] as const) {
      for (const withBias of [true, false]) {
        it(`${activation}${withBias ? ' with bias' : ''}: x, filter and bias gradients equal the unfused ops' (strides 2, same padding)`, async () => {
          const rng = new Rng(301);
          const x = tf.tensor(rng.fillNormal(new Float32Array(2 * 7 * 6 * 3)), [2, 7, 6, 3]) as tf.Tensor4D;
          const w = tf.tensor(rng.fillNormal(new Float32Array(3 * 3 * 3 * 5)), [3, 3, 3, 5]) as tf.Tensor4D;
          const b = tf.tensor1d(rng.fillNormal(new Float32Array(5)));
          const dy = tf.tensor(rng.fillNormal(new Float32Array(2 * 4 * 3 * 5)), [2, 4, 3, 5]);
          await expectNoLeaks(() => {
            const fused = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
              tf.engine().runKernel('FusedConv2D', withBias ? { x: xx, filter: ww, bias: bb } : { x: xx, filter: ww }, {
                strides: [2, 2], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1], activation,
              } as unknown as tf.NamedAttrMap) as tf.Tensor; // prettier-ignore
            const plain = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
              const z = tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 2, 'same');
              const zb = withBias ? tf.add(z, bb) : z;
              return activation === 'relu' ? tf.relu(zb) : zb;
            };
            tf.tidy(() => {
              const args = withBias ? [x, w, b] : [x, w];
              const gf = tf.grads((xx, ww, bb) => fused(xx!, ww!, bb ?? b))(args, dy);
              const gp = tf.grads((xx, ww, bb) => plain(xx!, ww!, bb ?? b))(args, dy);
              expectClose(fused(x, w, b).dataSync(), Float64Array.from(plain(x, w, b).dataSync()), FLOAT32, 'forward');
              for (let i = 0; i < args.length; i++) {
                expect(gf[i]!.shape).toEqual(gp[i]!.shape);
                expectClose(gf[i]!.dataSync(), Float64Array.from(gp[i]!.dataSync()), FLOAT32, ['dx', 'dw', 'db'][i]!);
              }
            });
          });
          tf.dispose([x, w, b, dy]);
        });
      }
    }
    it('refuses an activation it has no gradient for, naming it', () => {
      const x = tf.zeros([1, 3, 3, 1]);
      const w = tf.zeros([2, 2, 1, 1]);
      const f = (xx: tf.Tensor) =>
        tf.engine().runKernel('FusedConv2D', { x: xx, filter: w }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], activation: 'elu' } as unknown as tf.NamedAttrMap) as tf.Tensor;
      expect(() => tf.grad(f)(x)).toThrow(/activation must be 'linear' or 'relu', got 'elu'/);
      tf.dispose([x, w]);
    });
  });

  describe('TesseraAdam (fused optimizer step)', () => {
    const settings = [
      { name: 'Adam, step 1', wd: 0, decoupled: false, step: 1 },
      { name: 'Adam + L2, step 7', wd: 0.05, decoupled: false, step: 7 },
      { name: 'AdamW, step 30', wd: 0.1, decoupled: true, step: 30 },
    ];
    for (const c of settings) {
      it(`${c.name} on 1,027 floats (SIMD lanes and a tail) matches float64`, async () => {
        const n = 1027;
        const rng = new Rng(811);
        const [w, g, m] = [0, 1, 2].map(() => rng.fillNormal(new Float32Array(n)));
        const v = Float32Array.from(rng.fillNormal(new Float32Array(n)), (x) => x * x * 0.01);
        const p = { lr: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
        await expectNoLeaks(() => {
          const ts = [w, g, m, v].map((a) => tf.tensor1d(a!));
          const out = tf.engine().runKernel('TesseraAdam', { w: ts[0]!, g: ts[1]!, m: ts[2]!, v: ts[3]! }, {
            ...p, step: c.step, weightDecay: c.wd, decoupled: c.decoupled,
          }) as tf.Tensor[]; // prettier-ignore
          const ew = new Float64Array(n);
          const em = new Float64Array(n);
          const ev = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const gi = g![i]! + (c.decoupled ? 0 : c.wd) * w![i]!;
            em[i] = p.beta1 * m![i]! + (1 - p.beta1) * gi;
            ev[i] = p.beta2 * v[i]! + (1 - p.beta2) * gi * gi;
            const bc1 = 1 - p.beta1 ** c.step;
            const bc2 = 1 - p.beta2 ** c.step;
            ew[i] = w![i]! * (c.decoupled ? 1 - p.lr * c.wd : 1) - ((p.lr / bc1) * em[i]!) / (Math.sqrt(ev[i]!) / Math.sqrt(bc2) + p.epsilon);
          }
          expectClose(out[0]!.dataSync(), ew, FLOAT32, 'w');
          expectClose(out[1]!.dataSync(), em, FLOAT32, 'm');
          expectClose(out[2]!.dataSync(), ev, FLOAT32, 'v');
          tf.dispose([...ts, ...out]);
        });
      });
    }
    it('names a mismatched input', () => {
      const a = tf.zeros([4]);
      const b = tf.zeros([5]);
      expect(() => tf.engine().runKernel('TesseraAdam', { w: a, g: b, m: a, v: a }, { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 1, weightDecay: 0, decoupled: false })).toThrow(
        /input g must have w's shape \[4\], got \[5\]/,
      );
      tf.dispose([a, b]);
    });
  });

  describe('Slice', () => {
    /** Plain-JS reference: the element at each output index, read by its input index. */
    function sliceRef(x: ArrayLike<number>, shape: number[], begin: number[], size: number[]): number[] {
      const out: number[] = [];
      const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
      const walk = (d: number, offset: number): void => {
        if (d === shape.length) {
          out.push(x[offset]!);
          return;
        }
        for (let i = 0; i < size[d]!; i++) walk(d + 1, offset + (begin[d]! + i) * strides[d]!);
      };
      walk(0, 0);
      return out;
    }
    const cases: { shape: number[]; begin: number[]; size: number[] }[] = [
      { shape: [10], begin: [3], size: [4] },
      { shape: [20, 7], begin: [5], size: [6] }, // a batch of rows, as fit slices it
      { shape: [6, 7], begin: [1, 2], size: [4, 3] },
      { shape: [4, 5, 6], begin: [1, 0, 0], size: [2, 5, 6] },
      { shape: [4, 5, 6], begin: [0, 2, 0], size: [4, 2, 6] }, // a middle axis, whole rows inside
      { shape: [3, 4, 5, 6], begin: [1, 1, 2, 3], size: [2, 3, 2, 2] },
      { shape: [2, 3, 4, 5, 2], begin: [1, 0, 1, 2, 1], size: [1, 3, 2, 3, 1] }, // rank 5
      { shape: [5, 4], begin: [2, 0], size: [-1, 3] }, // -1: to the end
      { shape: [5, 4], begin: [2, 1], size: [0, 3] }, // empty
    ];
    for (const dtype of ['float32', 'int32'] as const) {
      for (const c of cases) {
        it(`${dtype} ${JSON.stringify(c.shape)} from ${JSON.stringify(c.begin)} size ${JSON.stringify(c.size)}`, async () => {
          await expectNoLeaks(() => {
            const n = c.shape.reduce((a, b) => a * b, 1);
            const values = Array.from({ length: n }, (_, i) => (dtype === 'int32' ? i * 3 - 7 : i * 0.5 - 1.25));
            const x = tf.tensor(values, c.shape, dtype);
            const size = c.size.map((s, d) => (s === -1 ? c.shape[d]! - c.begin[d]! : s));
            const y = c.size.length === 1 && c.shape.length > 1 ? tf.slice(x, c.begin[0]!, c.size[0]) : tf.slice(x, c.begin, c.size);
            const full = c.size.length === 1 && c.shape.length > 1 ? [size[0]!, ...c.shape.slice(1)] : size;
            const fullBegin = c.size.length === 1 && c.shape.length > 1 ? [c.begin[0]!, ...c.shape.slice(1).map(() => 0)] : c.begin;
            expect(y.shape).toEqual(full);
            expect(y.dtype).toBe(dtype);
            expect(Array.from(y.dataSync())).toEqual(sliceRef(values, c.shape, fullBegin, full));
            tf.dispose([x, y]);
          });
        });
      }
    }
    it('bool tensors go to the stock kernel', async () => {
      await expectNoLeaks(() => {
        const x = tf.tensor2d([true, false, true, true, false, false], [3, 2], 'bool');
        const y = tf.slice(x, [1, 0], [2, 1]);
        expect(Array.from(y.dataSync())).toEqual([1, 0]);
        tf.dispose([x, y]);
      });
    });
    it('names the argument when a slice runs past the end', () => {
      const x = tf.zeros([4, 3]);
      expect(() => tf.slice(x, [2, 0], [3, 3])).toThrow(/slice/i);
      x.dispose();
    });
  });

  describe('Identity (tf.clone)', () => {
    it('keeps the values after the original is disposed or a variable is reassigned, and frees the data', async () => {
      const ids = (): number => tf.engine().backend.numDataIds();
      const before = ids();
      await expectNoLeaks(() => {
        const x = tf.tensor1d([1, 2, 3]);
        const y = tf.clone(x);
        x.dispose();
        expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
        const init = tf.tensor1d([4, 5]);
        const v = tf.variable(init);
        const c = tf.clone(v);
        const other = tf.tensor1d([6, 7]);
        v.assign(other);
        expect(Array.from(c.dataSync())).toEqual([4, 5]);
        expect(Array.from(v.dataSync())).toEqual([6, 7]);
        tf.dispose([y, v, c, other, init]);
      });
      expect(ids()).toBe(before);
    });
  });

  describe('TesseraLstmSequence (fused LSTM layer) and its gradient', () => {
    const cases = [
      { name: 'batch 3, 5 steps, 4 units', batch: 3, time: 5, u: 4, masked: false },
      { name: 'batch 6, 4 steps, 5 units (tile edges)', batch: 6, time: 4, u: 5, masked: false },
      { name: 'batch 3, 5 steps, 4 units, padded steps', batch: 3, time: 5, u: 4, masked: true },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const { batch, time, u } = c;
        // Padding at the start, in the middle and at the end of different rows.
        const mask = Array.from({ length: batch * time }, (_, i) =>
          c.masked && [0, 3, 4 + 2 * time - time, 2 * time + 1].includes(i) ? 0 : 1,
        );
        await checkOp(
          {
            name: `lstm ${c.name}`,
            inputs: [{ shape: [batch, time, 4 * u] }, { shape: [u, 4 * u], scale: 0.5 }, { shape: [batch, time], values: mask }],
            op: (xp, r, m) => {
              const [h] = tf.engine().runKernel('TesseraLstmSequence', { xp: xp!, r: r!, mask: m! }) as tf.Tensor[];
              return h!;
            },
            ref: ([xp, r]) => lstmSequence(xp!, r!, mask, batch, time, u),
            outShape: [batch, time, u],
          },
          new Rng(81),
        );
      });
    }
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
        ? ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'UnsortedSegmentSum', 'AvgPoolGrad', 'TesseraLstmSequence']
        : ['Conv2DBackpropFilter', 'AvgPoolGrad', 'DepthwiseConv2dNativeBackpropInput', 'TesseraLstmSequence'];
    for (const name of required) expect(info.kernels).toContain(name);
  });
});
