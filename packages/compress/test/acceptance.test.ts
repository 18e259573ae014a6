/**
 * The issue's acceptance checks on a test-sized stand-in for the digits CNN, trained here on
 * generated 16x16 images (10 classes) on the wasm backend: int8 size and accuracy, 80% pruning
 * with fine-tuning, structured filter pruning, calibration, QAT, distillation and the report.
 * Accuracies are computed here from the models' outputs (argmax against the labels), not read
 * from the report, and the report is then checked against them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { cnn, fromConfig, type Sequential } from '@tessera/models';
import { Adam, cosineDecay, distillation, fit } from '@tessera/trainer';
import {
  asCompressed,
  calibrateActivations,
  type CompressedModel,
  compressionReport,
  distill,
  fakeQuantModel,
  keptCount,
  measureSparsity,
  polynomialDecay,
  pruneFilters,
  pruneLowMagnitude,
  quantizationAwareModel,
  quantizeModel,
  reportTable,
  shrinkModel,
  strip,
} from '../src/index.js';
import { saveCompressed, writeReport } from '../src/node.js';
import { type ImageSet, patternImages } from './helpers/data.js';

let train: ImageSet;
let test: ImageSet;
let teacher: Sequential;
let baseline: CompressedModel;
let baseAcc = 0;
const variants: CompressedModel[] = [];
const measured: Record<string, number> = {};

function acc(model: { apply(x: tf.Tensor): tf.Tensor }, data: ImageSet): number {
  const pred = tf.tidy(() => tf.argMax(model.apply(data.x), 1));
  const p = pred.dataSync();
  pred.dispose();
  return data.labels.reduce((n, l, i) => n + (p[i] === l ? 1 : 0), 0) / data.labels.length;
}

function copyOf(m: Sequential): Sequential {
  const c = fromConfig(m.toConfig());
  const ws = m.getWeights();
  c.setWeights(ws);
  tf.dispose(ws.map((w) => w.tensor));
  return c;
}

beforeAll(async () => {
  await useBackend('wasm');
  train = patternImages(1200, { classes: 10, seed: 1, noise: 0.6 });
  test = patternImages(600, { classes: 10, seed: 2, noise: 0.6 });
  teacher = cnn({ inputShape: [16, 16, 1], filters: [16, 32], dense: [256], numClasses: 10, seed: 1 });
  // Trained to convergence (train accuracy 1.0), so fine-tuned variants are not better only for more training.
  const opt = new Adam({ learningRate: cosineDecay({ initialLearningRate: 3e-3, decaySteps: 38 * 8, alpha: 0.02 }) });
  await fit(teacher, train, { epochs: 8, batchSize: 32, seed: 1, optimizer: opt, loss: 'softmaxCrossEntropy' });
  opt.dispose();
  baseline = await asCompressed(teacher, { name: 'float32' });
  variants.push(baseline);
  baseAcc = acc(baseline.model, test);
  measured.baseline = baseAcc;
}, 120_000);

afterAll(() => {
  console.log(`acceptance measurements: ${JSON.stringify(measured)}`);
  variants.forEach((v) => v.dispose());
  teacher?.dispose();
  for (const d of [train, test]) if (d !== undefined) tf.dispose([d.x, d.y]);
});

describe('post-training quantization of the stand-in CNN (16x16x1, filters [16, 32], dense [256], 138,698 parameters)', () => {
  it('the trained baseline is good but not perfect (so accuracy changes can show)', () => {
    expect(baseAcc).toBeGreaterThan(0.85);
    expect(baseAcc).toBeLessThan(1);
  });

  it('int8 per-channel: weights file >= 3.9x smaller than float32, accuracy within 1 point', async () => {
    const int8 = await expectNoLeaks(() => quantizeModel(teacher, { dtype: 'int8' }), { allow: 8 });
    variants.push(int8);
    const ratio = baseline.weights.byteLength / int8.weights.byteLength;
    const a = acc(int8.model, test);
    Object.assign(measured, { int8Ratio: ratio, int8Acc: a });
    expect(ratio).toBeGreaterThanOrEqual(3.9);
    expect(a).toBeGreaterThanOrEqual(baseAcc - 0.01);
  });

  it('float16 (2x, lossless here), uint8 affine and q4 (groups of 32, first and last layers in float32)', async () => {
    const f16 = await quantizeModel(teacher, { dtype: 'float16' });
    const u8 = await quantizeModel(teacher, { dtype: 'uint8' });
    const q4 = await quantizeModel(teacher, { dtype: 'q4', groupSize: 32, skipFirst: true, skipLast: true });
    variants.push(f16, u8, q4);
    Object.assign(measured, {
      f16Ratio: baseline.weights.byteLength / f16.weights.byteLength,
      f16Acc: acc(f16.model, test),
      uint8Acc: acc(u8.model, test),
      q4Ratio: baseline.weights.byteLength / q4.weights.byteLength,
      q4Acc: acc(q4.model, test),
    });
    expect(measured.f16Ratio).toBeGreaterThan(1.99);
    expect(measured.f16Acc).toBeGreaterThanOrEqual(baseAcc - 0.005);
    expect(measured.uint8Acc).toBeGreaterThanOrEqual(baseAcc - 0.01);
    expect(measured.q4Ratio).toBeGreaterThan(5);
    expect(measured.q4Acc).toBeGreaterThanOrEqual(baseAcc - 0.03);
  });

  it('calibrated int8 activations (min-max, moving average, percentile over 200 samples), evaluated with fake quantization', () => {
    const calib = tf.slice(train.x, [0], [200]);
    for (const observer of ['minmax', 'moving-average', 'percentile'] as const) {
      const ranges = calibrateActivations(teacher, calib, { observer, batchSize: 50 });
      const fq = fakeQuantModel(teacher, { activationRanges: ranges });
      measured[`fullInt8Acc_${observer}`] = acc(fq, test);
      fq.dispose();
      expect(measured[`fullInt8Acc_${observer}`]).toBeGreaterThanOrEqual(baseAcc - 0.02);
    }
    calib.dispose();
  });

  it('quantization-aware fine-tuning (straight-through estimator) through the trainer\'s fit', async () => {
    const model = copyOf(teacher);
    const calib = tf.slice(train.x, [0], [200]);
    const qat = quantizationAwareModel(model, { activations: { initialRanges: calibrateActivations(model, calib) } });
    const opt = new Adam({ learningRate: 3e-4 });
    await expectNoLeaks(async () => {
      await fit(qat, train, { epochs: 1, batchSize: 32, seed: 2, optimizer: opt, loss: 'softmaxCrossEntropy' });
      opt.dispose();
    });
    const fq = fakeQuantModel(model, { activationRanges: qat.activationRanges() });
    const int8 = await quantizeModel(model, { dtype: 'int8', name: 'qat-int8' });
    variants.push(int8);
    Object.assign(measured, { qatFullInt8Acc: acc(fq, test), qatInt8Acc: acc(int8.model, test) });
    expect(measured.qatFullInt8Acc).toBeGreaterThanOrEqual(baseAcc - 0.02);
    expect(measured.qatInt8Acc).toBeGreaterThanOrEqual(baseAcc - 0.02);
    fq.dispose();
    calib.dispose();
    model.dispose();
  });
});

describe('pruning', () => {
  it('80% magnitude sparsity over all kernels (global, PolynomialDecay through a fit callback, then strip) stays within 1.5 points', async () => {
    const oneShot = copyOf(teacher);
    strip(pruneLowMagnitude(oneShot, { sparsity: 0.8, scope: 'global' }));
    measured.oneShot80Acc = acc(oneShot, test);
    oneShot.dispose();
    // Prune 0 -> 80% over the first 60 steps (a multiple of the frequency, so the last update is at 80%), then fine-tune.
    const tune = async (scope: 'global' | 'layer'): Promise<{ model: Sequential; overall: number; perWeight: Record<string, number> }> => {
      const model = copyOf(teacher);
      const opt = new Adam({ learningRate: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 38 * 3, alpha: 0.05 }) });
      const report = await expectNoLeaks(async () => {
        const pruning = pruneLowMagnitude(model, {
          scope,
          schedule: polynomialDecay({ initialSparsity: 0, finalSparsity: 0.8, beginStep: 0, endStep: 60, frequency: 10 }),
        });
        await fit(model, train, { epochs: 3, batchSize: 32, seed: 3, optimizer: opt, loss: 'softmaxCrossEntropy', callbacks: [pruning] });
        opt.dispose();
        return strip(pruning);
      });
      return { model, ...report };
    };
    const global = await tune('global');
    expect(global.overall).toBe((138_384 - keptCount(138_384, 0.8)) / 138_384); // 144 + 4608 + 131072 + 2560 kernel weights
    expect(measureSparsity(global.model).overall).toBe(global.overall);
    const pruned = await asCompressed(global.model, { name: 'pruned-80' });
    const prunedInt8 = await quantizeModel(global.model, { dtype: 'int8', name: 'pruned-80+int8' });
    variants.push(pruned, prunedInt8);
    Object.assign(measured, { pruned80Acc: acc(pruned.model, test), pruned80Int8Acc: acc(prunedInt8.model, test) });
    console.log(`global 80% pruning, sparsity per kernel: ${JSON.stringify(global.perWeight)}`);
    expect(measured.pruned80Acc).toBeGreaterThanOrEqual(baseAcc - 0.015);
    global.model.dispose();
    // The same with 80% in every layer (TF-MOT's per-layer default): the first conv keeps 29 of 144 weights.
    const layer = await tune('layer');
    for (const [name, s] of Object.entries(layer.perWeight)) {
      const n = layer.model.getLayer(name.split('/')[0]!).weights()[0]!.variable.size;
      expect(s, name).toBe((n - keptCount(n, 0.8)) / n);
    }
    measured.pruned80PerLayerAcc = acc(layer.model, test);
    expect(measured.pruned80PerLayerAcc).toBeGreaterThanOrEqual(baseAcc - 0.05);
    layer.model.dispose();
  });

  it('structured: 50% of the filters of every conv removed (channels really gone, Dense after Flatten rewired); 50% of the last conv halves the conv parameters', async () => {
    const all = pruneFilters(teacher, { fraction: 0.5 });
    expect(all.kept.conv2d_1!.length).toBe(8);
    expect(all.kept.conv2d_2!.length).toBe(16);
    // conv1 3*3*1*8 + 8 = 80; conv2 3*3*8*16 + 16 = 1168; dense_1 (4*4*16)*256 + 256
    expect(all.convParamsBefore).toBe(160 + 4640);
    expect(all.convParamsAfter).toBe(80 + 1168);
    expect(all.model.getLayer('dense_1').weights()[0]!.variable.shape).toEqual([256, 256]);
    const last = pruneFilters(teacher, { fraction: 0.5, layers: ['conv2d_2'] });
    // conv1 untouched (160) + conv2 3*3*16*16 + 16: about half of 4800
    expect(last.convParamsAfter).toBe(160 + 2320);
    expect(last.convParamsAfter / last.convParamsBefore).toBeCloseTo(0.5, 1);
    measured.structuredAllAccBeforeTuning = acc(all.model, test);
    const opt = new Adam({ learningRate: 1e-3 });
    await fit(all.model, train, { epochs: 2, batchSize: 32, seed: 4, optimizer: opt, loss: 'softmaxCrossEntropy' });
    opt.dispose();
    const c = await asCompressed(all.model, { name: 'filters-50' });
    variants.push(c);
    measured.structuredAllAccTuned = acc(c.model, test);
    measured.structuredParamsRatio = all.paramsAfter / all.paramsBefore;
    expect(measured.structuredAllAccTuned).toBeGreaterThan(0.8);
    // The half-the-conv-parameters model runs too: predictions of the right shape, and after the
    // same fine-tuning it still classifies.
    const probe = tf.tidy(() => last.model.apply(tf.slice(test.x, 0, 4), { training: false }));
    expect(probe.shape).toEqual([4, 10]);
    probe.dispose();
    const optLast = new Adam({ learningRate: 1e-3 });
    await fit(last.model, train, { epochs: 2, batchSize: 32, seed: 4, optimizer: optLast, loss: 'softmaxCrossEntropy' });
    optLast.dispose();
    measured.structuredLastAccTuned = acc(last.model, test);
    expect(measured.structuredLastAccTuned).toBeGreaterThan(0.8);
    all.model.dispose();
    last.model.dispose();
  });
});

describe('distillation', () => {
  it('a quarter-width student learns from the teacher through the trainer\'s distillation loss', async () => {
    const student = shrinkModel(teacher, { widthMultiplier: 0.25, seed: 5 });
    expect(student.countParams()).toBeLessThan(teacher.countParams() / 10);
    const opt = new Adam({ learningRate: 3e-3 });
    const history = await distill({ teacher, student, data: train, trainer: { fit, distillation }, temperature: 4, alpha: 0.1, fitOptions: { epochs: 5, optimizer: opt, batchSize: 32, seed: 5 } });
    expect(history.epochs.length).toBe(5); // the trainer's History, typed
    expect(history.epochs[4]!.loss).toBeLessThan(history.epochs[0]!.loss!);
    opt.dispose();
    const c = await asCompressed(student, { name: 'student-0.25' });
    variants.push(c);
    measured.studentAcc = acc(c.model, test);
    measured.studentParams = student.countParams();
    expect(measured.studentAcc).toBeGreaterThan(0.8);
    student.dispose();
  });
});

describe('report', () => {
  it('one table and JSON for every variant, matching the accuracies measured here; written as a run folder', async () => {
    const report = await compressionReport(variants, { data: { x: test.x, y: test.y }, batchSize: 100, latencyRuns: 3 });
    console.log(reportTable(report));
    expect(report.rows.map((r) => r.name)).toEqual(variants.map((v) => v.name));
    report.rows.forEach((r, i) => {
      expect(r.accuracy).toBe(acc(variants[i]!.model, test));
      expect(r.bytes).toBe(variants[i]!.weights.byteLength);
    });
    expect(report.rows.find((r) => r.name === 'int8-per-channel')!.sizeRatio).toBeGreaterThanOrEqual(3.9);
    const dir = await mkdtemp(join(tmpdir(), 'tessera-run-'));
    try {
      await saveCompressed(join(dir, 'compressed'), variants);
      const { jsonPath } = await writeReport(join(dir, 'compressed'), report);
      expect(JSON.parse(await readFile(jsonPath, 'utf8')).rows.length).toBe(variants.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
