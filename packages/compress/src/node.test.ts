import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@tessera/backend';
import { mlp } from '@tessera/models';
import { asCompressed } from './compressed_model.js';
import { loadCompressed, saveCompressed, writeReport } from './node.js';
import { quantizeModel } from './quantize/quantize_model.js';
import { compressionReport } from './report.js';

let dir = '';
beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tessera-compress-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('@tessera/compress/node', () => {
  it('saves each variant to <dir>/<name>/, loads it back to the same predictions, writes report.json and report.md', async () => {
    const m = mlp({ inputSize: 4, hidden: [8], numClasses: 2, seed: 1 });
    const variants = [await asCompressed(m), await quantizeModel(m, { dtype: 'q4', groupSize: 8 })];
    const saved = await saveCompressed(dir, variants);
    expect(saved.map((s) => s.name)).toEqual(['float32', 'q4-g8']);
    expect(new Uint8Array(await readFile(saved[1]!.weightsPath))).toEqual(variants[1]!.weights);
    expect((await readdir(join(dir, 'q4-g8'))).sort()).toEqual(['compression.json', 'model.json', 'model.safetensors']);
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    for (const v of variants) {
      const back = await loadCompressed(join(dir, v.name));
      const a = v.model.apply(x);
      const b = back.apply(x);
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      tf.dispose([a, b]);
      back.dispose();
    }
    const report = await compressionReport(variants, { data: { x, y: [0, 1, 0, 1, 1] }, latencyRuns: 1 });
    const { jsonPath, markdownPath } = await writeReport(dir, report);
    expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toEqual(report);
    expect(await readFile(markdownPath, 'utf8')).toMatch(/^# Compression report\n\n\| model \|/);
    await expect(loadCompressed(join(dir, 'missing'))).rejects.toThrow(/loadCompressed: cannot read .*model.json/);
    await expect(saveCompressed('', variants)).rejects.toThrow(/saveCompressed: dir must be a non-empty path; got ""/);
    x.dispose();
    variants.forEach((v) => v.dispose());
    m.dispose();
  });
});
