import { tf, useBackend } from '@tessera/backend';
import { beforeAll, expect, it } from 'vitest';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { act, add, Arr, batchNorm, conv2d, rand } from '../../test/ref.js';
import {
  Activation,
  AveragePooling2D,
  BatchNormalization,
  Bidirectional,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  Embedding,
  Flatten,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GRU,
  LAYER_CLASS_NAMES,
  type Layer,
  LayerNormalization,
  layerFromConfig,
  LSTM,
  MaxPooling2D,
  MultiHeadAttention,
  PositionalEncoding,
  Residual,
  SimpleRNN,
  TransformerEncoder,
} from '../index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

it('Dropout: identity in inference; seeded inverted masks in training; gradient is the mask', () => {
  const x = tf.ones([50, 40]);
  const d = new Dropout({ rate: 0.25, seed: 9 });
  const inf = d.apply(x);
  expect(Array.from(inf.dataSync()).every((v) => v === 1)).toBe(true);
  const y = d.apply(x, { training: true });
  const v = Array.from(y.dataSync());
  expect(v.every((e) => e === 0 || Math.abs(e - 1 / 0.75) < 1e-6)).toBe(true);
  const dropped = v.filter((e) => e === 0).length / v.length;
  expect(dropped).toBeGreaterThan(0.2);
  expect(dropped).toBeLessThan(0.3);
  // Same seed, same sequence of masks; a later call draws a new mask.
  const d2 = new Dropout({ rate: 0.25, seed: 9 });
  const y2 = d2.apply(x, { training: true });
  expect(Array.from(y2.dataSync())).toEqual(v);
  const y3 = d2.apply(x, { training: true });
  expect(Array.from(y3.dataSync())).not.toEqual(v);
  tf.dispose([x, inf, y, y2, y3]);
  // Gradient: replay the layer's masks from a twin with the same seed. gradCheck calls the layer
  // twice (forward, then under the tape), so the reference uses the first mask once, then the second.
  const twin = new Dropout({ rate: 0.5, seed: 4 });
  const ones = tf.ones([3, 4]);
  const masks = [0, 1].map(() => {
    const m = twin.apply(ones, { training: true });
    const a = new Arr([3, 4], Float64Array.from(m.dataSync()));
    m.dispose();
    return a;
  });
  ones.dispose();
  let calls = 0;
  gradCheck({
    layer: new Dropout({ rate: 0.5, seed: 4 }),
    inputs: [rand([3, 4], 2)],
    options: { training: true },
    reference: ([xx]) => {
      const mask = masks[calls++ === 0 ? 0 : 1]!;
      return new Arr(
        [3, 4],
        xx!.data.map((e, i) => e * (mask.data[i] as number)),
      );
    },
  });
});

it('Residual: relu(main(x) + shortcut(x)) with a projecting shortcut; gradients match float64', () => {
  const block = new Residual({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh', seed: 1 }),
      new Conv2D({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', seed: 2 }),
    ],
    shortcut: [new Conv2D({ filters: 3, kernelSize: 1, strides: 2, seed: 3 }), new BatchNormalization({ seed: 4 })],
    activation: 'swish',
    seed: 5,
  });
  block.build([4, 4, 2]);
  randomizeWeights(block, 6);
  expect(block.weights().map((w) => w.name)).toEqual([
    'conv2d_1/kernel',
    'conv2d_1/bias',
    'conv2d_2/kernel',
    'conv2d_2/bias',
    'conv2d_3/kernel',
    'conv2d_3/bias',
    'batch_normalization_1/gamma',
    'batch_normalization_1/beta',
    'batch_normalization_1/moving_mean',
    'batch_normalization_1/moving_variance',
  ]);
  const same = { padding: 'same' as const, dilation: [1, 1] as [number, number] };
  gradCheck({
    layer: block,
    inputs: [rand([2, 4, 4, 2], 7)],
    reference: ([x], w) => {
      const a = conv2d(
        conv2d(x!, w.get('conv2d_1/kernel')!, w.get('conv2d_1/bias')!, { ...same, strides: [1, 1] }, 'tanh'),
        w.get('conv2d_2/kernel')!,
        w.get('conv2d_2/bias')!,
        { ...same, strides: [2, 2] },
      );
      const s = batchNorm(
        conv2d(x!, w.get('conv2d_3/kernel')!, w.get('conv2d_3/bias')!, {
          padding: 'valid',
          dilation: [1, 1],
          strides: [2, 2],
        }),
        w.get('batch_normalization_1/gamma')!,
        w.get('batch_normalization_1/beta')!,
        1e-3,
        {
          mean: w.get('batch_normalization_1/moving_mean')!,
          variance: w.get('batch_normalization_1/moving_variance')!,
        },
      );
      return act(add(a, s), 'swish');
    },
  });
  block.dispose();
  const bad = new Residual({ layers: [new Conv2D({ filters: 4, kernelSize: 1 })], name: 'res' });
  expect(() => bad.build([4, 4, 2])).toThrow(
    'res: the main path gives [null, 4, 4, 4] but the shortcut gives [null, 4, 4, 2]',
  );
});

it('every layer class survives toJSON -> layerFromConfig with equal config and equal initial weights', () => {
  const layers: Layer[] = [
    new Dense({ units: 3, activation: 'gelu', seed: 1 }),
    new Conv2D({ filters: 2, kernelSize: [3, 1], strides: 2, padding: 'same', seed: 2 }),
    new DepthwiseConv2D({ kernelSize: 2, depthMultiplier: 3, dilationRate: 2, seed: 3 }),
    new MaxPooling2D({ poolSize: 3, strides: 1, padding: 'same' }),
    new AveragePooling2D({ poolSize: 2 }),
    new GlobalAveragePooling2D(),
    new BatchNormalization({ momentum: 0.9, epsilon: 1e-5, seed: 4 }),
    new Flatten(),
    new Activation({ activation: 'swish' }),
    new Dropout({ rate: 0.1, seed: 5 }),
  ];
  const seqLayers: Layer[] = [
    new LayerNormalization({ epsilon: 1e-6, center: false, seed: 6 }),
    new SimpleRNN({ units: 2, returnSequences: true, seed: 7 }),
    new LSTM({ units: 2, goBackwards: true, unitForgetBias: false, seed: 8 }),
    new GRU({ units: 2, resetAfter: false, seed: 9 }),
    new Bidirectional({ layer: new GRU({ units: 2, seed: 10 }), seed: 11 }),
    new MultiHeadAttention({ numHeads: 2, keyDim: 3, causal: true, seed: 12 }),
    new TransformerEncoder({ numHeads: 2, ffDim: 5, normFirst: true, dropout: 0.1, seed: 13 }),
    new PositionalEncoding({ maxLen: 8, kind: 'learned', seed: 14 }),
    new GlobalAveragePooling1D(),
  ];
  const check = (l: Layer, shape: (number | null)[]): void => {
    const json = JSON.parse(JSON.stringify(l.toJSON()));
    const copy = layerFromConfig(json);
    expect(copy.className).toBe(l.className);
    expect(copy.toJSON()).toEqual(l.toJSON());
    l.build(shape);
    copy.build(shape);
    const a = l.weights();
    const b = copy.weights();
    expect(b.map((w) => w.name)).toEqual(a.map((w) => w.name));
    a.forEach((w, i) => expect(Array.from(b[i]!.variable.dataSync())).toEqual(Array.from(w.variable.dataSync())));
    l.dispose();
    copy.dispose();
  };
  for (const l of layers) check(l, [6, 6, 4]);
  for (const l of seqLayers) check(l, [5, 4]);
  const emb = new Embedding({ inputDim: 9, outputDim: 3, maskZero: true, seed: 15 });
  check(emb, [5]);
  const res = new Residual({ layers: [new Dense({ units: 4, seed: 16 })], activation: 'relu', seed: 17 });
  check(res, [4]);
  expect(LAYER_CLASS_NAMES.length).toBe(21);
  expect(() => layerFromConfig({ className: 'Lambda', config: {} })).toThrow(
    /unknown layer class "Lambda"; known: Activation, AveragePooling2D/,
  );
});

it('layers name themselves after their class and reject bad names and seeds', () => {
  expect(new Dense({ units: 1 }).name).toBe('dense');
  expect(new GlobalAveragePooling1D().name).toBe('global_average_pooling1d');
  expect(() => new Dense({ units: 1, name: 'a/b' })).toThrow(/name must be a non-empty string/);
  expect(() => new Dense({ units: 1, seed: 1.5 })).toThrow('dense: seed must be an integer; got 1.5');
  const d = new Dense({ units: 1, seed: 1 });
  d.build([2]);
  d.dispose();
  const x = tf.ones([1, 2]);
  expect(() => d.apply(x)).toThrow('dense: the layer was disposed');
  x.dispose();
});

it('freezing a layer removes its weights from the trainable set', () => {
  const d = new Dense({ units: 2, seed: 1, trainable: false });
  d.build([3]);
  expect(d.weights().map((w) => w.variable.trainable)).toEqual([false, false]);
  d.trainable = true;
  expect(d.weights().map((w) => w.variable.trainable)).toEqual([true, true]);
  d.dispose();
});
