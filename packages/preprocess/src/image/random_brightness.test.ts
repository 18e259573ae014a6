import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { flat, randomImages, toTensor } from '../../test/helpers/images.js';
import { randomBrightness } from './random_brightness.js';

describe.each(['cpu', 'wasm'] as const)('randomBrightness on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('adds one shift per image and clips into the value range', async () => {
    const imgs = randomImages(8, 5, 4, 4, 3, 0.3, 0.7);
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomBrightness(x, { factor: 0.2, rng: 4 });
      const out = y.arraySync() as number[][][][];
      out.forEach((o, i) => {
        const d = flat(o).map((v, k) => v - flat(imgs[i])[k]!);
        // |shift| <= 0.2 keeps 0.3..0.7 inside [0, 1]: every pixel moves by the same amount
        expect(Math.max(...d) - Math.min(...d)).toBeLessThan(1e-6);
        expect(Math.abs(d[0]!)).toBeLessThanOrEqual(0.2 + 1e-6);
      });
      const big = randomBrightness(x, { factor: [0.9, 0.9], rng: 4 });
      expect(Math.max(...flat(big.arraySync()))).toBe(1);
      const again = randomBrightness(x, { factor: 0.2, rng: 4 });
      expect(again.arraySync()).toEqual(out);
      tf.dispose([y, big, again]);
    });
    x.dispose();
  });
});

describe('randomBrightness options', () => {
  it('validates them', () => {
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    expect(() => randomBrightness(x, { factor: 0.1, valueRange: [1, 0] })).toThrow('randomBrightness: valueRange must be [min, max] with finite min < max');
    expect(() => randomBrightness(x, { factor: NaN })).toThrow('randomBrightness: options.factor must be a finite number or a pair');
    x.dispose();
  });
});
