import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { close, randomImages, toTensor } from '../../test/helpers/images.js';
import { denormalize, normalize } from './normalize.js';

describe.each(['cpu', 'wasm'] as const)('normalize on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('computes (x - mean) / std per channel and denormalize inverts it', async () => {
    const imgs = randomImages(1, 2, 3, 4, 3);
    const x = toTensor(imgs);
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    await expectNoLeaks(() => {
      const z = normalize(x, { mean, std });
      expect(close(z.arraySync(), imgs.map((im) => im.map((r) => r.map((p) => p.map((v, c) => (v - mean[c]!) / std[c]!)))))).toBe(true);
      const back = denormalize(z, { mean, std });
      expect(close(back.arraySync(), imgs)).toBe(true);
      tf.dispose([z, back]);
    });
    x.dispose();
  });

  it('validates per-channel statistics and the batch', () => {
    const x = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
    expect(() => normalize(x, { mean: [0, 0], std: 1 })).toThrow('normalize: mean must be a number or 3 numbers (one per channel)');
    expect(() => normalize(x, { mean: 0, std: [1, 0, 1] })).toThrow('normalize: std[1] must be a finite number > 0; got 0');
    expect(() => normalize(tf.zeros([2, 2]) as never, { mean: 0, std: 1 })).toThrow('normalize: images must have rank 4 [batch, height, width, channels]; got shape [2, 2]');
    expect(() => normalize(tf.zeros([1, 1, 1, 1], 'int32') as never, { mean: 0, std: 1 })).toThrow("normalize: images must be float32; got int32 (use tf.cast(images, 'float32'))");
    x.dispose();
  });
});
