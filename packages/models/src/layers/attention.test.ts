import { expectNoLeaks, tf } from '@tessera/backend';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { add, Arr, encoder, globalAvg, mha, rand } from '../../test/ref.js';
import { GlobalAveragePooling1D, MultiHeadAttention, PositionalEncoding, TransformerEncoder } from '../index.js';

const mhaWeights = (w: Map<string, Arr>) => ({
  qk: w.get('query/kernel')!,
  qb: w.get('query/bias')!,
  kk: w.get('key/kernel')!,
  kb: w.get('key/bias')!,
  vk: w.get('value/kernel')!,
  vb: w.get('value/bias')!,
  ok: w.get('attention_output/kernel')!,
  ob: w.get('attention_output/bias')!,
});

forEachBackend('MultiHeadAttention, TransformerEncoder, positional encodings', () => {
  it('MultiHeadAttention matches a float64 implementation, values and gradients (self, causal, padding masks)', () => {
    const keyMask = [
      [1, 1, 1, 0],
      [1, 0, 1, 1],
    ];
    const fullMask = [
      [
        [1, 0, 1, 1],
        [1, 1, 0, 1],
        [0, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      [
        [1, 1, 1, 1],
        [1, 1, 1, 0],
        [1, 0, 0, 1],
        [0, 1, 1, 1],
      ],
    ];
    for (const [causal, mask] of [
      [false, null],
      [true, null],
      [false, keyMask],
      [true, keyMask],
      [false, fullMask],
    ] as const) {
      const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, causal, seed: 1 });
      layer.build([4, 5]);
      randomizeWeights(layer, 2);
      gradCheck({
        layer,
        inputs: [rand([2, 4, 5], 3)],
        ...(mask ? { options: { mask: mask as number[][] } } : {}),
        reference: ([x], w) =>
          mha(x!, x!, x!, mhaWeights(w), { heads: 2, keyDim: 3, valueDim: 3, causal, mask: mask as number[][] | null }),
      });
      layer.dispose();
    }
  });

  it('cross-attention with [query, value, key] of other sizes and an outputDim matches float64', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 2, valueDim: 3, outputDim: 4, seed: 3 });
    layer.build([
      [3, 5],
      [4, 6],
      [4, 2],
    ]);
    randomizeWeights(layer, 4);
    expect(layer.weights().map((w) => `${w.name}:${w.variable.shape.join('x')}`)).toEqual([
      'query/kernel:5x2x2',
      'query/bias:2x2',
      'key/kernel:2x2x2',
      'key/bias:2x2',
      'value/kernel:6x2x3',
      'value/bias:2x3',
      'attention_output/kernel:2x3x4',
      'attention_output/bias:4',
    ]);
    gradCheck({
      layer,
      inputs: [rand([2, 3, 5], 5), rand([2, 4, 6], 6), rand([2, 4, 2], 7)],
      options: {
        mask: [
          [1, 1, 0, 1],
          [0, 1, 1, 1],
        ],
      },
      reference: ([q, v, k], w) =>
        mha(q!, v!, k!, mhaWeights(w), {
          heads: 2,
          keyDim: 2,
          valueDim: 3,
          mask: [
            [1, 1, 0, 1],
            [0, 1, 1, 1],
          ],
        }),
    });
    layer.dispose();
  });

  it('TransformerEncoder (pre- and post-norm, masked, causal) matches a float64 implementation, values and gradients', () => {
    const mask = [
      [1, 1, 1, 0],
      [1, 1, 1, 1],
    ];
    for (const normFirst of [false, true]) {
      for (const [causal, m, activation] of [
        [false, mask, 'relu'],
        [true, null, 'gelu'],
      ] as const) {
        const layer = new TransformerEncoder({ numHeads: 2, ffDim: 6, normFirst, causal, activation, seed: 4 });
        layer.build([4, 4]);
        randomizeWeights(layer, 8);
        gradCheck({
          layer,
          inputs: [rand([2, 4, 4], 9)],
          ...(m ? { options: { mask: m } } : {}),
          reference: ([x], w) => encoder(x!, w, { heads: 2, normFirst, eps: 1e-5, activation, causal, mask: m }),
        });
        layer.dispose();
      }
    }
  });

  it('sinusoidal encoding is the Vaswani table; learned encoding and masked mean pooling have exact gradients', () => {
    const pe = new PositionalEncoding({ maxLen: 6 });
    const zeros = tf.zeros([1, 5, 4]);
    const y = pe.apply(zeros);
    const v = y.dataSync();
    for (let p = 0; p < 5; p++)
      for (let i = 0; i < 2; i++) {
        const angle = p / 10000 ** ((2 * i) / 4);
        expect(v[p * 4 + 2 * i]).toBeCloseTo(Math.sin(angle), 6);
        expect(v[p * 4 + 2 * i + 1]).toBeCloseTo(Math.cos(angle), 6);
      }
    tf.dispose([zeros, y]);
    gradCheck({
      layer: pe,
      inputs: [rand([2, 3, 4], 1)],
      reference: ([x]) => {
        const table = new Arr(
          [3, 4],
          new Float64Array(12).map((_, j) => {
            const p = Math.floor(j / 4);
            const i = j % 4;
            const angle = p / 10000 ** ((2 * Math.floor(i / 2)) / 4);
            return i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
          }),
        );
        return add(x!, table);
      },
      fwdTol: 1e-6,
    });
    pe.dispose();
    const learned = new PositionalEncoding({ maxLen: 5, kind: 'learned', seed: 2 });
    learned.build([null, 3]);
    gradCheck({
      layer: learned,
      inputs: [rand([2, 4, 3], 2)],
      reference: ([x], w) => add(x!, new Arr([4, 3], w.get('embeddings')!.data.slice(0, 12))),
    });
    learned.dispose();
    const mask = [
      [1, 0, 1, 0],
      [1, 1, 1, 1],
    ];
    gradCheck({
      layer: new GlobalAveragePooling1D(),
      inputs: [rand([2, 4, 3], 3)],
      options: { mask },
      reference: ([x]) => globalAvg(x!, mask),
    });
  });

  it('an encoder training step with dropout leaks nothing and is reproducible from the seed', async () => {
    const run = async (): Promise<Float32Array> => {
      const block = new TransformerEncoder({ numHeads: 2, ffDim: 8, dropout: 0.3, seed: 11 });
      block.build([null, 4]);
      const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5);
      const opt = tf.train.adam(0.01);
      const step = (): void => {
        tf.dispose(opt.minimize(() => tf.sum(tf.square(block.apply(x, { training: true }))) as tf.Scalar, true) ?? []);
      };
      step();
      await expectNoLeaks(step);
      const out = block.apply(x, { training: true });
      const data = out.dataSync() as Float32Array;
      tf.dispose([x, out]);
      opt.dispose();
      block.dispose();
      return data;
    };
    expect(await run()).toEqual(await run());
  });
});

it('attention layers validate their inputs', () => {
  const m = new MultiHeadAttention({ numHeads: 2, keyDim: 2, name: 'att', seed: 1 });
  m.build([3, 4]);
  const x = tf.ones([1, 3, 5]);
  expect(() => m.apply(x)).toThrow('att: expected input shape [null, null, 4], received [1, 3, 5]');
  const ok = tf.ones([1, 3, 4]);
  const badMask = tf.ones([1, 2]);
  expect(() => m.apply(ok, { mask: badMask })).toThrow('att: expected mask shape [1, 3] or [1, 3, 3], received [1, 2]');
  tf.dispose([x, ok, badMask]);
  m.dispose();
  expect(() => new TransformerEncoder({ numHeads: 3, ffDim: 4, name: 'enc' }).build([null, 4])).toThrow(
    "enc: the model size 4 (input's last axis) must be divisible by numHeads 3",
  );
  const pe = new PositionalEncoding({ maxLen: 3, name: 'pos' });
  const long = tf.ones([1, 4, 2]);
  expect(() => pe.apply(long)).toThrow('pos: sequence length 4 exceeds maxLen 3');
  long.dispose();
  pe.dispose();
});
