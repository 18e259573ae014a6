import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { beforeAll, expect, it } from 'vitest';
import { BatchNormalization, Dense, Dropout, fromConfig, type Model, mlp, predict, Sequential } from './index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const small = (): Sequential =>
  new Sequential({
    name: 'small',
    inputShape: [4],
    layers: [
      new Dense({ units: 5, activation: 'relu', seed: 1 }),
      new BatchNormalization({ seed: 2 }),
      new Dropout({ rate: 0.2, seed: 3 }),
      new Dense({ units: 3, seed: 4 }),
    ],
  });

it('names weights <layer>/<weight> in layer order, kernel before bias; getWeights returns disposable clones', () => {
  const m = small();
  const ws = m.getWeights();
  expect(ws.map((w) => `${w.name}:${w.tensor.shape.join('x')}`)).toEqual([
    'dense_1/kernel:4x5',
    'dense_1/bias:5',
    'batch_normalization_1/gamma:5',
    'batch_normalization_1/beta:5',
    'batch_normalization_1/moving_mean:5',
    'batch_normalization_1/moving_variance:5',
    'dense_2/kernel:5x3',
    'dense_2/bias:3',
  ]);
  expect(m.trainableVariables.length).toBe(6);
  expect(
    m
      .namedVariables()
      .filter((w) => w.variable.trainable)
      .map((w) => w.variable),
  ).toEqual(m.trainableVariables);
  expect(m.nonTrainableVariables.length).toBe(2);
  expect(m.countParams()).toBe(4 * 5 + 5 + 4 * 5 + 5 * 3 + 3);
  tf.dispose(ws.map((w) => w.tensor));
  const x = tf.ones([2, 4]);
  const y = m.apply(x); // still usable: the clones were separate tensors
  expect(y.shape).toEqual([2, 3]);
  tf.dispose([x, y]);
  m.dispose();
});

it('setWeights by name (any order) or by position gives the same outputs; mismatches are all listed', () => {
  const a = small();
  const b = new Sequential({
    ...{ name: 'small', inputShape: [4] },
    layers: [
      new Dense({ units: 5, activation: 'relu', seed: 9 }),
      new BatchNormalization({ seed: 8 }),
      new Dropout({ rate: 0.2, seed: 7 }),
      new Dense({ units: 3, seed: 6 }),
    ],
  });
  const x = tf.randomNormal([3, 4], 0, 1, 'float32', 1);
  const ws = a.getWeights();
  b.setWeights([...ws].reverse());
  const ya = a.apply(x);
  const yb = b.apply(x);
  expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
  b.setWeights(ws.map((w) => w.tensor));
  tf.dispose([ya, yb]);

  const wrong = [...ws.filter((w) => w.name !== 'dense_2/bias'), { name: 'dense_3/bias', tensor: tf.zeros([3]) }].map(
    (w) => (w.name === 'dense_1/kernel' ? { name: w.name, tensor: tf.zeros([4, 6]) } : w),
  );
  expect(() => b.setWeights(wrong)).toThrow(
    "small.setWeights: missing 'dense_2/bias'; unexpected 'dense_3/bias'; 'dense_1/kernel': expected float32 [4, 5], received float32 [4, 6]",
  );
  const intW = ws.map((w) => (w.name === 'dense_2/bias' ? { name: w.name, tensor: tf.zeros([3], 'int32') } : w));
  expect(() => b.setWeights(intW)).toThrow("'dense_2/bias': expected float32 [3], received int32 [3]");
  expect(() => b.setWeights(ws.slice(1).map((w) => w.tensor))).toThrow(
    /expected 8 tensors \(dense_1\/kernel, .*\), received 7/,
  );
  tf.dispose([...ws.map((w) => w.tensor), ...wrong.map((w) => w.tensor), ...intW.map((w) => w.tensor), x]);
  a.dispose();
  b.dispose();
});

it('toConfig -> JSON -> fromConfig rebuilds the same model with the same initial weights', () => {
  const m = mlp({ inputSize: 6, hidden: [8, 4], numClasses: 3, dropout: 0.1, seed: 42 });
  const json = JSON.stringify(m.toConfig());
  const copy = fromConfig(JSON.parse(json));
  expect(JSON.stringify(copy.toConfig())).toBe(json);
  const x = tf.randomNormal([2, 6], 0, 1, 'float32', 3);
  const a = m.apply(x);
  const b = copy.apply(x);
  expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
  tf.dispose([a, b, x]);
  m.dispose();
  copy.dispose();
  expect(() => fromConfig({ format: 'keras' } as never)).toThrow(/fromConfig: expected format 'tessera-model'/);
});

it('summary is a Keras-like table with totals', () => {
  const m = small();
  const s = m.summary();
  expect(s).toContain('Model: "small"');
  expect(s).toMatch(/Layer \(type\)\s+Output Shape\s+Param #/);
  expect(s).toMatch(/dense_1 \(Dense\)\s+\(None, 5\)\s+25/);
  expect(s).toMatch(/batch_normalization_1 \(BatchNormalization\)\s+\(None, 5\)\s+20/);
  expect(s).toContain('Total params: 63');
  expect(s).toContain('Trainable params: 53');
  expect(s).toContain('Non-trainable params: 10');
  m.dispose();
});

it('apply and predict leak nothing; predict rows are probabilities', async () => {
  const m: Model = small();
  const x = tf.randomNormal([5, 4], 0, 1, 'float32', 2);
  const p = await expectNoLeaks(() => predict(m, x), { allow: 1 });
  const v = p.dataSync();
  for (let r = 0; r < 5; r++) expect(v[3 * r]! + v[3 * r + 1]! + v[3 * r + 2]!).toBeCloseTo(1, 6);
  const y = await expectNoLeaks(() => m.apply(x, { training: true }), { allow: 1 });
  tf.dispose([p, x, y]);
  m.dispose();
});

it('wrong inputs name the model, the first layer, the expected and received shapes', () => {
  const m = small();
  const x = tf.ones([2, 5]);
  expect(() => m.apply(x)).toThrow("small (layer 'dense_1'): expected input shape [null, 4], received [2, 5]");
  const r = tf.ones([2, 2, 4]);
  expect(() => m.apply(r)).toThrow(/received \[2, 2, 4\] \(rank 3, expected rank 2\)/);
  expect(() => m.apply([x, x])).toThrow('small: takes one input tensor, received 2 tensors');
  tf.dispose([x, r]);
  expect(
    () =>
      new Sequential({
        inputShape: [4],
        layers: [new Dense({ units: 2, name: 'a' }), new Dense({ units: 2, name: 'a' })],
      }),
  ).toThrow("sequential: two layers are named 'a'; layer names must be unique");
  expect(() => new Sequential({ inputShape: [0], layers: [new Dense({ units: 2 })] })).toThrow(
    /inputShape must be an array of positive integers or null/,
  );
  m.dispose();
  const y = tf.ones([1, 4]);
  expect(() => m.apply(y)).toThrow('small: the model was disposed');
  y.dispose();
});
