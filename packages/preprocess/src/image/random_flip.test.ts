import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, Rng, tf, useBackend } from '@tessera/backend';
import { close, flipH, flipV, randomImages, toTensor } from '../../test/helpers/images.js';
import { randomFlip } from './random_flip.js';

describe.each(['cpu', 'wasm'] as const)('randomFlip on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  const imgs = randomImages(2, 8, 3, 5, 2);

  it('flips each image or leaves it, per seed, keeping shape and values', async () => {
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const a = randomFlip(x, { rng: 7 });
      const b = randomFlip(x, { rng: 7 });
      const out = a.arraySync() as number[][][][];
      expect(a.shape).toEqual(x.shape);
      expect(out).toEqual(b.arraySync());
      const flipped = out.map((o, i) => (close(o, imgs[i]) ? 0 : close(o, flipH(imgs[i]!)) ? 1 : -1));
      expect(flipped).not.toContain(-1);
      expect(flipped).toContain(0);
      expect(flipped).toContain(1);
      tf.dispose([a, b]);
    });
    x.dispose();
  });

  it('always / never flips at probability 1 / 0, on each axis', async () => {
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const all = randomFlip(x, { probability: 1, mode: 'horizontal_and_vertical', rng: new Rng(1) });
      expect(close(all.arraySync(), imgs.map((im) => flipV(flipH(im))))).toBe(true);
      const none = randomFlip(x, { probability: 0, rng: 1 });
      expect(none.arraySync()).toEqual(x.arraySync());
      expect(none).not.toBe(x); // always a new tensor the caller owns
      const v = randomFlip(x, { probability: 1, mode: 'vertical', rng: 1 });
      expect(close(v.arraySync(), imgs.map(flipV))).toBe(true);
      tf.dispose([all, none, v]);
    });
    x.dispose();
  });

  it('validates options', () => {
    const x = toTensor(imgs);
    expect(() => randomFlip(x, { mode: 'diagonal' as never })).toThrow("randomFlip: options.mode must be 'horizontal', 'vertical' or 'horizontal_and_vertical'");
    expect(() => randomFlip(x, { probability: 2 })).toThrow('randomFlip: options.probability must be a number in [0, 1]; got 2');
    expect(() => randomFlip(x, { rng: 0.5 })).toThrow('randomFlip: rng must be an integer seed or an Rng from @tessera/backend; got 0.5');
    x.dispose();
  });
});
