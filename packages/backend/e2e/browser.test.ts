// The browser build, bundled by Vite as a user's app would, run in Debian's Chromium:
// 'auto' must pick a GPU backend (WebGL 2 through SwiftShader here), the wasm binaries must be
// found through the bundler, and threads must start on a cross-origin-isolated page.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '@tessera/tooling/browser';

// Opt-out for machines without Chromium; CI installs it (.ci/run), so there it always runs.
const skip = process.env.TESSERA_SKIP_BROWSER === '1';
const appRoot = fileURLToPath(new URL('./app/', import.meta.url));

interface BackendRun {
  info: { name: string; fellBack: { name: string; reason: string }[]; notes: string[] } & Record<string, unknown>;
  product: number[];
  gradNorm: number;
  leaked: number;
}
interface Checks {
  available: string[];
  crossOriginIsolated: boolean;
  auto: BackendRun;
  wasm: BackendRun;
  cpu: BackendRun;
  webgpuError: string | null;
}

let app: BrowserApp | undefined;

describe.skipIf(skip)('@tessera/backend in Chromium (Vite bundle)', () => {
  beforeAll(async () => {
    app = await openBrowserApp({ root: appRoot, isolate: true });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('picks a GPU backend for auto, finds the wasm binaries, starts threads and trains on each backend', async () => {
    const page = await app!.newPage();
    // tfjs-backend-wasm caps threads at hardwareConcurrency / 2; report 4 logical cores so the
    // threaded path (worker start-up from a bundled, minified factory) is exercised on 2-core CI.
    await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 }));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app!.url);
    await page.waitForFunction(() => (window as unknown as { checksReady?: boolean }).checksReady === true);
    const r = await page.evaluate(() => (window as unknown as { runChecks: () => Promise<Checks> }).runChecks());
    expect(errors).toEqual([]);
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.available).toEqual(expect.arrayContaining(['webgl', 'wasm', 'cpu']));

    // 'auto' in a browser: webgpu when it starts, else webgl; never wasm/cpu while WebGL 2 works.
    expect(['webgpu', 'webgl']).toContain(r.auto.info.name);
    if (r.auto.info.name === 'webgl') {
      expect(r.auto.info.fellBack.map((f) => f.name)).toEqual(
        r.available.includes('webgpu') ? ['webgpu'] : [],
      );
    }
    // Chromium without a GPU renders WebGL with SwiftShader; the info must say so.
    if (r.auto.info.name === 'webgl') expect(r.auto.info.notes.join(' ')).toMatch(/software renderer \(.*SwiftShader/i);
    // No adapter in headless Chromium: the error must say so rather than fail obscurely.
    if (r.webgpuError !== null) expect(r.webgpuError).toMatch(/webgpu: .*(adapter|navigator\.gpu)/);
    expect(r.wasm.info).toMatchObject({ name: 'wasm', platform: 'browser', simd: true, threads: 2 });
    expect(r.cpu.info).toMatchObject({ name: 'cpu', platform: 'browser', threads: 1 });

    // Same numbers on every backend: 1*4 + 2*5 + 3*6 and the CNN gradient's L1 norm.
    for (const k of ['auto', 'wasm', 'cpu'] as const) {
      expect(r[k].product).toEqual([32]);
      expect(r[k].leaked).toBe(0);
      expect(r[k].gradNorm).toBeCloseTo(r.cpu.gradNorm, 3);
    }
    await page.close();
  }, 180_000);
});
