import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { close, flat, randomImages, rot90, toTensor } from '../../test/helpers/images.js';
import { randomRotation } from './random_rotation.js';

describe.each(['cpu', 'wasm'] as const)('randomRotation on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  // Every image of the batch is checked: tfjs-backend-cpu's Transform kernel handles only the
  // first image of a batch, which affine.ts works around.
  it('rotates a quarter turn counter-clockwise exactly as np.rot90', async () => {
    const imgs = randomImages(3, 2, 5, 5, 2);
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomRotation(x, { factor: [0.25, 0.25], interpolation: 'nearest' });
      expect(close(y.arraySync(), imgs.map(rot90), 1e-6)).toBe(true);
      const b = randomRotation(x, { factor: [0.25, 0.25] }); // bilinear lands on pixel centres too
      expect(close(b.arraySync(), imgs.map(rot90), 1e-4)).toBe(true);
      tf.dispose([y, b]);
    });
    x.dispose();
  });

  it('keeps shape and value range, and is deterministic per seed', async () => {
    const x = toTensor(randomImages(4, 4, 8, 6, 3));
    await expectNoLeaks(() => {
      const a = randomRotation(x, { factor: 0.1, rng: 5 });
      const b = randomRotation(x, { factor: 0.1, rng: 5 });
      const c = randomRotation(x, { factor: 0.1, rng: 6 });
      expect(a.shape).toEqual([4, 8, 6, 3]);
      const v = flat(a.arraySync());
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      expect(a.arraySync()).toEqual(b.arraySync());
      expect(a.arraySync()).not.toEqual(c.arraySync());
      tf.dispose([a, b, c]);
    });
    x.dispose();
  });

  it('validates options', () => {
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    expect(() => randomRotation(x, { factor: [0.2, 0.1] })).toThrow('randomRotation: options.factor must be a finite number or a pair [lo, hi] with lo <= hi');
    expect(() => randomRotation(x, { factor: 0.1, fillMode: 'mirror' as never })).toThrow('randomRotation: options.fillMode must be one of constant, reflect, wrap, nearest');
    x.dispose();
  });
});
