// The acceptance run, in CI: the built CLI with its default settings on the whole corpus
// (about 45 s alone on 2 cores, a few minutes while every other package's tests run). Both
// models must reach F1 >= 0.95 on the held-out messages, and no file the run wrote may hold an
// e-mail address, phone number or IP address of the source corpus.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus.js';
import { extractPii, filesUnder, scanForPii } from './pii_scan.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-spam-full-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the default run on the whole corpus', () => {
  let code: number | null = null;
  let stderr = '';
  const dir = join(work, 'runs', 'full');

  beforeAll(async () => {
    // A fixed key (not a user's key file); every other setting is the default.
    const child = spawn(process.execPath, [cli, '--run-name', 'full', '--quiet'], {
      cwd: work,
      env: { ...process.env, TESSERA_SPAM_KEY: 'f'.repeat(48), HOME: work, XDG_CONFIG_HOME: join(work, 'config') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    code = await new Promise((resolve) => child.on('close', resolve));
  }, 900_000);

  it('reaches F1 >= 0.95 with both the LSTM and the Transformer on held-out messages', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(Object.keys(metrics).sort()).toEqual(['lstm', 'transformer']);
    for (const m of ['lstm', 'transformer']) {
      expect(metrics[m].test.count).toBeGreaterThan(800);
      expect(metrics[m].test.f1, m).toBeGreaterThanOrEqual(0.95);
      expect(metrics[m].test.rocAuc, m).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('leaves no e-mail address, phone number or IP address of the corpus in any file it wrote', async () => {
    const { messages } = await loadCorpus({ limit: null, seed: 0 });
    const needles = extractPii(messages.map((m) => m.text));
    expect(needles.email.size).toBeGreaterThan(1000);
    expect(filesUnder(dir).length).toBeGreaterThan(25); // 29 files: two models, their cards, pictures, splits
    expect(scanForPii(dir, needles)).toEqual([]);
  });
});
