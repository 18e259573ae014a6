import * as tfl from '@tensorflow/tfjs-layers';
import { expectNoLeaks, tf } from '@tessera/backend';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { layerParity } from '../../test/parity.js';
import { Arr, batchNorm, channelMoments, layerNorm, rand } from '../../test/ref.js';
import { BatchNormalization, LayerNormalization } from '../index.js';

const arrOf = (t: tf.Tensor): Arr => new Arr([...t.shape], Float64Array.from(t.dataSync()));

forEachBackend('BatchNormalization, LayerNormalization', () => {
  it('BatchNormalization (inference) matches tfjs-layers within 1e-5 on rank 2 and rank 4', () => {
    for (const shape of [
      [6, 5],
      [2, 4, 3, 5],
    ]) {
      const ours = new BatchNormalization({ seed: 1 });
      ours.build(shape.slice(1));
      randomizeWeights(ours, 4);
      const x = tf.randomNormal(shape, 0, 2, 'float32', 5);
      layerParity(ours, tfl.layers.batchNormalization({}), x);
      x.dispose();
      ours.dispose();
    }
  });

  it('LayerNormalization matches tfjs-layers within 1e-5', () => {
    const ours = new LayerNormalization({ seed: 1 });
    ours.build([4, 6]);
    randomizeWeights(ours, 2);
    const x = tf.randomNormal([3, 4, 6], 1, 2, 'float32', 3);
    layerParity(ours, tfl.layers.layerNormalization({}), x);
    x.dispose();
    ours.dispose();
  });

  it('BatchNormalization gradients match float64 finite differences in training and inference mode', () => {
    for (const training of [true, false]) {
      const layer = new BatchNormalization({ seed: 2 });
      layer.build([3, 4]);
      randomizeWeights(layer, 6);
      const w = new Map(layer.weights().map((x) => [x.name, arrOf(x.variable)]));
      gradCheck({
        layer,
        inputs: [rand([4, 3, 4], 7, 2)],
        options: { training },
        // Moving statistics are read before the check's first call updates them.
        reference: ([x], ws) =>
          batchNorm(
            x!,
            ws.get('gamma')!,
            ws.get('beta')!,
            1e-3,
            training ? null : { mean: w.get('moving_mean')!, variance: w.get('moving_variance')! },
          ),
      });
      layer.dispose();
    }
  });

  it('LayerNormalization gradients match float64 finite differences', () => {
    for (const epsilon of [1e-3, 1e-5]) {
      const layer = new LayerNormalization({ epsilon, seed: 2 });
      layer.build([3, 5]);
      randomizeWeights(layer, 9);
      gradCheck({
        layer,
        inputs: [rand([2, 3, 5], 8, 2)],
        reference: ([x], w) => layerNorm(x!, w.get('gamma')!, w.get('beta')!, epsilon),
      });
      layer.dispose();
    }
  });

  it('training updates the moving statistics once per call, also inside optimizer.minimize, without leaks', async () => {
    const bn = new BatchNormalization({ momentum: 0.9, seed: 1 });
    bn.build([3]);
    randomizeWeights(bn, 3);
    const xs = rand([8, 3], 4, 3);
    const x = tf.tensor(Float32Array.from(xs.data), xs.shape);
    const { mean, variance } = channelMoments(xs);
    const w0 = new Map(bn.weights().map((w) => [w.name, Array.from(w.variable.dataSync())]));
    const opt = tf.train.sgd(0.1);
    // First step creates nothing persistent for SGD; the moving stats are reassigned in place.
    await expectNoLeaks(() => {
      tf.dispose(opt.minimize(() => tf.sum(tf.square(bn.apply(x, { training: true }))) as tf.Scalar, true) ?? []);
    });
    const after = new Map(bn.weights().map((w) => [w.name, Array.from(w.variable.dataSync())]));
    for (let c = 0; c < 3; c++) {
      expect(after.get('moving_mean')![c]).toBeCloseTo(0.9 * w0.get('moving_mean')![c]! + 0.1 * mean[c]!, 5);
      expect(after.get('moving_variance')![c]).toBeCloseTo(
        0.9 * w0.get('moving_variance')![c]! + 0.1 * variance[c]!,
        5,
      );
    }
    // gamma and beta were trained; the moving stats are not trainable.
    expect(
      bn
        .weights()
        .filter((w) => w.variable.trainable)
        .map((w) => w.name),
    ).toEqual(['gamma', 'beta']);
    expect(after.get('gamma')).not.toEqual(w0.get('gamma'));
    // Inference leaves them alone.
    tf.dispose(bn.apply(x));
    expect(Array.from(bn.weights()[2]!.variable.dataSync())).toEqual(after.get('moving_mean'));
    opt.dispose();
    x.dispose();
    bn.dispose();
  });
});

it('normalization layers validate their config and input', () => {
  expect(() => new BatchNormalization({ momentum: 1.5 })).toThrow(/momentum must be in \[0, 1\]/);
  expect(() => new LayerNormalization({ epsilon: 0 })).toThrow(/epsilon must be > 0/);
  expect(() => new BatchNormalization({ name: 'bn' }).build([2, 2, 2, 2])).toThrow(
    'bn: expected input of rank 2 to 4 (channels last), received rank 5',
  );
});
