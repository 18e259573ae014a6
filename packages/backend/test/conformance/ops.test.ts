/**
 * Conformance of every op the model zoo trains with, forward and gradient, on cpu and on
 * wasm, against float64 references (reference.ts) with seeded random inputs. Tolerances:
 * see harness.ts (rtol 1e-4, atol 1e-5 of the largest reference value); exceptions are
 * stated where they are used. Each check runs inside expectNoLeaks.
 *
 * The ops are written as the zoo will write them: tfjs-core functions (`tf.slice(x, ...)`),
 * never chained tensor methods.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, Rng, tf, useBackend } from '@tessera/backend';
import { BACKENDS, checkOp, expectClose, f32Values, FLOAT32, type OpCase } from './harness.js';
import {
  act,
  addBias,
  type ConvOpts,
  conv2d,
  depthwiseConv2d,
  type F64,
  gather,
  logSoftmax,
  matMul,
  moments,
  pool,
  rows,
  softmax,
  size,
} from './reference.js';

type T4 = tf.Tensor4D;
type Pad = 'same' | 'valid';

const map = (x: F64, f: (v: number) => number): F64 => x.map(f);
const sigmoid = act.sigmoid;

// ---------------------------------------------------------------- layers' building blocks

function convCase(name: string, xs: number[], ws: number[], stride: [number, number], pad: Pad, dilation: [number, number] = [1, 1]): OpCase {
  const o: ConvOpts = { stride, pad, dilation };
  const out = conv2d(new Float64Array(size(xs)), xs, new Float64Array(size(ws)), ws, o).shape;
  return {
    name: `conv2d ${name}`,
    inputs: [{ shape: xs }, { shape: ws, scale: 0.5 }],
    op: (x, w) => tf.conv2d(x as T4, w as T4, stride, pad, 'NHWC', dilation),
    ref: ([x, w]) => conv2d(x!, xs, w!, ws, o).y,
    outShape: out,
  };
}

function depthwiseCase(name: string, xs: number[], ws: number[], stride: [number, number], pad: Pad, dilation: [number, number] = [1, 1]): OpCase {
  const o: ConvOpts = { stride, pad, dilation };
  const out = depthwiseConv2d(new Float64Array(size(xs)), xs, new Float64Array(size(ws)), ws, o).shape;
  return {
    name: `depthwiseConv2d ${name}`,
    inputs: [{ shape: xs }, { shape: ws, scale: 0.5 }],
    op: (x, w) => tf.depthwiseConv2d(x as T4, w as T4, stride, pad, 'NHWC', dilation),
    ref: ([x, w]) => depthwiseConv2d(x!, xs, w!, ws, o).y,
    outShape: out,
  };
}

function poolCase(kind: 'max' | 'avg', name: string, xs: number[], k: [number, number], stride: [number, number], pad: Pad): OpCase {
  const out = pool(kind, new Float64Array(size(xs)), xs, k, stride, pad).shape;
  return {
    name: `${kind}Pool ${name}`,
    inputs: [{ shape: xs }],
    op: (x) => (kind === 'max' ? tf.maxPool(x as T4, k, stride, pad) : tf.avgPool(x as T4, k, stride, pad)),
    ref: ([x]) => pool(kind, x!, xs, k, stride, pad).y,
    outShape: out,
  };
}

const CONV: OpCase[] = [
  convCase('3x3 stride 1 same, batch 2', [2, 7, 7, 3], [3, 3, 3, 4], [1, 1], 'same'),
  convCase('3x3 stride 2 valid', [2, 7, 7, 3], [3, 3, 3, 4], [2, 2], 'valid'),
  convCase('3x3 stride 2 same, odd width', [2, 7, 5, 3], [3, 3, 3, 2], [2, 2], 'same'),
  convCase('2x3 strides (2, 1) same', [3, 5, 6, 2], [2, 3, 2, 5], [2, 1], 'same'),
  convCase('3x3 dilation 2 same', [2, 7, 7, 3], [3, 3, 3, 4], [1, 1], 'same', [2, 2]),
  convCase('2x3 dilations (2, 3) valid', [1, 9, 10, 2], [2, 3, 2, 3], [1, 1], 'valid', [2, 3]),
  convCase('1x1', [2, 4, 4, 5], [1, 1, 5, 3], [1, 1], 'valid'),
];

const DEPTHWISE: OpCase[] = [
  depthwiseCase('3x3 multiplier 1 stride 1 same', [2, 6, 6, 3], [3, 3, 3, 1], [1, 1], 'same'),
  depthwiseCase('3x3 multiplier 2 stride 2 valid', [2, 7, 7, 2], [3, 3, 2, 2], [2, 2], 'valid'),
  depthwiseCase('3x3 multiplier 2 dilation 2 same', [2, 7, 6, 2], [3, 3, 2, 2], [1, 1], 'same', [2, 2]),
  depthwiseCase('2x3 stride 1 same, odd sizes', [1, 5, 4, 2], [2, 3, 2, 1], [1, 1], 'same'),
];

const POOL: OpCase[] = (['max', 'avg'] as const).flatMap((kind) => [
  poolCase(kind, '2x2 stride 2 valid', [2, 6, 6, 3], [2, 2], [2, 2], 'valid'),
  poolCase(kind, '3x3 stride 1 same', [2, 5, 5, 2], [3, 3], [1, 1], 'same'),
  poolCase(kind, '3x3 stride 2 same, odd sizes', [1, 7, 6, 2], [3, 3], [2, 2], 'same'),
  poolCase(kind, '2x2 stride 2 same, odd size', [2, 5, 5, 3], [2, 2], [2, 2], 'same'),
]);

const DENSE: OpCase[] = [
  {
    name: 'dense: matMul + bias',
    inputs: [{ shape: [3, 5] }, { shape: [5, 4] }, { shape: [4] }],
    op: (x, w, b) => tf.add(tf.matMul(x!, w!), b!),
    ref: ([x, w, b]) => addBias(matMul(x!, [3, 5], w!, [5, 4]).y, b!),
    outShape: [3, 4],
  },
  ...([
    [false, true],
    [true, false],
    [true, true],
  ] as const).map(
    ([tA, tB]): OpCase => ({
      name: `matMul transposeA=${tA} transposeB=${tB}`,
      inputs: [{ shape: tA ? [5, 3] : [3, 5] }, { shape: tB ? [4, 5] : [5, 4] }],
      op: (a, b) => tf.matMul(a!, b!, tA, tB),
      ref: ([a, b]) => matMul(a!, tA ? [5, 3] : [3, 5], b!, tB ? [4, 5] : [5, 4], tA, tB).y,
      outShape: [3, 4],
    }),
  ),
  {
    name: 'batched matMul, rank 3',
    inputs: [{ shape: [2, 3, 5] }, { shape: [2, 5, 4] }],
    op: (a, b) => tf.matMul(a!, b!),
    ref: ([a, b]) => matMul(a!, [2, 3, 5], b!, [2, 5, 4]).y,
    outShape: [2, 3, 4],
  },
  {
    name: 'flatten (reshape)',
    inputs: [{ shape: [2, 3, 4] }],
    op: (x) => tf.reshape(x!, [2, 12]),
    ref: ([x]) => x!.slice(),
    outShape: [2, 12],
  },
  {
    name: 'global average pool (mean over H, W)',
    inputs: [{ shape: [2, 3, 5, 4] }],
    op: (x) => tf.mean(x!, [1, 2]),
    ref: ([x]) => {
      const y = new Float64Array(8);
      for (let i = 0; i < x!.length; i++) y[Math.floor(i / 60) * 4 + (i % 4)]! += x![i]! / 15;
      return y;
    },
    outShape: [2, 4],
  },
  {
    name: 'embedding: gather with repeated ids',
    inputs: [{ shape: [10, 4] }, { shape: [2, 3], values: [1, 7, 7, 0, 9, 1], dtype: 'int32' }],
    op: (table, ids) => tf.gather(table!, ids!),
    ref: ([table, ids]) => gather(table!, [10, 4], ids!),
    outShape: [2, 3, 4],
  },
];

const NORM: OpCase[] = [
  {
    name: 'batchNorm with batch moments over N, H, W',
    inputs: [{ shape: [4, 3, 3, 2] }, { shape: [2] }, { shape: [2] }],
    op: (x, gamma, beta) => {
      const { mean, variance } = tf.moments(x!, [0, 1, 2]);
      return tf.batchNorm(x!, mean, variance, beta!, gamma!, 1e-3);
    },
    ref: ([x, gamma, beta]) => {
      const { mean, variance } = moments(x!, [4, 3, 3, 2], [0, 1, 2]);
      return x!.map((v, i) => ((v - mean[i]!) / Math.sqrt(variance[i]! + 1e-3)) * gamma![i % 2]! + beta![i % 2]!);
    },
    outShape: [4, 3, 3, 2],
  },
  {
    name: 'layerNorm: moments over the last axis, rsqrt',
    inputs: [{ shape: [3, 4, 6] }, { shape: [6] }, { shape: [6] }],
    op: (x, gamma, beta) => {
      const { mean, variance } = tf.moments(x!, -1, true);
      return tf.add(tf.mul(tf.mul(tf.sub(x!, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma!), beta!);
    },
    ref: ([x, gamma, beta]) => {
      const { mean, variance } = moments(x!, [3, 4, 6], [2]);
      return x!.map((v, i) => (v - mean[i]!) / Math.sqrt(variance[i]! + 1e-5) * gamma![i % 6]! + beta![i % 6]!);
    },
    outShape: [3, 4, 6],
  },
];

// ---------------------------------------------------------------- recurrent cells

/** LSTM step: z = x W + h U + b, gates i, f, o, g by tf.split; output concat(h', c'). */
const LSTM: OpCase = {
  name: 'LSTM step: matMul, split, sigmoid, tanh, concat',
  inputs: [{ shape: [3, 4] }, { shape: [3, 5] }, { shape: [3, 5] }, { shape: [4, 20], scale: 0.5 }, { shape: [5, 20], scale: 0.5 }, { shape: [20] }],
  op: (x, h, c, w, u, b) => {
    const z = tf.add(tf.add(tf.matMul(x!, w!), tf.matMul(h!, u!)), b!);
    const [i, f, o, g] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const c2 = tf.add(tf.mul(tf.sigmoid(f), c!), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    const h2 = tf.mul(tf.sigmoid(o), tf.tanh(c2));
    return tf.concat([h2, c2], 1);
  },
  ref: ([x, h, c, w, u, b]) => {
    const z = addBias(
      matMul(x!, [3, 4], w!, [4, 20]).y.map((v, k) => v + matMul(h!, [3, 5], u!, [5, 20]).y[k]!),
      b!,
    );
    const y = new Float64Array(3 * 10);
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < 5; j++) {
        const gate = (q: number): number => z[r * 20 + q * 5 + j]!;
        const c2 = sigmoid(gate(1)) * c![r * 5 + j]! + sigmoid(gate(0)) * Math.tanh(gate(3));
        y[r * 10 + j] = sigmoid(gate(2)) * Math.tanh(c2);
        y[r * 10 + 5 + j] = c2;
      }
    return y;
  },
  outShape: [3, 10],
};

/** GRU step with gates cut out by tf.slice: r, u from slices of x W and h U. */
const GRU: OpCase = {
  name: 'GRU step: slice, sigmoid, tanh',
  inputs: [{ shape: [2, 3] }, { shape: [2, 4] }, { shape: [3, 12], scale: 0.5 }, { shape: [4, 12], scale: 0.5 }],
  op: (x, h, w, u) => {
    const zx = tf.matMul(x!, w!);
    const zh = tf.matMul(h!, u!);
    const part = (t: tf.Tensor, k: number): tf.Tensor => tf.slice(t, [0, 4 * k], [2, 4]);
    const r = tf.sigmoid(tf.add(part(zx, 0), part(zh, 0)));
    const z = tf.sigmoid(tf.add(part(zx, 1), part(zh, 1)));
    const n = tf.tanh(tf.add(part(zx, 2), tf.mul(r, part(zh, 2))));
    return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h!));
  },
  ref: ([x, h, w, u]) => {
    const zx = matMul(x!, [2, 3], w!, [3, 12]).y;
    const zh = matMul(h!, [2, 4], u!, [4, 12]).y;
    const y = new Float64Array(8);
    for (let b = 0; b < 2; b++)
      for (let j = 0; j < 4; j++) {
        const at = (m: F64, k: number): number => m[b * 12 + 4 * k + j]!;
        const r = sigmoid(at(zx, 0) + at(zh, 0));
        const z = sigmoid(at(zx, 1) + at(zh, 1));
        const n = Math.tanh(at(zx, 2) + r * at(zh, 2));
        y[b * 4 + j] = (1 - z) * n + z * h![b * 4 + j]!;
      }
    return y;
  },
  outShape: [2, 4],
};

/** A masked SimpleRNN over time: unstack, where (keep h past a sequence's end), stack. */
const MASK = [1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0]; // [batch 3, time 4]
const MASKED_RNN: OpCase = {
  name: 'masked SimpleRNN: unstack, matMul, tanh, where, stack',
  inputs: [{ shape: [3, 4, 2] }, { shape: [2, 3], scale: 0.7 }, { shape: [3, 3], scale: 0.7 }, { shape: [3, 4], values: MASK, grad: false }],
  op: (x, w, u, mask) => {
    const steps = tf.unstack(x!, 1);
    const keep = tf.unstack(tf.greater(mask!, 0), 1);
    let h = tf.zeros([3, 3]);
    const outs: tf.Tensor[] = [];
    steps.forEach((xt, t) => {
      const hNew = tf.tanh(tf.add(tf.matMul(xt, w!), tf.matMul(h, u!)));
      h = tf.where(tf.tile(tf.reshape(keep[t]!, [3, 1]), [1, 3]), hNew, h);
      outs.push(h);
    });
    return tf.stack(outs, 1);
  },
  ref: ([x, w, u, mask]) => {
    const y = new Float64Array(3 * 4 * 3);
    for (let b = 0; b < 3; b++) {
      let h = [0, 0, 0];
      for (let t = 0; t < 4; t++) {
        const hNew = [0, 1, 2].map((j) => {
          let s = 0;
          for (let f = 0; f < 2; f++) s += x![(b * 4 + t) * 2 + f]! * w![f * 3 + j]!;
          for (let k = 0; k < 3; k++) s += h[k]! * u![k * 3 + j]!;
          return Math.tanh(s);
        });
        if (mask![b * 4 + t]! > 0) h = hNew;
        for (let j = 0; j < 3; j++) y[(b * 4 + t) * 3 + j] = h[j]!;
      }
    }
    return y;
  },
  outShape: [3, 4, 3],
};

// ---------------------------------------------------------------- attention

const CAUSAL = Array.from({ length: 16 }, (_, i) => (i % 4 <= Math.floor(i / 4) ? 1 : 0)); // [4, 4] lower triangle

function attentionRef(q: F64, k: F64, v: F64, mask: F64): F64 {
  // [batch 2, heads 2, seq 4, depth 3]; output transposed to [batch, seq, heads, depth].
  const s = matMul(q, [2, 2, 4, 3], k, [2, 2, 4, 3], false, true).y.map((x, i) => x / Math.sqrt(3) + (1 - mask[i % 16]!) * -1e9);
  const p = rows(s, 4, softmax);
  const o = matMul(p, [2, 2, 4, 4], v, [2, 2, 4, 3]).y;
  const y = new Float64Array(o.length);
  for (let b = 0; b < 2; b++)
    for (let hd = 0; hd < 2; hd++)
      for (let t = 0; t < 4; t++) for (let d = 0; d < 3; d++) y[((b * 4 + t) * 2 + hd) * 3 + d] = o[((b * 2 + hd) * 4 + t) * 3 + d]!;
  return y;
}

const ATTENTION: OpCase[] = [
  {
    name: 'attention: batched matMul with transposeB, additive -1e9 mask, softmax, transpose',
    inputs: [{ shape: [2, 2, 4, 3] }, { shape: [2, 2, 4, 3] }, { shape: [2, 2, 4, 3] }, { shape: [4, 4], values: CAUSAL, grad: false }],
    op: (q, k, v, mask) => {
      const s = tf.add(tf.div(tf.matMul(q!, k!, false, true), Math.sqrt(3)), tf.mul(tf.sub(1, mask!), -1e9));
      return tf.transpose(tf.matMul(tf.softmax(s), v!), [0, 2, 1, 3]);
    },
    ref: ([q, k, v, mask]) => attentionRef(q!, k!, v!, mask!),
    outShape: [2, 4, 2, 3],
  },
  {
    name: 'masked logSoftmax: where(mask, s, -1e9), logSoftmax, where back to 0',
    inputs: [{ shape: [2, 4, 4] }, { shape: [4, 4], values: CAUSAL, grad: false }],
    op: (s, mask) => {
      const keep = tf.greater(tf.broadcastTo(mask!, [2, 4, 4]), 0);
      const lp = tf.logSoftmax(tf.where(keep, s!, tf.fill([2, 4, 4], -1e9)));
      return tf.where(keep, lp, tf.zerosLike(lp));
    },
    ref: ([s, mask]) => {
      const masked = s!.map((v, i) => (mask![i % 16]! > 0 ? v : -1e9));
      return rows(masked, 4, logSoftmax).map((v, i) => (mask![i % 16]! > 0 ? v : 0));
    },
    outShape: [2, 4, 4],
  },
];

// ---------------------------------------------------------------- activations and losses

const C_GELU = Math.sqrt(2 / Math.PI);
type Activation = [name: string, op: (x: tf.Tensor) => tf.Tensor, ref: (v: number) => number];
const ACTIVATIONS: OpCase[] = (
  [
    ['relu', (x) => tf.relu(x), act.relu],
    ['tanh', (x) => tf.tanh(x), act.tanh],
    ['sigmoid', (x) => tf.sigmoid(x), act.sigmoid],
    ['elu', (x) => tf.elu(x), act.elu],
    ['swish (x * sigmoid(x))', (x) => tf.mul(x, tf.sigmoid(x)), act.swish],
    [
      'gelu, tanh approximation',
      (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(tf.mul(C_GELU, tf.add(x, tf.mul(0.044715, tf.mul(tf.mul(x, x), x))))))),
      act.geluTanh,
    ],
    ['gelu, exact (erf)', (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))), act.geluErf],
  ] satisfies Activation[]
).map(
  ([name, op, f]): OpCase => ({
    name: `activation ${name}`,
    inputs: [{ shape: [4, 6], scale: 1.5 }],
    op: (x) => op(x!),
    ref: ([x]) => map(x!, f),
    outShape: [4, 6],
  }),
);

const SOFTMAX: OpCase[] = [
  {
    name: 'softmax over the last axis',
    inputs: [{ shape: [3, 5], scale: 2 }],
    op: (x) => tf.softmax(x!),
    ref: ([x]) => rows(x!, 5, softmax),
    outShape: [3, 5],
  },
  {
    name: 'logSoftmax over the last axis',
    inputs: [{ shape: [3, 5], scale: 2 }],
    op: (x) => tf.logSoftmax(x!),
    ref: ([x]) => rows(x!, 5, logSoftmax),
    outShape: [3, 5],
  },
];

const LABELS = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]; // one-hot, [4, 5]
const MULTI = [1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1]; // multi-label, [4, 5]

const mean = (x: F64): F64 => Float64Array.of(x.reduce((a, b) => a + b, 0) / x.length);
const softmaxCE = (logits: F64, labels: F64): F64 => {
  const lp = rows(logits, 5, logSoftmax);
  const perRow = new Float64Array(4);
  for (let i = 0; i < 20; i++) perRow[Math.floor(i / 5)]! -= labels[i]! * lp[i]!;
  return mean(perRow);
};
const sigmoidCE = (z: F64, y: F64): F64 => mean(z.map((v, i) => Math.max(v, 0) - v * y[i]! + Math.log1p(Math.exp(-Math.abs(v)))));

const LOSSES: OpCase[] = [
  {
    name: 'softmax cross-entropy via logSoftmax',
    inputs: [{ shape: [4, 5], scale: 2 }, { shape: [4, 5], values: LABELS, grad: false }],
    op: (logits, labels) => tf.neg(tf.mean(tf.sum(tf.mul(labels!, tf.logSoftmax(logits!)), -1))),
    ref: ([logits, labels]) => softmaxCE(logits!, labels!),
    outShape: [],
  },
  {
    name: 'tf.losses.softmaxCrossEntropy',
    inputs: [{ shape: [4, 5], scale: 2 }, { shape: [4, 5], values: LABELS, grad: false }],
    op: (logits, labels) => tf.losses.softmaxCrossEntropy(labels!, logits!),
    ref: ([logits, labels]) => softmaxCE(logits!, labels!),
    outShape: [],
  },
  {
    name: 'sigmoid cross-entropy: maximum, log1p, exp, abs',
    inputs: [{ shape: [4, 5], scale: 2 }, { shape: [4, 5], values: MULTI, grad: false }],
    op: (z, y) => tf.mean(tf.add(tf.sub(tf.maximum(z!, 0), tf.mul(z!, y!)), tf.log1p(tf.exp(tf.neg(tf.abs(z!)))))),
    ref: ([z, y]) => sigmoidCE(z!, y!),
    outShape: [],
  },
  {
    name: 'tf.losses.sigmoidCrossEntropy',
    inputs: [{ shape: [4, 5], scale: 2 }, { shape: [4, 5], values: MULTI, grad: false }],
    op: (z, y) => tf.losses.sigmoidCrossEntropy(y!, z!),
    ref: ([z, y]) => sigmoidCE(z!, y!),
    outShape: [],
  },
  {
    name: 'tf.losses.meanSquaredError',
    inputs: [{ shape: [4, 5] }, { shape: [4, 5] }],
    op: (pred, target) => tf.losses.meanSquaredError(target!, pred!),
    ref: ([pred, target]) => mean(pred!.map((v, i) => (v - target![i]!) ** 2)),
    outShape: [],
  },
  {
    // Scale 1.5 puts errors on both sides of delta = 1 (quadratic and linear branches).
    name: 'tf.losses.huberLoss (delta 1)',
    inputs: [{ shape: [4, 5], scale: 1.5 }, { shape: [4, 5], scale: 1.5 }],
    op: (pred, target) => tf.losses.huberLoss(target!, pred!),
    ref: ([pred, target]) =>
      mean(
        pred!.map((v, i) => {
          const e = Math.abs(v - target![i]!);
          return e <= 1 ? 0.5 * e * e : e - 0.5;
        }),
      ),
    outShape: [],
  },
];

const DROPOUT_MASK: OpCase = {
  name: 'dropout as a multiplication by a mask drawn from Rng',
  inputs: [{ shape: [4, 6] }, { shape: [4, 6], values: Array.from({ length: 24 }, (_, i) => ((i * 7) % 3 === 0 ? 0 : 1 / 0.75)), grad: false }],
  op: (x, mask) => tf.mul(x!, mask!),
  ref: ([x, mask]) => x!.map((v, i) => v * mask![i]!),
  outShape: [4, 6],
};

const GROUPS: Record<string, OpCase[]> = {
  'Conv2D (strides, padding, dilation)': CONV,
  DepthwiseConv2D: DEPTHWISE,
  'MaxPool2D and AvgPool2D': POOL,
  'Dense, matMul, reshape, mean, gather': DENSE,
  'BatchNorm and LayerNorm': NORM,
  'RNN, LSTM and GRU cells': [LSTM, GRU, MASKED_RNN],
  MultiHeadAttention: ATTENTION,
  'activations and softmax': [...ACTIVATIONS, ...SOFTMAX],
  losses: LOSSES,
  dropout: [DROPOUT_MASK],
};

// ---------------------------------------------------------------- optimizers

interface OptCase {
  name: string;
  make: () => tf.Optimizer;
  /** One update of the float64 reference; `s` holds the optimizer's state, `t` counts from 1. */
  step: (w: F64, g: F64, s: Record<string, F64>, t: number, eps: number) => void;
}

const ensure = (s: Record<string, F64>, k: string, n: number, init = 0): F64 => (s[k] ??= new Float64Array(n).fill(init));

const OPTIMIZERS: OptCase[] = [
  {
    name: 'SGD',
    make: () => tf.train.sgd(0.1),
    step: (w, g) => w.forEach((v, i) => (w[i] = v - 0.1 * g[i]!)),
  },
  {
    name: 'Adam',
    make: () => tf.train.adam(0.01, 0.9, 0.999, 1e-7),
    step: (w, g, s, t) => {
      const m = ensure(s, 'm', w.length);
      const v = ensure(s, 'v', w.length);
      for (let i = 0; i < w.length; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
        w[i]! -= (0.01 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-7);
      }
    },
  },
  {
    name: 'RMSProp with momentum',
    make: () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7),
    step: (w, g, s) => {
      const ms = ensure(s, 'ms', w.length);
      const mom = ensure(s, 'mom', w.length);
      for (let i = 0; i < w.length; i++) {
        ms[i] = 0.9 * ms[i]! + 0.1 * g[i]! ** 2;
        mom[i] = 0.5 * mom[i]! + (0.01 * g[i]!) / Math.sqrt(ms[i]! + 1e-7);
        w[i]! -= mom[i]!;
      }
    },
  },
  {
    // Centered RMSProp (Graves 2013): divide by sqrt(E[g^2] - E[g]^2 + eps). tfjs subtracts eps
    // inside the square root instead; with eps = 1e-7 against a variance of order 0.1 the
    // difference is ~1e-6 relative, far inside the tolerance.
    name: 'RMSProp centered',
    make: () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7, true),
    step: (w, g, s) => {
      const ms = ensure(s, 'ms', w.length);
      const mg = ensure(s, 'mg', w.length);
      const mom = ensure(s, 'mom', w.length);
      for (let i = 0; i < w.length; i++) {
        ms[i] = 0.9 * ms[i]! + 0.1 * g[i]! ** 2;
        mg[i] = 0.9 * mg[i]! + 0.1 * g[i]!;
        mom[i] = (0.01 * g[i]!) / Math.sqrt(ms[i]! - mg[i]! ** 2 + 1e-7);
        w[i]! -= mom[i]!;
      }
    },
  },
  {
    name: 'Adagrad',
    make: () => tf.train.adagrad(0.1, 0.1),
    step: (w, g, s, _t, eps) => {
      const acc = ensure(s, 'acc', w.length, 0.1);
      for (let i = 0; i < w.length; i++) {
        acc[i] = acc[i]! + g[i]! ** 2;
        w[i]! -= (0.1 * g[i]!) / Math.sqrt(acc[i]! + eps);
      }
    },
  },
];

// ---------------------------------------------------------------- the suite

describe.each(BACKENDS)('zoo ops on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  for (const [group, cases] of Object.entries(GROUPS)) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, async () => {
          await checkOp(c, new Rng(2024));
        });
      }
    });
  }

  describe('dropout', () => {
    it('tf.dropout with a seed zeroes or rescales each element, and its gradient uses the same mask', async () => {
      const rng = new Rng(5);
      const xv = f32Values(200, rng).map((v) => (Math.abs(v) < 1e-3 ? 1 : v)); // no zeros: a zero output means dropped
      const r = f32Values(200, rng);
      await expectNoLeaks(() => {
        const x = tf.tensor1d(Float32Array.from(xv));
        const dy = tf.tensor1d(Float32Array.from(r));
        const y = tf.dropout(x, 0.4, undefined, 17);
        const yv = y.dataSync();
        const kept = Float64Array.from(yv, (v) => (v === 0 ? 0 : 1));
        const keptCount = kept.reduce((a, b) => a + b, 0);
        // 200 draws at keep probability 0.6: 120 expected, standard deviation ~7.
        expect(keptCount).toBeGreaterThan(80);
        expect(keptCount).toBeLessThan(160);
        expectClose(yv, xv.map((v, i) => (kept[i]! * v) / 0.6), FLOAT32, 'dropout forward');
        const [g] = tf.grads((t: tf.Tensor) => tf.dropout(t, 0.4, undefined, 17))([x], dy);
        expectClose(g!.dataSync(), r.map((v, i) => (kept[i]! * v) / 0.6), FLOAT32, 'dropout gradient');
        tf.dispose([x, dy, y, g!]);
      });
    });
  });

  describe('optimizer updates', () => {
    for (const o of OPTIMIZERS) {
      it(`${o.name}: three steps match the float64 update rule`, async () => {
        const rng = new Rng(99);
        const w0 = f32Values(12, rng);
        const grads = [0, 1, 2].map(() => f32Values(12, rng));
        const eps = tf.backend().epsilon();
        await expectNoLeaks(() => {
          const init = tf.tensor2d(Float32Array.from(w0), [3, 4]);
          const w = tf.variable(init, true, `w_${backend}_${o.name}`);
          init.dispose();
          const opt = o.make();
          const ref = w0.slice();
          const state: Record<string, F64> = {};
          grads.forEach((gv, t) => {
            const g = tf.tensor2d(Float32Array.from(gv), [3, 4]);
            opt.applyGradients({ [w.name]: g });
            g.dispose();
            o.step(ref, gv, state, t + 1, eps);
            expectClose(w.dataSync(), ref, FLOAT32, `${o.name} step ${t + 1}`);
          });
          opt.dispose();
          w.dispose();
        });
      });
    }
  });
});

describe('dropout across backends', () => {
  it('the same seed draws the same mask on cpu and on wasm', async () => {
    const masks: number[][] = [];
    for (const b of BACKENDS) {
      await useBackend(b);
      await expectNoLeaks(() => {
        const x = tf.ones([64]);
        const y = tf.dropout(x, 0.5, undefined, 123);
        masks.push(Array.from(y.dataSync(), (v) => (v === 0 ? 0 : 1)));
        tf.dispose([x, y]);
      });
    }
    expect(masks[0]).toEqual(masks[1]);
    expect(new Set(masks[0])).toEqual(new Set([0, 1]));
  });
});
