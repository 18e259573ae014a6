import * as tfl from '@tensorflow/tfjs-layers';
import { expectNoLeaks, tf } from '@tessera/backend';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { layerParity } from '../../test/parity.js';
import { act, dense, rand } from '../../test/ref.js';
import { ACTIVATION_NAMES, Activation, Dense } from '../index.js';

forEachBackend('Dense', () => {
  it('matches tfjs-layers Dense on the same weights within 1e-5 (2-D and 3-D inputs)', () => {
    for (const activation of ['linear', 'relu', 'tanh', 'sigmoid'] as const) {
      const ours = new Dense({ units: 7, activation, seed: 1 });
      ours.build([5]);
      randomizeWeights(ours, 3);
      const x = tf.randomNormal([4, 5], 0, 1, 'float32', 9);
      layerParity(ours, tfl.layers.dense({ units: 7, activation }), x);
      x.dispose();
      ours.dispose();
    }
    const ours3 = new Dense({ units: 3, seed: 2 });
    const x3 = tf.randomNormal([2, 4, 6], 0, 1, 'float32', 4);
    layerParity(ours3, tfl.layers.dense({ units: 3 }), x3);
    x3.dispose();
    ours3.dispose();
  });

  it('gradients match float64 finite differences for every activation, with and without bias', () => {
    for (const activation of ACTIVATION_NAMES) {
      for (const useBias of [true, false]) {
        const layer = new Dense({ units: 4, activation, useBias, seed: 5 });
        layer.build([2, 3]);
        randomizeWeights(layer, 11);
        gradCheck({
          layer,
          inputs: [rand([2, 2, 3], 21)],
          reference: ([x], w) => dense(x!, w.get('kernel')!, w.get('bias') ?? null, activation),
        });
        layer.dispose();
      }
    }
  });

  it('Activation layer matches the float64 definitions (values and gradients)', () => {
    for (const activation of ACTIVATION_NAMES) {
      const layer = new Activation({ activation });
      gradCheck({ layer, inputs: [rand([3, 5], 8, 3)], reference: ([x]) => act(x!, activation) });
    }
  });

  it('applies without leaks and with rank-2 inputs in training mode under minimize', async () => {
    const layer = new Dense({ units: 2, activation: 'relu', seed: 3 });
    const x = tf.ones([3, 4]);
    const y = await expectNoLeaks(() => layer.apply(x), { allow: 1 + 2 }); // output + lazily built kernel, bias
    expect(y.shape).toEqual([3, 2]);
    const opt = tf.train.sgd(0.1);
    await expectNoLeaks(() => {
      tf.dispose(opt.minimize(() => tf.sum(layer.apply(x, { training: true })) as tf.Scalar, true) ?? []);
    });
    tf.dispose([x, y]);
    opt.dispose();
    layer.dispose();
  });

  it('names the layer, the expected and the received shape on a wrong input', () => {
    const layer = new Dense({ units: 2, name: 'head', seed: 1 });
    layer.build([4]);
    const bad = tf.ones([3, 5]);
    expect(() => layer.apply(bad)).toThrow('head: expected input shape [null, 4], received [3, 5]');
    const rank = tf.ones([3, 2, 4]);
    expect(() => layer.apply(rank)).toThrow(
      /head: expected input shape \[null, 4\], received \[3, 2, 4\] \(rank 3, expected rank 2\)/,
    );
    tf.dispose([bad, rank]);
    layer.dispose();
  });
});

it('Dense validates its config', () => {
  expect(() => new Dense({ units: 0 })).toThrow('dense: units must be a positive integer; got 0');
  expect(() => new Dense({ units: 2, activation: 'elu' as never })).toThrow(/activation must be one of/);
  expect(() => new Dense({ units: 2, kernelInitializer: 'foo' as never })).toThrow(/kernelInitializer must be one of/);
});
