import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { bilinear, close, randomImages, toTensor } from '../../test/helpers/images.js';
import { randomZoom } from './random_zoom.js';

describe.each(['cpu', 'wasm'] as const)('randomZoom on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('samples the input at zoom * (x - centre) + centre (bilinear reference)', async () => {
    const imgs = randomImages(5, 2, 5, 7, 2);
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomZoom(x, { heightFactor: [-0.5, -0.5] }); // zoom in 2x: the view is half as wide
      const z = 0.5;
      const expected = imgs.map((im) =>
        im.map((_, r) => im[0]!.map((__, c) => [0, 1].map((ch) => bilinear(im, z * c + 3 * (1 - z), z * r + 2 * (1 - z), ch)))),
      );
      expect(close(y.arraySync(), expected, 1e-5)).toBe(true);
      const same = randomZoom(x, { heightFactor: 0, interpolation: 'nearest' });
      expect(close(same.arraySync(), imgs, 1e-6)).toBe(true);
      tf.dispose([y, same]);
    });
    x.dispose();
  });

  it('draws width and height apart when asked, deterministically, keeping shape', async () => {
    const x = toTensor(randomImages(6, 3, 6, 6, 1));
    await expectNoLeaks(() => {
      const a = randomZoom(x, { heightFactor: 0.3, widthFactor: [-0.2, 0.1], rng: 2 });
      const b = randomZoom(x, { heightFactor: 0.3, widthFactor: [-0.2, 0.1], rng: 2 });
      expect(a.shape).toEqual([3, 6, 6, 1]);
      expect(a.arraySync()).toEqual(b.arraySync());
      tf.dispose([a, b]);
    });
    expect(() => randomZoom(x, { heightFactor: [-1, 0] })).toThrow('randomZoom: zoom factors must stay above -1');
    x.dispose();
  });
});
