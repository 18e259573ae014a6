/**
 * THE END-TO-END TEST of @tessera/preprocess (the package's only one): a 200 MB CSV,
 * generated into the OS temp folder by a child process, streams through
 * `fromCsv(...).batch(...)` while this process's memory is sampled. It checks that every row
 * arrives, typed and in order, that live memory stays at a few batches, and that resident
 * memory grows by far less than the file's size (the "memory bounded by buffer
 * sizes"). It takes about 15 s; every other test uses tiny data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCsv } from '../src/dataset/from_csv.js';
import { StandardScaler } from '../src/tabular/standard_scaler.js';

const TARGET_BYTES = 200 * 1024 * 1024;

// A full collection before each sample measures what the pipeline keeps alive rather than
// when V8 chose to collect garbage (RSS alone swings by tens of MiB from run to run).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
const FEATURES = 8;
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Writes ~TARGET_BYTES of CSV in 4 MiB blocks from a child process (so that generating the
 * file does not inflate this process's memory before the measurement) and returns the row
 * count and column sums it wrote.
 */
function generate(path: string): { rows: number; sumX0: number; labels: number } {
  const script = `
    const { createWriteStream } = await import('node:fs');
    const { once } = await import('node:events');
    const { Rng } = await import('@tessera/backend');
    const [path, target, features] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
    const rng = new Rng(2024);
    const words = ['alpha', 'beta', 'gamma', 'delta', 'river', 'stone', 'market', 'north', 'quiet', 'signal', 'orbit', 'maple'];
    // One block of rows, written repeatedly with a distinct id range: generation stays fast.
    // Rows are ~150 bytes: 8 numbers, a label and a free-text note (every 16th quoted, with a
    // comma inside), a realistic shape for a wide tabular file.
    const block = [];
    let blockSum = 0, blockLabels = 0, blockBytes = 0;
    while (blockBytes < 4 * 1024 * 1024) {
      const xs = Array.from({ length: features }, () => (rng.normal() * 100).toFixed(4));
      const label = rng.int(3);
      const note = Array.from({ length: 14 }, () => words[rng.int(words.length)]).join(' ');
      blockSum += Number(xs[0]);
      blockLabels += label;
      const row = xs.join(',') + ',' + label + ',' + (block.length % 16 === 0 ? '"' + note + ', quoted"' : note);
      block.push(row);
      blockBytes += row.length + 10;
    }
    const out = createWriteStream(path, { highWaterMark: 8 * 1024 * 1024 });
    const header = 'id,' + Array.from({ length: features }, (_, j) => 'x' + j).join(',') + ',label,note\\n';
    out.write(header);
    let written = header.length, rows = 0, blocks = 0;
    while (written < target) {
      const base = rows;
      const chunk = block.map((r, i) => (base + i) + ',' + r + '\\n').join('');
      rows += block.length;
      written += chunk.length;
      blocks++;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    process.stdout.write(JSON.stringify({ rows, sumX0: blockSum * blocks, labels: blockLabels * blocks }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, path, String(TARGET_BYTES), String(FEATURES)], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as { rows: number; sumX0: number; labels: number };
}

describe('end to end: a 200 MB CSV streams with bounded memory', () => {
  it('reads every row through fromCsv(...).batch(...) while RSS grows far less than the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-e2e-'));
    const path = join(dir, 'big.csv');
    const t0 = performance.now();
    const truth = generate(path);
    const generatedMs = performance.now() - t0;
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThanOrEqual(TARGET_BYTES);

    const types = Object.fromEntries([['id', 'integer'], ['label', 'integer'], ...Array.from({ length: FEATURES }, (_, j) => [`x${j}`, 'number'])]);
    const ds = fromCsv(path, { types }).batch(1024).prefetch(2);
    const scaler = new StandardScaler();
    const t1 = performance.now();
    const liveBaseline = live();
    const baseline = process.memoryUsage().rss;
    let peak = 0;
    let livePeak = 0;
    let rows = 0;
    let sumX0 = 0;
    let labels = 0;
    let lastId = -1;
    let batches = 0;
    for await (const batch of ds) {
      for (const r of batch) {
        sumX0 += r.x0 as number;
        labels += r.label as number;
        if ((r.id as number) !== lastId + 1) throw new Error(`row order broken at id ${String(r.id)}`);
        lastId = r.id as number;
      }
      rows += batch.length;
      scaler.partialFit(batch.map((r) => [r.x0 as number, r.x1 as number]));
      if (++batches % 8 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      if (batches % 64 === 0) livePeak = Math.max(livePeak, live());
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMiB = (peak - baseline) / 2 ** 20;
    const liveGrowthMiB = (livePeak - liveBaseline) / 2 ** 20;
    // Printed so that the numbers show in the test log.
    console.log(
      `e2e: ${(size / 2 ** 20).toFixed(0)} MiB, ${rows} rows, ${batches} batches, RSS growth ${growthMiB.toFixed(1)} MiB, ` +
        `live heap+external growth ${liveGrowthMiB.toFixed(1)} MiB ` +
        `(peak ${(peak / 2 ** 20).toFixed(0)} MiB); generated in ${(generatedMs / 1000).toFixed(1)} s, streamed in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );

    expect(rows).toBe(truth.rows);
    expect(labels).toBe(truth.labels);
    expect(sumX0).toBeCloseTo(truth.sumX0, 0);
    expect(ds).toBeDefined();
    expect(scaler.nSamplesSeen).toBe(truth.rows);
    expect(liveGrowthMiB).toBeLessThan(50); // what the pipeline holds: a few batches and one read chunk
    expect(growthMiB).toBeLessThan(100); // the whole process, garbage included, for a 200 MiB file
    // About 15 s alone; several minutes when `pnpm test` runs every package at once on 2 cores.
  }, 300_000);
});
