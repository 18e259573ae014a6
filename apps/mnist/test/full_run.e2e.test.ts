// The acceptance run, in CI: the built CLI with the settings `pnpm demo` uses, on all
// 10,000 digits (about 100 s alone on 2 cores, a few minutes while every other package's tests
// run). It must reach >= 97% accuracy on the 1,000 held-out digits and write every artifact.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-mnist-full-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the default run (what pnpm demo runs)', () => {
  it('reaches >= 97% test accuracy and writes every artifact', async () => {
    let stderr = '';
    const child = spawn(process.execPath, [cli, '--run-name', 'full', '--quiet'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const dir = join(work, 'runs', 'full');
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.test.count).toBe(1000);
    expect(metrics.test.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(metrics.test.macroF1).toBeGreaterThanOrEqual(0.97);
    for (const f of [
      'confusion-matrix.svg', 'confusion-matrix.png', 'loss-curve.svg', 'loss-curve.png', 'model/model.safetensors',
      'compressed/int8/model.safetensors', 'compressed/report.md', 'compressed/report.json', 'model-card.md',
    ]) expect(existsSync(join(dir, f)), f).toBe(true); // prettier-ignore
    expect(metrics.compressed.int8.test.accuracy).toBeGreaterThanOrEqual(0.96);
  }, 900_000);
});
