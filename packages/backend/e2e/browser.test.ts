// The browser build, bundled by Vite as a user's app would, run in Debian's Chromium:
// 'auto' must pick a GPU backend (WebGL 2 through SwiftShader here), the wasm binaries must be
// found through the bundler, and threads must start on a cross-origin-isolated page.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Opt-out for machines without Chromium; CI installs it (.ci/run), so there it always runs.
const skip = process.env.TESSERA_SKIP_BROWSER === '1';
const app = fileURLToPath(new URL('./app/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

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

let server: Server;
let browser: Browser;
let outDir: string;
let url: string;

describe.skipIf(skip)('@tessera/backend in Chromium (Vite bundle)', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    outDir = mkdtempSync(join(tmpdir(), 'tessera-browser-'));
    await build({ root: app, logLevel: 'error', build: { outDir, emptyOutDir: true, target: 'es2022' } });
    server = createServer((req, res) => {
      const path = normalize(join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (!file.startsWith(outDir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        // Cross-origin isolation is what lets wasm start worker threads.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('picks a GPU backend for auto, finds the wasm binaries, starts threads and trains on each backend', async () => {
    const page = await browser.newPage();
    // tfjs-backend-wasm caps threads at hardwareConcurrency / 2; report 4 logical cores so the
    // threaded path (worker start-up from a bundled, minified factory) is exercised on 2-core CI.
    await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 }));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
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
