// The playground as a user gets it: built by Vite into a temporary folder, served on loopback
// with COOP/COEP headers, and driven in Debian's Chromium (playwright-core, no downloaded
// browser). Headless Chromium has WebGL 2 through SwiftShader, so 'auto' runs webgl there and
// wasm where WebGL is missing; the test prints which one ran.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from '@tessera/tooling/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundState } from '../src/main.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const screenshot = join(appDir, 'docs', 'screenshot.png');

let app: BrowserApp | undefined;

const readState = (page: Page) => page.evaluate(() => (window as unknown as { playground: PlaygroundState }).playground);

/** Waits until the page's state leaves `busy` phases; fails with the page's own error if it errs. */
async function settle(page: Page, timeout: number): Promise<PlaygroundState> {
  await page.waitForFunction(
    () => {
      const s = (window as unknown as { playground?: PlaygroundState }).playground;
      return s !== undefined && (s.phase === 'ready' || s.phase === 'trained' || s.phase === 'error');
    },
    undefined,
    { timeout, polling: 200 },
  );
  const s = await readState(page);
  if (s.phase === 'error') throw new Error(`the page reported an error: ${s.error}`);
  return s;
}

/** A stroke through `points` (fractions of the pad's size) with real mouse events. */
async function drawStroke(page: Page, points: readonly (readonly [number, number])[]): Promise<void> {
  const box = await page.locator('#draw-pad').boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const at = ([fx, fy]: readonly [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  const [sx, sy] = at(points[0]!);
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (const p of points.slice(1)) {
    const [x, y] = at(p);
    await page.mouse.move(x, y, { steps: 6 });
  }
  await page.mouse.up();
}

async function drawAndRead(page: Page, strokes: readonly (readonly (readonly [number, number])[])[]): Promise<{ digit: number; probabilities: number[]; shown: string }> {
  await page.click('#clear-pad');
  for (const s of strokes) await drawStroke(page, s);
  await page.waitForFunction(() => document.getElementById('prediction')?.dataset.digit !== '');
  const shown = (await page.textContent('#prediction')) ?? '';
  const state = await readState(page);
  if (!state.prediction) throw new Error('the page shows a prediction but its state has none');
  return { ...state.prediction, shown };
}

function newPage(a: BrowserApp): Promise<Page> {
  return a.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

let setupError: unknown = null;

/**
 * The browser, or the setup's error (no Chromium, a failed build), thrown inside each test so
 * that it counts as a failure: a failing beforeAll only marks tests skipped, and CI's totals
 * line does not count skipped tests.
 */
function ready(): BrowserApp {
  if (setupError !== null) throw setupError;
  if (!app) throw new Error('the browser did not start');
  return app;
}

describe('playground in Chromium (Vite build, served on loopback)', () => {
  beforeAll(async () => {
    try {
      await setUp();
    } catch (e) {
      setupError = e;
    }
  }, 180_000);

  async function setUp(): Promise<void> {
    app = await openBrowserApp({ root: appDir });
  }

  afterAll(async () => {
    await app?.close();
  });

  it('trains on the bundled digits with live charts, flat tf.memory, a drawn digit and downloads', async () => {
    const started = Date.now();
    const page = await newPage(ready());
    const errors = collectErrors(page);
    await page.goto(ready().url);
    let state = await settle(page, 120_000);

    // Which backend ran, said in the page and in the test output.
    const backend = state.backend!;
    console.log(`[playground] backend: ${backend.name}${backend.webglRenderer ? ` (${backend.webglRenderer})` : ''}; passed over: ${backend.fellBack.map((f) => `${f.name} (${f.reason})`).join('; ') || 'none'}`);
    expect(['webgpu', 'webgl', 'wasm']).toContain(backend.name);
    expect(await page.getAttribute('#backend', 'data-backend')).toBe(backend.name);
    expect(await page.textContent('#backend')).toContain(backend.name);
    if (backend.fellBack.length > 0) {
      // A visible fallback note naming what was skipped.
      expect(await page.isVisible('#backend-note')).toBe(true);
      expect(await page.textContent('#backend-note')).toContain(backend.fellBack[0]!.reason);
    }
    if (backend.name === 'webgl' && /swiftshader/i.test(backend.webglRenderer ?? '')) {
      expect(await page.textContent('#backend-note')).toMatch(/software renderer/);
    }
    expect(state.dataset).toMatchObject({ kind: 'digits', train: 1000, test: 1000, features: 784, classes: 10 });

    // A short run: an MLP, 1,000 digits, 3 epochs of 32 steps (SwiftShader WebGL is slow).
    await page.selectOption('#model-choice', 'mlp');
    await page.fill('#epochs', '3');
    await page.click('#train');
    state = await settle(page, 240_000);
    console.log(
      `[playground] trained ${state.epochs.length} epochs in ${state.trainSeconds?.toFixed(1)} s on ${backend.name}: ` +
        state.epochs.map((e, i) => `epoch ${i + 1} val_accuracy ${Number(e.val_accuracy).toFixed(3)}`).join(', ') +
        `; tensors after each epoch ${state.memory.map((m) => m.numTensors).join(', ')}`,
    );
    expect(state.epochs).toHaveLength(3);
    // Accuracy on 1,000 held-out digits after one epoch: far above chance (0.1).
    expect(Number(state.epochs[0]!.val_accuracy)).toBeGreaterThan(0.5);
    expect(Number(state.epochs[2]!.val_accuracy)).toBeGreaterThan(0.7);
    expect(state.evaluation!.accuracy).toBeGreaterThan(0.7);
    // tf.memory() after every epoch: the same tensors and bytes (no leak per epoch).
    expect(state.memory).toHaveLength(3);
    expect(new Set(state.memory.map((m) => m.numTensors)).size).toBe(1);
    expect(new Set(state.memory.map((m) => m.numBytes)).size).toBe(1);
    expect(state.memoryFlat).toBe(true);
    expect(await page.getAttribute('#memory-verdict', 'data-flat')).toBe('true');

    // Charts drawn in the page: live curves (Vega view), confusion matrix and epoch curves (SVG from the packages).
    expect(await page.locator('#live-chart svg path').count()).toBeGreaterThan(4);
    expect(await page.locator('#confusion-matrix svg').count()).toBe(1);
    expect(await page.locator('#curves svg').count()).toBe(1);
    expect(await page.locator('#class-report tbody tr').count()).toBe(12);

    // Draw digits with the mouse and read the page's answer.
    const one = await drawAndRead(page, [[[0.52, 0.12], [0.5, 0.5], [0.48, 0.88]]]);
    const ellipse = Array.from({ length: 25 }, (_, i) => [0.5 + 0.22 * Math.sin((i / 24) * 2 * Math.PI), 0.5 - 0.36 * Math.cos((i / 24) * 2 * Math.PI)] as const);
    const zero = await drawAndRead(page, [ellipse]);
    const seven = await drawAndRead(page, [[[0.25, 0.15], [0.75, 0.15], [0.45, 0.88]]]);
    console.log(`[playground] drawn 1 -> "${one.shown}", drawn 0 -> "${zero.shown}", drawn 7 -> "${seven.shown}"`);
    for (const p of [one, zero, seven]) {
      expect(p.shown).toMatch(new RegExp(`^Prediction: ${p.digit} \\(\\d+%\\)$`));
      expect(p.probabilities).toHaveLength(10);
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    expect(one.digit).toBe(1);
    expect(zero.digit).toBe(0);
    // After training, evaluation, the model card and three predictions only the model's weights
    // are alive: dense_1 and dense_2, kernel and bias (no optimizer slots, data or temporaries).
    expect(await page.getAttribute('#memory', 'data-tensors')).toBe('4');

    // Downloads: safetensors weights whose header names the model's weights; the model card.
    const [weights] = await Promise.all([page.waitForEvent('download'), page.click('#download-weights')]);
    const bytes = readFileSync((await weights.path())!);
    expect(weights.suggestedFilename()).toBe('digits-mlp.safetensors');
    expect(bytes.length).toBe(state.artifacts!.weightBytes);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype: string; shape: number[] }>;
    expect(header['dense_1/kernel']).toMatchObject({ dtype: 'F32', shape: [784, 128] });
    expect(header['dense_2/bias']).toMatchObject({ dtype: 'F32', shape: [10] });
    const [card] = await Promise.all([page.waitForEvent('download'), page.click('#download-card')]);
    const markdown = readFileSync((await card.path())!, 'utf8');
    expect(markdown).toContain('mnist-digits');
    expect(markdown).toContain(backend.name);
    expect(Number(await page.getAttribute('#lineage-status', 'data-entries'))).toBeGreaterThan(5);

    // Quantize and compare (@tessera/compress): each variant is its file loaded back.
    await page.click('#quantize');
    await page.waitForFunction(() => document.getElementById('compress-status')?.dataset.done !== undefined, undefined, { timeout: 120_000 });
    expect(await page.getAttribute('#compress-status', 'data-done'), (await page.textContent('#compress-status')) ?? '').toBe('true');
    state = await readState(page);
    const rows = state.compression!;
    const row = (prefix: string) => {
      const r = rows.find((x) => x.name.startsWith(prefix));
      if (!r) throw new Error(`no '${prefix}' row in the compression report (${rows.map((x) => x.name).join(', ')})`);
      return r;
    };
    console.log(`[playground] quantized: ${rows.map((r) => `${r.name} ${(r.bytes / 1024).toFixed(0)} KB (${r.sizeRatio.toFixed(2)}x smaller) accuracy ${r.accuracy.toFixed(3)}`).join('; ')}`);
    expect(rows[0]!.name).toBe('float32');
    expect(rows[0]!.accuracy).toBeCloseTo(state.evaluation!.accuracy, 6);
    expect(row('float16').sizeRatio).toBeGreaterThan(1.9);
    expect(Math.abs(row('float16').accuracyDelta)).toBeLessThan(0.5);
    expect(row('int8').sizeRatio).toBeGreaterThan(3.5);
    expect(Math.abs(row('int8').accuracyDelta)).toBeLessThan(2);
    expect(row('q4').sizeRatio).toBeGreaterThan(5);
    expect(row('q4').accuracy).toBeGreaterThan(0.5);
    const int8Name = row('int8').name;
    const [int8File] = await Promise.all([page.waitForEvent('download'), page.click(`.download-variant[data-variant="${int8Name}"]`)]);
    expect(readFileSync((await int8File.path())!).length).toBe(row('int8').bytes);
    // The model card now lists the quantized models made from this one.
    expect(await page.textContent('#model-card')).toContain(int8Name);
    expect(await page.getAttribute('#memory', 'data-tensors')).toBe('4');

    // The commit-worthy picture: charts after training, confusion matrix, a drawn digit.
    await page.click('#clear-pad');
    await drawStroke(page, [[0.25, 0.15], [0.75, 0.15], [0.45, 0.88]]);
    await page.waitForFunction(() => document.getElementById('prediction')?.dataset.digit !== '');
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(errors).toEqual([]);
    console.log(`[playground] digits check took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot: ${screenshot}`);
    await page.close();
  });

  it('anonymizes a dropped CSV in the page and trains on it', async () => {
    // Three classes told apart by two numeric features; names, e-mails and phones are PII.
    const first = ['Sarah Jackson', 'Liam Chen', 'Amara Okafor', 'Jonas Weber', 'Maria Rossi', 'David Miller'];
    const rows = Array.from({ length: 90 }, (_, i) => {
      const cls = i % 3;
      const a = [1, 4, 7][cls]! + ((i * 37) % 10) / 10;
      const b = [5, 1, 3][cls]! + ((i * 53) % 10) / 10;
      const name = first[i % first.length]!;
      return `${name},${name.toLowerCase().replace(' ', '.')}${i}@example.org,+44 20 7946 ${String(1000 + i).padStart(4, '0')},${a.toFixed(1)},${b.toFixed(1)},${['setosa', 'versicolor', 'virginica'][cls]}`;
    });
    const csv = ['name,email,phone,length,width,species', ...rows].join('\n');

    const page = await newPage(ready());
    const errors = collectErrors(page);
    await page.goto(ready().url);
    await settle(page, 120_000);
    await page.check('input[name="dataset"][value="csv"]');
    await page.setInputFiles('#csv-file', { name: 'flowers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => (window as unknown as { playground: PlaygroundState }).playground.dataset?.kind === 'csv');
    let state = await settle(page, 120_000);
    expect(state.csv!.label).toBe('species');
    expect(state.csv!.piiCounts).toMatchObject({ EMAIL_ADDRESS: 90, PHONE_NUMBER: 90 });
    expect(state.csv!.piiCounts.PERSON).toBeGreaterThan(0);
    expect(state.csv!.dropped).toEqual(expect.arrayContaining(['name', 'email', 'phone']));
    expect(state.dataset).toMatchObject({ kind: 'csv', features: 2, classes: 3 });
    // No original value reaches the page's text.
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Sarah Jackson');

    await page.fill('#epochs', '20');
    await page.fill('#batch-size', '16');
    await page.fill('#learning-rate', '0.05');
    await page.click('#train');
    state = await settle(page, 180_000);
    console.log(`[playground] CSV: ${JSON.stringify(state.csv!.piiCounts)} replaced; held-out accuracy ${state.evaluation!.accuracy.toFixed(3)} on ${state.dataset!.test} rows`);
    expect(state.evaluation!.accuracy).toBeGreaterThan(0.6);
    expect(state.memoryFlat).toBe(true);
    const card = (await page.textContent('#model-card')) ?? '';
    expect(card).toMatch(/EMAIL_ADDRESS/);
    expect(card).not.toContain('@example.org');
    expect(errors).toEqual([]);
    await page.close();
  });
});
