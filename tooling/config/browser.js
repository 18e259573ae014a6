// Shared set-up of Tessera's browser tests (packages/backend/e2e, packages/preprocess/e2e,
// apps/playground/test): build a page with Vite into a temporary folder, serve it on loopback,
// and launch Debian's Chromium through playwright-core with the flags in DEVELOPERS.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium` (what .ci/run installs). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with no GPU, no network side traffic and no first-run UI. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Default time limit, in ms, for each action and wait on pages from `openBrowserApp().newPage`.
 * CI runs the browser tests beside every other test suite on two cores, with SwiftShader WebGL
 * sharing them: an action that takes a second alone can take tens of seconds there, and
 * Playwright's own 30 s default failed a CI run on a click.
 */
export const PAGE_TIMEOUT_MS = 120_000;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

/**
 * Builds the Vite app at `root`, serves it on 127.0.0.1 (cross-origin isolated unless
 * `isolate: false`: COOP/COEP headers are what let wasm start worker threads) and launches
 * Chromium. Throws, naming the install command, when Chromium is missing. `newPage` opens a tab
 * whose actions and waits default to `PAGE_TIMEOUT_MS`.
 *
 * @param {{ root: string, isolate?: boolean, vite?: import('vite').InlineConfig }} options
 * @returns {Promise<{ url: string, browser: import('playwright-core').Browser, newPage(options?: import('playwright-core').BrowserContextOptions): Promise<import('playwright-core').Page>, close(): Promise<void> }>}
 * @example
 * const app = await openBrowserApp({ root: fileURLToPath(new URL('./app/', import.meta.url)) });
 * const tab = await app.newPage(); await tab.goto(app.url); ... await app.close();
 */
export async function openBrowserApp({ root, isolate = true, vite = {} }) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  const outDir = mkdtempSync(join(tmpdir(), 'tessera-browser-'));
  let server = null;
  let browser = null;
  const close = async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    await build({ ...vite, root, logLevel: 'error', build: { target: 'es2022', ...vite.build, outDir, emptyOutDir: true } });
    server = createServer((req, res) => {
      const path = normalize(join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0])));
      const file = path.endsWith(sep) ? join(path, 'index.html') : path;
      if (!file.startsWith(outDir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(isolate ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
      });
      res.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const launched = browser;
    const newPage = async (options) => {
      const page = await launched.newPage(options);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      return page;
    };
    return { url, browser, newPage, close };
  } catch (e) {
    await close();
    throw e;
  }
}
