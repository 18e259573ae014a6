// The app's pure parts, in Node: the build-time digits asset against the mnist package's own
// JSON, the drawing-to-MNIST conversion against its definition, and the build's workspace check.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeDigits } from '../src/digit_asset.js';
import { toMnist } from '../src/draw_pad.js';
import { DIGITS_HEADER_BYTES, encodeDigits } from '../vite/mnist_digits.js';
import { unbuiltPackages } from '../vite/workspace_check.js';

const appPackage = fileURLToPath(new URL('../package.json', import.meta.url));

describe('digits asset', () => {
  it('holds the mnist package digits as bytes, interleaved by class', () => {
    const digits = decodeDigits(encodeDigits(3));
    expect(digits.count).toBe(30);
    expect(Array.from(digits.labels)).toEqual(Array.from({ length: 30 }, (_, i) => i % 10));
    // Digit 2 of class 7 is the asset's digit 2*10+7; compare with the package's floats.
    const dir = dirname(createRequire(appPackage).resolve('mnist/package.json'));
    const floats = (JSON.parse(readFileSync(join(dir, 'src', 'digits', '7.json'), 'utf8')) as { data: number[] }).data.slice(2 * 784, 3 * 784);
    const bytes = digits.images.subarray(27 * 784, 28 * 784);
    floats.forEach((v, i) => expect(Math.abs(bytes[i]! / 255 - v)).toBeLessThanOrEqual(0.5 / 255 + 1e-3));
    expect(floats.some((v) => v > 0.5)).toBe(true);
  });

  it('rejects bytes that are not the asset, saying why', () => {
    const good = encodeDigits(1);
    expect(() => decodeDigits(good.subarray(0, good.length - 1))).toThrow(/10 digits need 7862 bytes, got 7861/);
    const bad = good.slice();
    bad[0] = 0;
    expect(() => decodeDigits(bad)).toThrow(/"TMNI" v1 header/);
    const label = good.slice();
    label[DIGITS_HEADER_BYTES + 3] = 12;
    expect(() => decodeDigits(label)).toThrow(/label 3 is 12, expected 0..9/);
  });
});

describe('toMnist', () => {
  const W = 100;
  const H = 80;
  const rect = (x0: number, y0: number, w: number, h: number) => {
    const g = new Uint8Array(W * H);
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) g[y * W + x] = 255;
    return g;
  };

  it('scales the drawing into 20x20 and centres its mass in 28x28', () => {
    // A 10 x 40 bar in the top-left corner: the long side becomes 20 pixels, the short one 5.
    const img = toMnist(rect(3, 2, 10, 40), W, H)!;
    expect(img).toHaveLength(784);
    let m = 0, mx = 0, my = 0, rows = 0, cols = 0;
    for (let y = 0; y < 28; y++) {
      let rowLit = false;
      for (let x = 0; x < 28; x++) {
        const v = img[y * 28 + x]!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        m += v;
        mx += v * x;
        my += v * y;
        if (v > 0) rowLit = true;
      }
      if (rowLit) rows++;
    }
    for (let x = 0; x < 28; x++) if (Array.from({ length: 28 }, (_, y) => img[y * 28 + x]!).some((v) => v > 0)) cols++;
    expect(rows).toBe(20);
    expect(cols).toBe(5);
    expect(Math.abs(mx / m - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / m - 13.5)).toBeLessThanOrEqual(0.5);
  });

  it('returns null for a blank pad and names a size mismatch', () => {
    expect(toMnist(new Uint8Array(W * H), W, H)).toBeNull();
    expect(() => toMnist(new Uint8Array(10), W, H)).toThrow(/grey has 10 values, expected 100x80 = 8000/);
  });
});

describe('workspace check', () => {
  it('finds every @tessera dependency built (the test task runs after their builds)', () => {
    expect(unbuiltPackages(appPackage)).toEqual([]);
  });

  it('names a @tessera dependency without dist/', () => {
    // Resolved from inside the app, where @tessera/tooling (which has no dist/) is linked.
    const dir = fileURLToPath(new URL('../test-results/workspace-check/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const pkg = join(dir, 'package.json');
    writeFileSync(pkg, JSON.stringify({ name: 'probe', dependencies: { '@tessera/tooling': '*', '@tessera/backend': '*', vega: '*' } }));
    try {
      expect(unbuiltPackages(pkg)).toEqual(['@tessera/tooling']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
