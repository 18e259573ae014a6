import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { close, flat, randomImages, toTensor } from '../../test/helpers/images.js';
import { randomContrast } from './random_contrast.js';

describe.each(['cpu', 'wasm'] as const)('randomContrast on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('scales deviations from the per-image, per-channel mean, then clips', async () => {
    const imgs = randomImages(9, 3, 4, 5, 2);
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomContrast(x, { factor: [1.5, 1.5] });
      const expected = imgs.map((im) => {
        const means = [0, 1].map((c) => flat(im.map((r) => r.map((p) => p[c]!))).reduce((a, b) => a + b, 0) / 20);
        return im.map((r) => r.map((p) => p.map((v, c) => Math.min(1, Math.max(0, (v - means[c]!) * 1.5 + means[c]!)))));
      });
      expect(close(y.arraySync(), expected, 1e-5)).toBe(true);
      const a = randomContrast(x, { factor: 0.4, rng: 3 });
      const b = randomContrast(x, { factor: 0.4, rng: 3 });
      expect(a.arraySync()).toEqual(b.arraySync());
      const v = flat(a.arraySync());
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      tf.dispose([y, a, b]);
    });
    expect(() => randomContrast(x, { factor: 1.5 })).toThrow('randomContrast: options.factor as a number must be in [0, 1]; got 1.5');
    expect(() => randomContrast(x, { factor: [-1, 2] })).toThrow('randomContrast: options.factor must not go below 0');
    x.dispose();
  });
});
