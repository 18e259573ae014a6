// The image transforms in a browser, bundled by Vite as a user's app would, run in Debian's
// Chromium (installed by .ci/run): each transform on webgl (WebGL 2 through SwiftShader here)
// must give the cpu backend's values for the same input and seed, keep the shape, and leave no
// tensor behind. cpu and wasm are covered by the unit tests in src/image/.
import { fileURLToPath } from 'node:url';
import { openBrowserApp, type BrowserApp } from '@tessera/tooling/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Opt-out for machines without Chromium; CI installs it (.ci/run), so there it always runs.
const skip = process.env.TESSERA_SKIP_BROWSER === '1';
const appRoot = fileURLToPath(new URL('./app/', import.meta.url));

interface Run {
  backend: string;
  leaked: number;
  out: Record<string, { shape: number[]; values: number[] }>;
}

let app: BrowserApp | undefined;

describe.skipIf(skip)('@tessera/preprocess image transforms on webgl (Vite bundle in Chromium)', () => {
  beforeAll(async () => {
    app = await openBrowserApp({ root: appRoot, isolate: false });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('gives the cpu values on webgl for every transform, with no leaked tensor', async () => {
    const page = await app!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app!.url);
    await page.waitForFunction(() => (window as unknown as { checksReady?: boolean }).checksReady === true);
    const r = await page.evaluate(() => (window as unknown as { runChecks: () => Promise<{ webgl: Run; cpu: Run }> }).runChecks());
    expect(errors).toEqual([]);
    expect(r.webgl.backend).toBe('webgl');
    expect(r.cpu.backend).toBe('cpu');
    expect(r.webgl.leaked).toBe(0);
    expect(r.cpu.leaked).toBe(0);
    const names = Object.keys(r.cpu.out);
    expect(names).toHaveLength(8);
    for (const k of names) {
      const a = r.webgl.out[k]!;
      const b = r.cpu.out[k]!;
      expect(a.shape, k).toEqual([4, 9, 7, 3]);
      expect(a.shape, k).toEqual(b.shape);
      let worst = 0;
      for (let i = 0; i < b.values.length; i++) worst = Math.max(worst, Math.abs(a.values[i]! - b.values[i]!));
      // WebGL computes in float32 like cpu; bilinear sampling may round differently in the last bits.
      expect(worst, `${k}: largest |webgl - cpu|`).toBeLessThan(1e-4);
    }
    await page.close();
  }, 180_000);
});
