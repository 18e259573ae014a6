/**
 * Node-only parts, run against the built dist in child processes: kill-and-resume, atomic
 * checkpoint writes under SIGKILL, file store, CSV/JSONL loggers and the progress bar.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@tessera/backend';
import { Accuracy } from '@tessera/metrics';
import { decodeCheckpoint, fit, SGD } from '../src/index.js';
import { CsvLogger, JsonlLogger, ProgressBar, fileCheckpointStore } from '../src/node.js';
import { TestMLP } from './helpers/models.js';
import { blobTensors } from './helpers/data.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-trainer-'));

beforeAll(async () => {
  await useBackend('cpu');
  if (!fs.existsSync(path.join(here, '..', 'dist', 'node.js'))) {
    throw new Error('node.test.ts runs the built package in child processes: run `pnpm build` in packages/trainer first');
  }
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs a fixture; resolves with stdout when it exits 0. */
function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(fixtures, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Starts a fixture and SIGKILLs it once `line` appears on stdout (after `delayMs`). */
function runUntil(script: string, args: string[], line: string, delayMs = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(fixtures, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(line)) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`${script} ended with code ${code} before being killed: ${err}`));
    });
  });
}

describe('kill and resume', () => {
  it('a run SIGKILLed mid-epoch 3 and resumed from its epoch-2 checkpoint ends with the uninterrupted weights', async () => {
    const dir = path.join(tmp, 'resume');
    const fullOut = path.join(tmp, 'full.json');
    const resumedOut = path.join(tmp, 'resumed.json');
    await Promise.all([run('resume_child.mjs', ['full', path.join(tmp, 'unused'), fullOut]), runUntil('resume_child.mjs', ['interrupt', dir, path.join(tmp, 'never.json')], 'CHECKPOINT 2')]);
    expect(fs.existsSync(path.join(tmp, 'never.json'))).toBe(false);
    await run('resume_child.mjs', ['resume', dir, resumedOut]);
    const full = JSON.parse(fs.readFileSync(fullOut, 'utf8'));
    const resumed = JSON.parse(fs.readFileSync(resumedOut, 'utf8'));
    let maxDiff = 0;
    full.weights.forEach((w: number[], i: number) => w.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - resumed.weights[i][j])))));
    expect(maxDiff).toBeLessThan(1e-6);
    expect(resumed.loss).toHaveLength(5);
    resumed.loss.forEach((l: number, i: number) => expect(l).toBeCloseTo(full.loss[i], 6));
    expect(resumed.steps).toHaveLength(full.steps.length);
  }, 60_000);
});

describe('atomic checkpoint writes', () => {
  it('a process killed mid-write leaves the previous checkpoint intact', async () => {
    let midWriteKills = 0;
    for (let trial = 0; trial < 10 && midWriteKills < 2; trial++) {
      const dir = path.join(tmp, `atomic-${trial}`);
      await runUntil('write_loop.mjs', [dir], 'READY', 30 + trial * 23);
      const files = fs.readdirSync(dir);
      const partial = files.filter((f) => f.includes('.tmp-'));
      if (partial.length > 0) midWriteKills++;
      // Whatever the moment of the kill, the checkpoint decodes completely and is one version.
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, 'ckpt.safetensors')));
      const ck = decodeCheckpoint(bytes);
      const version = ck.meta?.version as number;
      expect([1, 2, 3]).toContain(version);
      const values = ck.weights[0]!.tensor.dataSync();
      expect(values.length).toBe(2 * 1024 * 1024);
      expect(values.every((v) => v === version)).toBe(true);
      tf.dispose(ck.weights.map((w) => w.tensor));
      // The temp file of an interrupted write is shorter than a full checkpoint: it was mid-write.
      for (const p of partial) expect(fs.statSync(path.join(dir, p)).size).toBeLessThanOrEqual(bytes.length);
      expect(await fileCheckpointStore(dir).list()).toEqual(['ckpt']);
    }
    expect(midWriteKills).toBeGreaterThan(0);
  }, 60_000);

  it('the file store writes, reads, lists and reports missing names as null', async () => {
    const store = fileCheckpointStore(path.join(tmp, 'store'), { fsync: false });
    expect(await store.read('nope')).toBeNull();
    expect(await store.list()).toEqual([]);
    await store.write('b', new Uint8Array([1, 2, 3]));
    await store.write('a', new Uint8Array([4]));
    expect(await store.list()).toEqual(['a', 'b']);
    expect(Array.from((await store.read('b'))!)).toEqual([1, 2, 3]);
    await expect(store.write('../evil', new Uint8Array(1))).rejects.toThrow(/fileCheckpointStore.write: name must be a file-name-safe string/);
  });
});

describe('loggers and progress bar', () => {
  it('CsvLogger and JsonlLogger write one record per epoch', async () => {
    const d = blobTensors(32, 4, 2, 1);
    const m = new TestMLP([4, 2], 1);
    const csv = path.join(tmp, 'logs', 'log.csv');
    const jsonl = path.join(tmp, 'logs', 'log.jsonl');
    await fit(m, d, { epochs: 3, batchSize: 16, optimizer: new SGD(), loss: 'softmaxCrossEntropy', metrics: [new Accuracy()], callbacks: [new CsvLogger(csv), new JsonlLogger(jsonl, { batches: true })] });
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('epoch,loss,accuracy,lr');
    expect(rows).toHaveLength(4);
    expect(rows[3]!.startsWith('2,')).toBe(true);
    const lines = fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'epoch').map((l) => l.epoch)).toEqual([0, 1, 2]);
    expect(lines.filter((l) => l.type === 'batch')).toHaveLength(6);
    // append mode keeps earlier rows (for resumed runs)
    await fit(m, d, { epochs: 1, batchSize: 16, optimizer: new SGD(), loss: 'softmaxCrossEntropy', metrics: [new Accuracy()], callbacks: [new CsvLogger(csv, { append: true })] });
    expect(fs.readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(5);
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('ProgressBar draws steps, rate and loss on a TTY and stays quiet otherwise', async () => {
    const d = blobTensors(32, 4, 2, 2);
    const m = new TestMLP([4, 2], 2);
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let text = '';
    tty.on('data', (c) => (text += c));
    await fit(m, d, { epochs: 2, batchSize: 8, optimizer: new SGD(), loss: 'softmaxCrossEntropy', callbacks: [new ProgressBar({ stream: tty })] });
    expect(text).toContain('epoch 1/2');
    expect(text).toMatch(/4\/4 \| [\d.]+ steps\/s \| ETA/);
    expect(text).toMatch(/loss \d\.\d{4}/);
    expect(text).toMatch(/epoch 2: loss [\d.]+ \| lr 0\.01\d* \(\d+\.\ds\)/);
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    let quiet = '';
    pipe.on('data', (c) => (quiet += c));
    await fit(m, d, { epochs: 1, batchSize: 8, optimizer: new SGD(), loss: 'softmaxCrossEntropy', callbacks: [new ProgressBar({ stream: pipe })] });
    expect(quiet).toBe('');
    tf.dispose([d.x, d.y]);
    m.dispose();
  });
});

describe('browser safety', () => {
  it('the main entry never imports Node built-ins or the terminal library (those live in ./node)', () => {
    const dist = path.join(here, '..', 'dist');
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2]) as string;
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
        else if (spec.startsWith('node:') || ['fs', 'path', 'os', 'cli-progress'].includes(spec)) bad.push(`${path.relative(dist, file)} -> ${spec}`);
      }
    };
    visit(path.join(dist, 'index.js'));
    expect(seen.size).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });
});
