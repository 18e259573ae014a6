// The image transforms in a browser, bundled by Vite as a user's app would, run in Debian's
// Chromium (installed by .ci/run): each transform on webgl (WebGL 2 through SwiftShader here)
// must give the cpu backend's values for the same input and seed, keep the shape, and leave no
// tensor behind. cpu and wasm are covered by the unit tests in src/image/.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Opt-out for machines without Chromium; CI installs it (.ci/run), so there it always runs.
const skip = process.env.TESSERA_SKIP_BROWSER === '1';
const app = fileURLToPath(new URL('./app/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

interface Run {
  backend: string;
  leaked: number;
  out: Record<string, { shape: number[]; values: number[] }>;
}

let server: Server;
let browser: Browser;
let outDir: string;
let url: string;

describe.skipIf(skip)('@tessera/preprocess image transforms on webgl (Vite bundle in Chromium)', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    outDir = mkdtempSync(join(tmpdir(), 'tessera-preprocess-browser-'));
    await build({ root: app, logLevel: 'error', build: { outDir, emptyOutDir: true, target: 'es2022' } });
    server = createServer((req, res) => {
      const path = normalize(join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (!file.startsWith(outDir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('gives the cpu values on webgl for every transform, with no leaked tensor', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
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
