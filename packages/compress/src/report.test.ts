import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { mlp } from '@tessera/models';
import { weightsLike } from '../test/helpers/reference.js';
import { asCompressed } from './compressed_model.js';
import { gzipSize } from './gzip_size.js';
import { pruneLowMagnitude, strip } from './prune/prune_low_magnitude.js';
import { quantizeModel } from './quantize/quantize_model.js';
import { compressionReport, reportTable } from './report.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('gzipSize', () => {
  it('is the length of a valid gzip stream of the bytes', async () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 13);
    const n = await gzipSize(bytes);
    expect(n).toBeLessThan(500);
    // Re-compress through the same API and check it inflates back (node:zlib as the independent decoder).
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
    const gz = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(gz.byteLength).toBe(n);
    expect(Buffer.from(gunzipSync(gz)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('compressionReport', () => {
  it('bytes, gzip, params, sparsity, accuracy and macro F1 (checked by hand), ratios against the baseline', async () => {
    const m = mlp({ inputSize: 6, hidden: [32], numClasses: 3, seed: 1 });
    const n = 40;
    const x = tf.tensor2d(Float32Array.from(weightsLike(n * 6, 2)), [n, 6]);
    const logits = m.apply(x);
    const labels = Array.from(tf.argMax(logits, 1).dataSync()).map((p, i) => (i % 4 === 0 ? (p + 1) % 3 : p)); // 75% agree
    logits.dispose();
    const base = await asCompressed(m, { name: 'float32' });
    const int8 = await quantizeModel(m, { dtype: 'int8' });
    const p = pruneLowMagnitude(m, { sparsity: 0.5 });
    strip(p);
    const pruned = await asCompressed(m, { name: 'pruned-50' });
    const report = await expectNoLeaks(() => compressionReport([base, int8, pruned], { data: { x, y: labels }, batchSize: 16, latencyRuns: 3 }));
    expect(report.baseline).toBe('float32');
    expect(report.samples).toBe(n);
    const [b, q, s] = report.rows;
    expect(b!.bytes).toBe(base.weights.byteLength);
    expect(b!.gzipBytes).toBe(await gzipSize(base.weights));
    expect(b!.accuracy).toBe(0.75);
    // macro F1 by hand from the confusion counts
    const pred = Array.from(tf.argMax(base.model.apply(x), 1).dataSync());
    const f1s = [0, 1, 2].filter((c) => labels.includes(c) || pred.includes(c)).map((c) => {
      const tp = pred.filter((v, i) => v === c && labels[i] === c).length;
      const fp = pred.filter((v, i) => v === c && labels[i] !== c).length;
      const fn = pred.filter((v, i) => v !== c && labels[i] === c).length;
      return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    });
    expect(b!.f1).toBeCloseTo(f1s.reduce((a, c) => a + c, 0) / f1s.length, 12);
    expect(b!.params).toBe(6 * 32 + 32 + 32 * 3 + 3);
    expect(b!.sizeRatio).toBe(1);
    expect(q!.sizeRatio).toBeCloseTo(base.weights.byteLength / int8.weights.byteLength, 12);
    expect(q!.accuracyDelta).toBeCloseTo((q!.accuracy - 0.75) * 100, 12);
    // pruned kernels (half of 192 and of 96) plus the untrained biases, which start at zero
    expect(s!.sparsity).toBeCloseTo((Math.round(0.5 * 192) + Math.round(0.5 * 96) + 32 + 3) / b!.params, 12);
    expect(s!.gzipBytes).toBeLessThan(b!.gzipBytes); // zeros compress
    expect(s!.bytes).toBe(b!.bytes); // but take the same raw bytes
    for (const r of report.rows) {
      expect(r.latencyMinMs).toBeGreaterThan(0);
      expect(r.latencyMs).toBeGreaterThanOrEqual(r.latencyMinMs);
    }
    const table = reportTable(report);
    expect(table.split('\n')[0]).toMatch(/^\| model \| method \| bytes \| gzip \|/);
    expect(table).toContain('| float32 (baseline) | float32 (uncompressed) |');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    tf.dispose(x);
    [base, int8, pruned].forEach((c) => c.dispose());
    m.dispose();
  });

  it('bad input names the argument', async () => {
    const m = mlp({ inputSize: 2, hidden: [2], numClasses: 2, seed: 1 });
    const base = await asCompressed(m);
    const x = tf.zeros([3, 2]);
    await expect(compressionReport([], { data: { x, y: [0, 1, 0] } })).rejects.toThrow(/compressionReport: models must be a non-empty array/);
    await expect(compressionReport([base], { data: { x, y: [0, 1] } })).rejects.toThrow(/options.data.y must have one label per sample of data.x \(3\); got 2/);
    await expect(compressionReport([base], { data: { x, y: [0, 1, 5] } })).rejects.toThrow(/options.data.y must hold class ids in \[0, 2\)/);
    await expect(compressionReport([base, base], { data: { x, y: [0, 1, 0] } })).rejects.toThrow(/models must have unique names; got 'float32' twice/);
    await expect(compressionReport([base], { data: { x, y: [0, 1, 0] }, baseline: 'nope' })).rejects.toThrow(/options.baseline must name one of the models \(float32\)/);
    x.dispose();
    base.dispose();
    m.dispose();
  });
});
