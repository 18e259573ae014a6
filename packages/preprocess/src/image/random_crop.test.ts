import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { randomImages, toTensor, type Img } from '../../test/helpers/images.js';
import { randomCrop } from './random_crop.js';

/** The zero-padded image's window at (oy, ox) of size ch x cw. */
function window(img: Img, p: number, oy: number, ox: number, ch: number, cw: number): Img {
  const c = img[0]![0]!.length;
  return Array.from({ length: ch }, (_, y) =>
    Array.from({ length: cw }, (__, x) => img[oy + y - p]?.[ox + x - p] ?? new Array<number>(c).fill(0)),
  );
}

function matchingOffsets(out: Img, img: Img, p: number): Array<[number, number]> {
  const h = img.length;
  const w = img[0]!.length;
  const hits: Array<[number, number]> = [];
  for (let oy = 0; oy <= h + 2 * p - out.length; oy++) {
    for (let ox = 0; ox <= w + 2 * p - out[0]!.length; ox++) {
      const win = window(img, p, oy, ox, out.length, out[0]!.length);
      if (win.every((r, y) => r.every((px, x) => px.every((v, k) => Math.abs(v - out[y]![x]![k]!) < 1e-7)))) hits.push([oy, ox]);
    }
  }
  return hits;
}

describe.each(['cpu', 'wasm'] as const)('randomCrop on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  const imgs = randomImages(7, 6, 6, 5, 2, 0.1, 1); // no zeros, so padding is recognisable

  it('returns an exact window of the zero-padded image, at seeded offsets', async () => {
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomCrop(x, { padding: 2, rng: 3 });
      const again = randomCrop(x, { padding: 2, rng: 3 });
      expect(y.shape).toEqual([6, 6, 5, 2]);
      const out = y.arraySync() as Img[];
      const offsets = out.map((o, i) => matchingOffsets(o, imgs[i]!, 2));
      expect(offsets.every((m) => m.length >= 1)).toBe(true);
      expect(new Set(offsets.map((m) => m.join())).size).toBeGreaterThan(1);
      expect(out).toEqual(again.arraySync());
      tf.dispose([y, again]);
    });
    x.dispose();
  });

  it('crops a smaller size, and with no padding stays inside the image', async () => {
    const x = toTensor(imgs);
    await expectNoLeaks(() => {
      const y = randomCrop(x, { size: [3, 4], rng: 1 });
      expect(y.shape).toEqual([6, 3, 4, 2]);
      (y.arraySync() as Img[]).forEach((o, i) => expect(matchingOffsets(o, imgs[i]!, 0).length).toBeGreaterThanOrEqual(1));
      y.dispose();
    });
    expect(() => randomCrop(x, { size: [9, 2] })).toThrow('randomCrop: options.size [9, 2] exceeds the padded image [6, 5]');
    expect(() => randomCrop(x, { padding: -1 })).toThrow('randomCrop: options.padding must be an integer >= 0');
    x.dispose();
  });
});
