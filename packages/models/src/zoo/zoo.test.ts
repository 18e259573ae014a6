import * as tfl from '@tensorflow/tfjs-layers';
import { expectNoLeaks, seed, tf, useBackend } from '@tessera/backend';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { maxAbsDiff, modelParity } from '../../test/parity.js';
import { cnn, mlp, resnet, rnn, transformer } from '../index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const SEED_CNN = {
  inputShape: [32, 32, 3] as [number, number, number],
  filters: [32, 64],
  dense: [128],
  numClasses: 10,
};

it('the seed CNN has exactly 545,098 parameters, in Keras layouts', () => {
  const m = cnn({ ...SEED_CNN, seed: 1 });
  expect(m.countParams()).toBe(545_098);
  const ws = m.getWeights();
  expect(ws.map((w) => `${w.name}:${w.tensor.shape.join('x')}`)).toEqual([
    'conv2d_1/kernel:3x3x3x32',
    'conv2d_1/bias:32',
    'conv2d_2/kernel:3x3x32x64',
    'conv2d_2/bias:64',
    'dense_1/kernel:4096x128',
    'dense_1/bias:128',
    'dense_2/kernel:128x10',
    'dense_2/bias:10',
  ]);
  tf.dispose(ws.map((w) => w.tensor));
  m.dispose();
});

it('zoo parameter counts follow the architectures', () => {
  const counts: [string, () => { countParams(): number; dispose(): void }, number][] = [
    ['mlp 784-256-128-10', () => mlp({ inputSize: 784, hidden: [256, 128], numClasses: 10, seed: 1 }), 235_146],
    [
      'ResNet-20',
      () => resnet({ inputShape: [32, 32, 3], filters: [16, 32, 64], blocksPerStage: 3, numClasses: 10, seed: 1 }),
      274_042,
    ],
    // embedding 5000*64 + LSTM 4*(64*64 + 64*64 + 64) + dense 64*2 + 2
    [
      'rnn lstm',
      () => rnn({ vocabSize: 5000, embedDim: 64, cell: 'lstm', units: 64, numClasses: 2, seed: 1 }),
      320_000 + 33_024 + 130,
    ],
    // GRU (reset after): 3*(64*64 + 64*64) + 2*3*64; bidirectional doubles it, dense takes 128
    [
      'rnn bi-gru',
      () => rnn({ vocabSize: 5000, embedDim: 64, cell: 'gru', units: 64, bidirectional: true, numClasses: 2, seed: 1 }),
      320_000 + 2 * (24_576 + 384) + 258,
    ],
    [
      'rnn simple',
      () => rnn({ vocabSize: 100, embedDim: 8, cell: 'simple', units: 4, numClasses: 3, seed: 1 }),
      800 + (32 + 16 + 4) + 15,
    ],
    // per block: attention 4*(64*64 + 64), two norms 4*64, ffn 64*128 + 128 + 128*64 + 64
    [
      'transformer',
      () =>
        transformer({
          vocabSize: 5000,
          maxLen: 64,
          dModel: 64,
          heads: 4,
          layers: 2,
          ffDim: 128,
          numClasses: 2,
          seed: 1,
        }),
      320_000 + 2 * (16_640 + 256 + 16_576) + 130,
    ],
    [
      'transformer pre-norm learned',
      () =>
        transformer({
          vocabSize: 50,
          maxLen: 10,
          dModel: 8,
          heads: 2,
          layers: 1,
          ffDim: 16,
          numClasses: 2,
          normFirst: true,
          positional: 'learned',
          seed: 1,
        }),
      400 + 80 + (288 + 32 + 280) + 16 + 18,
    ],
  ];
  for (const [name, make, n] of counts) {
    const m = make();
    expect(m.countParams(), name).toBe(n);
    m.dispose();
  }
});

it('the same seed gives the same weights; seed() makes unseeded models reproducible', () => {
  const a = mlp({ inputSize: 5, hidden: [7], numClasses: 2, seed: 3 });
  const b = mlp({ inputSize: 5, hidden: [7], numClasses: 2, seed: 3 });
  const c = mlp({ inputSize: 5, hidden: [7], numClasses: 2, seed: 4 });
  const flat = (m: typeof a): number[] => {
    const ws = m.getWeights();
    const v = ws.flatMap((w) => Array.from(w.tensor.dataSync()));
    tf.dispose(ws.map((w) => w.tensor));
    return v;
  };
  expect(flat(b)).toEqual(flat(a));
  expect(flat(c)).not.toEqual(flat(a));
  seed(77);
  const d = mlp({ inputSize: 5, hidden: [7], numClasses: 2 });
  seed(77);
  const e = mlp({ inputSize: 5, hidden: [7], numClasses: 2 });
  expect(flat(e)).toEqual(flat(d));
  for (const m of [a, b, c, d, e]) m.dispose();
});

it('zoo configs are validated', () => {
  expect(() => cnn({ ...SEED_CNN, inputShape: [32, 32] as never })).toThrow(
    'cnn: inputShape must be [height, width, channels]; got [32,32]',
  );
  expect(() => mlp({ inputSize: 4, hidden: [0], numClasses: 2 })).toThrow(
    /mlp: hidden must be an array of positive integers/,
  );
  expect(() => rnn({ vocabSize: 10, embedDim: 4, cell: 'lstmx' as never, units: 2, numClasses: 2 })).toThrow(
    /cell must be 'lstm', 'gru' or 'simple'/,
  );
  expect(() =>
    transformer({ vocabSize: 10, maxLen: 4, dModel: 6, heads: 4, layers: 1, ffDim: 8, numClasses: 2 }),
  ).toThrow('transformer: dModel 6 must be divisible by heads 4');
});

forEachBackend('zoo models', () => {
  it('the seed CNN matches the same network in tfjs-layers within 1e-5', () => {
    const ours = cnn({ ...SEED_CNN, seed: 5 });
    const peer = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 128, activation: 'relu' }),
        tfl.layers.dense({ units: 10 }),
      ],
    });
    const x = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 7);
    modelParity(ours, peer, x);
    x.dispose();
    peer.dispose();
    ours.dispose();
  });

  it('the LSTM and SimpleRNN text models (mask from Embedding maskZero) match tfjs-layers within 1e-5', () => {
    const ids = tf.tensor2d(
      [
        [4, 9, 2, 0, 0, 0],
        [7, 1, 3, 3, 8, 5],
        [2, 0, 0, 0, 0, 0],
      ],
      undefined,
      'int32',
    );
    for (const cell of ['lstm', 'simple'] as const) {
      for (const bidirectional of [false, true]) {
        const ours = rnn({ vocabSize: 10, embedDim: 4, cell, units: 5, bidirectional, numClasses: 3, seed: 2 });
        const rec =
          cell === 'lstm'
            ? tfl.layers.lstm({ units: 5, recurrentActivation: 'sigmoid' })
            : tfl.layers.simpleRNN({ units: 5 });
        const peer = tfl.sequential({
          layers: [
            tfl.layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [6] }),
            bidirectional ? tfl.layers.bidirectional({ layer: rec as never, mergeMode: 'concat' }) : rec,
            tfl.layers.dense({ units: 3 }),
          ],
        });
        modelParity(ours, peer, ids);
        peer.dispose();
        ours.dispose();
      }
    }
    ids.dispose();
  });

  it('padding tokens change nothing in the RNN and Transformer classifiers', () => {
    const short = tf.tensor2d([[5, 3, 9]], undefined, 'int32');
    const padded = tf.tensor2d([[5, 3, 9, 0, 0]], undefined, 'int32');
    const models = [
      rnn({ vocabSize: 12, embedDim: 4, cell: 'gru', units: 3, bidirectional: true, numClasses: 2, seed: 1 }),
      transformer({ vocabSize: 12, maxLen: 6, dModel: 8, heads: 2, layers: 2, ffDim: 8, numClasses: 2, seed: 1 }),
      transformer({
        vocabSize: 12,
        maxLen: 6,
        dModel: 8,
        heads: 2,
        layers: 1,
        ffDim: 8,
        numClasses: 2,
        normFirst: true,
        positional: 'learned',
        seed: 1,
      }),
    ];
    for (const m of models) {
      const a = m.apply(short);
      const b = m.apply(padded);
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-5);
      tf.dispose([a, b]);
      m.dispose();
    }
    tf.dispose([short, padded]);
  });

  it('an explicit mask is combined with the padding mask of maskZero', () => {
    const short = tf.tensor2d([[5, 3]], undefined, 'int32');
    const ids = tf.tensor2d([[5, 3, 9, 0]], undefined, 'int32');
    const mask = tf.tensor2d([[1, 1, 0, 1]]);
    for (const m of [
      rnn({ vocabSize: 12, embedDim: 4, cell: 'lstm', units: 3, numClasses: 2, seed: 2 }),
      transformer({ vocabSize: 12, maxLen: 6, dModel: 8, heads: 2, layers: 1, ffDim: 8, numClasses: 2, seed: 2 }),
    ]) {
      const a = m.apply(short);
      const b = m.apply(ids, { mask });
      const c = m.apply(ids);
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-5);
      expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-4); // without the mask, token 9 counts
      tf.dispose([a, b, c]);
      m.dispose();
    }
    tf.dispose([short, ids, mask]);
  });

  it('ResNet trains a step (BatchNorm moving stats updated) without leaks', async () => {
    const m = resnet({ inputShape: [8, 8, 3], filters: [4, 8], numClasses: 3, seed: 1 });
    const x = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 2);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
    const opt = tf.train.adam(0.01);
    const step = (): void => {
      tf.dispose(
        opt.minimize(
          () => tf.losses.softmaxCrossEntropy(y, m.apply(x, { training: true })) as tf.Scalar,
          true,
          m.trainableVariables,
        ) ?? [],
      );
    };
    const before = m.nonTrainableVariables[0]!.dataSync().slice();
    step();
    await expectNoLeaks(step);
    expect(Array.from(m.nonTrainableVariables[0]!.dataSync())).not.toEqual(Array.from(before));
    expect(m.apply(x).shape).toEqual([4, 3]);
    tf.dispose([x, y]);
    opt.dispose();
    m.dispose();
  });
});
