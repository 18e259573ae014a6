import * as tfl from '@tensorflow/tfjs-layers';
import { expectNoLeaks, tf } from '@tessera/backend';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import { gradCheck, randomizeWeights } from '../../test/grad_check.js';
import { layerParity } from '../../test/parity.js';
import { Arr, conv2d, globalAvg, pool2d, rand } from '../../test/ref.js';
import { AveragePooling2D, Conv2D, DepthwiseConv2D, Flatten, GlobalAveragePooling2D, MaxPooling2D } from '../index.js';

const geometries = [
  { strides: [1, 1], padding: 'same', dilation: [1, 1] },
  { strides: [2, 2], padding: 'same', dilation: [1, 1] },
  { strides: [2, 1], padding: 'valid', dilation: [1, 1] },
  { strides: [1, 1], padding: 'valid', dilation: [2, 2] },
  { strides: [1, 1], padding: 'same', dilation: [2, 1] },
] as const;

forEachBackend('Conv2D, DepthwiseConv2D, pooling', () => {
  it('Conv2D matches tfjs-layers within 1e-5 for strides, paddings and dilations', () => {
    for (const g of geometries) {
      const cfg = {
        filters: 4,
        kernelSize: 3,
        strides: [...g.strides] as [number, number],
        padding: g.padding,
        dilationRate: [...g.dilation] as [number, number],
      };
      const ours = new Conv2D({ ...cfg, activation: 'relu', seed: 1 });
      ours.build([7, 6, 3]);
      randomizeWeights(ours, 2);
      const x = tf.randomNormal([2, 7, 6, 3], 0, 1, 'float32', 3);
      layerParity(ours, tfl.layers.conv2d({ ...cfg, activation: 'relu' }), x);
      tf.dispose(x);
      ours.dispose();
    }
  });

  it('DepthwiseConv2D matches tfjs-layers within 1e-5', () => {
    // Undilated only: tfjs-layers 4.22's DepthwiseConv2D passes dilations null to the op, so it
    // ignores dilationRate. The dilated case is checked against float64 below.
    for (const g of [geometries[0], geometries[1], geometries[2]]) {
      const cfg = {
        kernelSize: 3,
        depthMultiplier: 2,
        strides: [...g.strides] as [number, number],
        padding: g.padding,
        dilationRate: [...g.dilation] as [number, number],
      };
      const ours = new DepthwiseConv2D({ ...cfg, seed: 1 });
      ours.build([6, 6, 3]);
      randomizeWeights(ours, 5);
      const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 4);
      layerParity(ours, tfl.layers.depthwiseConv2d(cfg), x);
      tf.dispose(x);
      ours.dispose();
    }
  });

  it('pooling matches tfjs-layers within 1e-5', () => {
    const x = tf.randomNormal([2, 7, 5, 3], 0, 1, 'float32', 6);
    for (const padding of ['valid', 'same'] as const) {
      for (const [poolSize, strides] of [
        [2, 2],
        [3, 2],
        [2, 1],
      ] as const) {
        layerParity(
          new MaxPooling2D({ poolSize, strides, padding }),
          tfl.layers.maxPooling2d({ poolSize, strides, padding }),
          x,
        );
        layerParity(
          new AveragePooling2D({ poolSize, strides, padding }),
          tfl.layers.averagePooling2d({ poolSize, strides, padding }),
          x,
        );
      }
    }
    layerParity(new GlobalAveragePooling2D(), tfl.layers.globalAveragePooling2d({}), x);
    layerParity(new Flatten(), tfl.layers.flatten(), x);
    x.dispose();
  });

  it('Conv2D gradients match float64 finite differences (strides, same/valid, dilation, activations)', () => {
    for (const g of geometries) {
      for (const activation of ['linear', 'tanh'] as const) {
        const layer = new Conv2D({
          filters: 3,
          kernelSize: [3, 2],
          strides: [...g.strides] as [number, number],
          padding: g.padding,
          dilationRate: [...g.dilation] as [number, number],
          activation,
          seed: 3,
        });
        layer.build([6, 5, 2]);
        randomizeWeights(layer, 7);
        gradCheck({
          layer,
          inputs: [rand([2, 6, 5, 2], 9)],
          reference: ([x], w) =>
            conv2d(
              x!,
              w.get('kernel')!,
              w.get('bias')!,
              { strides: [...g.strides], padding: g.padding, dilation: [...g.dilation] },
              activation,
            ),
        });
        layer.dispose();
      }
    }
  });

  it('DepthwiseConv2D gradients match float64 finite differences', () => {
    for (const g of geometries) {
      const layer = new DepthwiseConv2D({
        kernelSize: 2,
        depthMultiplier: 2,
        strides: [...g.strides] as [number, number],
        padding: g.padding,
        dilationRate: [...g.dilation] as [number, number],
        activation: 'relu',
        seed: 3,
      });
      layer.build([5, 5, 2]);
      randomizeWeights(layer, 8);
      gradCheck({
        layer,
        inputs: [rand([2, 5, 5, 2], 10)],
        reference: ([x], w) =>
          conv2d(
            x!,
            w.get('depthwise_kernel')!,
            w.get('bias')!,
            { strides: [...g.strides], padding: g.padding, dilation: [...g.dilation] },
            'relu',
            true,
          ),
      });
      layer.dispose();
    }
  });

  it('pooling, global pooling and flatten gradients match float64 finite differences', () => {
    for (const padding of ['valid', 'same'] as const) {
      for (const [size, strides] of [
        [
          [2, 2],
          [2, 2],
        ],
        [
          [3, 2],
          [2, 1],
        ],
      ] as const) {
        const sz = [...size] as [number, number];
        const st = [...strides] as [number, number];
        gradCheck({
          layer: new MaxPooling2D({ poolSize: sz, strides: st, padding }),
          inputs: [rand([2, 5, 6, 2], 12)],
          reference: ([x]) => pool2d(x!, 'max', sz, st, padding),
        });
        gradCheck({
          layer: new AveragePooling2D({ poolSize: sz, strides: st, padding }),
          inputs: [rand([2, 5, 6, 2], 13)],
          reference: ([x]) => pool2d(x!, 'avg', sz, st, padding),
        });
      }
    }
    gradCheck({
      layer: new GlobalAveragePooling2D(),
      inputs: [rand([2, 3, 4, 5], 14)],
      reference: ([x]) => globalAvg(x!),
    });
    gradCheck({
      layer: new Flatten(),
      inputs: [rand([2, 3, 2, 2], 15)],
      reference: ([x]) => new Arr([2, 12], x!.data),
    });
  });

  it('applies without leaking and trains under minimize', async () => {
    const layer = new Conv2D({ filters: 2, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 });
    layer.build([4, 4, 1]);
    const x = tf.ones([1, 4, 4, 1]);
    const opt = tf.train.adam(0.01);
    tf.dispose(opt.minimize(() => tf.sum(layer.apply(x, { training: true })) as tf.Scalar, true) ?? []); // creates Adam's slots
    await expectNoLeaks(() => {
      tf.dispose(opt.minimize(() => tf.sum(layer.apply(x, { training: true })) as tf.Scalar, true) ?? []);
    });
    opt.dispose();
    x.dispose();
    layer.dispose();
  });
});

it('convolution and pooling errors name the layer and the shapes', () => {
  const c = new Conv2D({ filters: 2, kernelSize: 3, name: 'c1', seed: 1 });
  expect(() => c.build([4, 4])).toThrow('c1: expected input of rank 4');
  c.build([6, 6, 3]);
  const bad = tf.ones([1, 6, 6, 2]);
  expect(() => c.apply(bad)).toThrow('c1: expected input shape [null, null, null, 3], received [1, 6, 6, 2]');
  bad.dispose();
  c.dispose();
  expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/cannot both exceed 1/);
  expect(() => new Conv2D({ filters: 2, kernelSize: 5 }).build([3, 3, 1])).toThrow(/smaller than the 5x5 window/);
  expect(() => new MaxPooling2D({ padding: 'full' as never })).toThrow(/padding must be 'same' or 'valid'/);
  expect(() => new Conv2D({ filters: 2, kernelSize: [3, 0] as never })).toThrow(
    /kernelSize must be a positive integer or a pair/,
  );
});
