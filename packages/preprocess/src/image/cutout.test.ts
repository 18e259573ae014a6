import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { randomImages, toTensor, type Img } from '../../test/helpers/images.js';
import { cutout } from './cutout.js';

/** The bounding box of the pixels that changed, or null. */
function changedBox(out: Img, img: Img): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  out.forEach((row, y) =>
    row.forEach((px, x) => {
      if (px.some((v, c) => v !== Math.fround(img[y]![x]![c]!))) {
        expect(px.every((v) => v === -1)).toBe(true); // changed pixels hold the fill value
        box = box === null ? [y, x, y, x] : [Math.min(box[0], y), Math.min(box[1], x), Math.max(box[2], y), Math.max(box[3], x)];
      }
    }),
  );
  return box;
}

describe.each(['cpu', 'wasm'] as const)('cutout on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('fills one patch of at most size x size per image, reproducibly', async () => {
    const imgs = randomImages(10, 6, 8, 8, 3, 0.1, 1);
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = cutout(x, { size: 3, fillValue: -1, rng: 4 });
      const again = cutout(x, { size: 3, fillValue: -1, rng: 4 });
      const out = y.arraySync() as Img[];
      expect(out).toEqual(again.arraySync());
      out.forEach((o, i) => {
        const box = changedBox(o, imgs[i]!);
        expect(box).not.toBeNull();
        expect(box![2] - box![0]).toBeLessThan(3);
        expect(box![3] - box![1]).toBeLessThan(3);
      });
      const none = cutout(x, { size: 3, probability: 0, rng: 4 });
      expect(none.arraySync()).toEqual(x.arraySync());
      tf.dispose([y, again, none]);
    });
    expect(() => cutout(x, { size: 0 })).toThrow('cutout: options.size must be a positive integer or [height, width]; got 0');
    x.dispose();
  });
});
