import * as tfl from '@tensorflow/tfjs-layers';
import { expectNoLeaks, tf } from '@tessera/backend';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { expectOnActiveBackend, layerParity, maxAbsDiff } from '../../test/parity.js';
import { concatLast, embedding, rand, reverseTime, rnn, type RnnOpts } from '../../test/ref.js';
import { Bidirectional, Embedding, GRU, LSTM, type Recurrent, SimpleRNN } from '../index.js';

type Kind = 'simple' | 'lstm' | 'gru' | 'gru-reset-after';
const make = (
  kind: Kind,
  cfg: { units: number; returnSequences?: boolean; goBackwards?: boolean; seed?: number },
): Recurrent =>
  kind === 'simple'
    ? new SimpleRNN(cfg)
    : kind === 'lstm'
      ? new LSTM(cfg)
      : new GRU({ ...cfg, resetAfter: kind === 'gru-reset-after' });
const peer = (
  kind: Kind,
  cfg: { units: number; returnSequences?: boolean; goBackwards?: boolean },
): tfl.layers.Layer =>
  kind === 'simple'
    ? tfl.layers.simpleRNN(cfg)
    : kind === 'lstm'
      ? tfl.layers.lstm({ ...cfg, recurrentActivation: 'sigmoid' })
      : tfl.layers.gru({ ...cfg, recurrentActivation: 'sigmoid' });
const refKind = (k: Kind): RnnOpts['kind'] => (k === 'gru-reset-after' ? 'gru' : k);
// Last step of the second sample is padding; the first sample is padded in the middle too.
const MASK = [
  [1, 1, 0, 1],
  [1, 1, 1, 0],
];

forEachBackend('SimpleRNN, LSTM, GRU, Bidirectional', () => {
  it('SimpleRNN, LSTM and GRU (resetAfter false) match tfjs-layers within 1e-5, with and without a mask', () => {
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 1);
    const mask = tf.tensor2d(MASK);
    for (const kind of ['simple', 'lstm', 'gru'] as const) {
      for (const returnSequences of [false, true]) {
        for (const goBackwards of [false, true]) {
          const cfg = { units: 5, returnSequences, goBackwards };
          const ours = make(kind, { ...cfg, seed: 2 });
          ours.build([4, 3]);
          randomizeWeights(ours, 3);
          layerParity(ours, peer(kind, cfg), x);
          // Masked: tfjs-layers takes the mask as a call argument.
          const p = peer(kind, cfg);
          tf.dispose(p.apply(x as never) as never);
          p.setWeights(ours.weights().map((w) => w.variable as never));
          const a = ours.apply(x, { mask });
          const b = p.apply(x as never, { mask } as never) as unknown as tf.Tensor;
          expectOnActiveBackend(b);
          expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
          tf.dispose([a, b]);
          p.dispose();
          ours.dispose();
        }
      }
    }
    tf.dispose([x, mask]);
  });

  it('long sequences (unstacked in chunks) match tfjs-layers within 1e-5, masked, both directions', () => {
    const x = tf.randomNormal([3, 11, 2], 0, 1, 'float32', 8);
    const mask = tf.tensor2d([Array(11).fill(1), [...Array(7).fill(1), 0, 0, 0, 0], [1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1]]);
    for (const goBackwards of [false, true]) {
      const ours = new LSTM({ units: 3, returnSequences: true, goBackwards, seed: 1 });
      ours.build([11, 2]);
      randomizeWeights(ours, 2, 0.8);
      const p = tfl.layers.lstm({ units: 3, returnSequences: true, goBackwards, recurrentActivation: 'sigmoid' });
      tf.dispose(p.apply(x as never) as never);
      p.setWeights(ours.weights().map((w) => w.variable as never));
      const a = ours.apply(x, { mask });
      const b = p.apply(x as never, { mask } as never) as unknown as tf.Tensor;
      expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
      tf.dispose([a, b]);
      p.dispose();
      ours.dispose();
    }
    tf.dispose([x, mask]);
  });

  it('Bidirectional(LSTM) matches tfjs-layers within 1e-5', () => {
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 4);
    for (const returnSequences of [false, true]) {
      const ours = new Bidirectional({ layer: new LSTM({ units: 4, returnSequences, seed: 1 }), seed: 2 });
      ours.build([5, 3]);
      randomizeWeights(ours, 6);
      layerParity(
        ours,
        tfl.layers.bidirectional({
          layer: tfl.layers.lstm({ units: 4, returnSequences, recurrentActivation: 'sigmoid' }) as never,
          mergeMode: 'concat',
        }),
        x,
      );
      ours.dispose();
    }
    x.dispose();
  });

  it('Embedding matches tfjs-layers and its gradient (a sparse row sum) matches finite differences', () => {
    const ids = [
      [3, 0, 7, 3],
      [1, 9, 0, 0],
    ];
    const ours = new Embedding({ inputDim: 10, outputDim: 4, seed: 1 });
    ours.build([4]);
    const x = tf.tensor2d(ids, undefined, 'int32');
    layerParity(ours, tfl.layers.embedding({ inputDim: 10, outputDim: 4 }), x);
    x.dispose();
    gradCheck({
      layer: ours,
      inputs: [],
      ids,
      reference: (_, w) => embedding(ids, w.get('embeddings')!),
      noInputGrad: true,
    });
    ours.dispose();
  });

  it('recurrent gradients match float64 finite differences (masks, sequences, reversed, both GRU forms)', () => {
    const kinds: Kind[] = ['simple', 'lstm', 'gru', 'gru-reset-after'];
    for (const kind of kinds) {
      for (const [returnSequences, goBackwards, masked] of [
        [false, false, false],
        [true, true, true],
        [false, true, true],
      ] as const) {
        const layer = make(kind, { units: 3, returnSequences, goBackwards, seed: 5 });
        layer.build([4, 2]);
        randomizeWeights(layer, 12, 0.8);
        gradCheck({
          layer,
          inputs: [rand([2, 4, 2], 13)],
          ...(masked ? { options: { mask: MASK } } : {}),
          reference: ([x], w) =>
            rnn(x!, w.get('kernel')!, w.get('recurrent_kernel')!, w.get('bias')!, {
              kind: refKind(kind),
              units: 3,
              returnSequences,
              goBackwards,
              mask: masked ? MASK : null,
              resetAfter: kind === 'gru-reset-after',
            }),
        });
        layer.dispose();
      }
    }
  });

  it('Bidirectional gradients match float64 finite differences (the backward output back in time order)', () => {
    for (const returnSequences of [false, true]) {
      const layer = new Bidirectional({ layer: new GRU({ units: 2, returnSequences, seed: 1 }), seed: 2 });
      layer.build([3, 2]);
      randomizeWeights(layer, 4, 0.8);
      expect(layer.weights().map((w) => w.name)).toEqual([
        'forward_gru/kernel',
        'forward_gru/recurrent_kernel',
        'forward_gru/bias',
        'backward_gru/kernel',
        'backward_gru/recurrent_kernel',
        'backward_gru/bias',
      ]);
      const mask = [
        [1, 1, 1],
        [1, 1, 0],
      ];
      gradCheck({
        layer,
        inputs: [rand([2, 3, 2], 5)],
        options: { mask },
        reference: ([x], w) => {
          const o = { kind: 'gru' as const, units: 2, returnSequences, mask, resetAfter: true };
          const f = rnn(
            x!,
            w.get('forward_gru/kernel')!,
            w.get('forward_gru/recurrent_kernel')!,
            w.get('forward_gru/bias')!,
            o,
          );
          const b = rnn(
            x!,
            w.get('backward_gru/kernel')!,
            w.get('backward_gru/recurrent_kernel')!,
            w.get('backward_gru/bias')!,
            { ...o, goBackwards: true },
          );
          return concatLast(f, returnSequences ? reverseTime(b) : b);
        },
      });
      layer.dispose();
    }
  });

  it('an LSTM training step leaks nothing', async () => {
    const lstm = new LSTM({ units: 4, seed: 1 });
    lstm.build([5, 3]);
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const mask = tf.tensor2d([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1],
    ]);
    const opt = tf.train.adam(0.01);
    const step = (): void => {
      tf.dispose(opt.minimize(() => tf.sum(lstm.apply(x, { training: true, mask })) as tf.Scalar, true) ?? []);
    };
    step();
    await expectNoLeaks(step);
    tf.dispose([x, mask]);
    opt.dispose();
    lstm.dispose();
  });
});

it('recurrent layers validate their input', () => {
  const l = new LSTM({ units: 2, name: 'enc', seed: 1 });
  expect(() => l.build([3])).toThrow('enc: expected input of rank 3');
  l.build([null, 3]);
  const x = tf.ones([2, 4, 5]);
  expect(() => l.apply(x)).toThrow('enc: expected input shape [null, null, 3], received [2, 4, 5]');
  const y = tf.ones([2, 4, 3]);
  const m = tf.ones([2, 3]);
  expect(() => l.apply(y, { mask: m })).toThrow('enc: expected mask shape [2, 4], received [2, 3]');
  tf.dispose([x, y, m]);
  l.dispose();
  expect(() => new Bidirectional({ layer: {} as never })).toThrow(/layer must be a SimpleRNN, LSTM or GRU/);
  const e = new Embedding({ inputDim: 5, outputDim: 2, name: 'emb', seed: 1 });
  const bad = tf.tensor2d([[1, 5]], undefined, 'int32');
  expect(() => e.apply(bad)).toThrow('emb: token ids must be integers in [0, 5); found 5 at flat index 1');
  bad.dispose();
  e.dispose();
});
