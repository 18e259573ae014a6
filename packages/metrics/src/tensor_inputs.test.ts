// Tensors from @tessera/backend are accepted everywhere, give the same results as the same
// values in arrays, and no call leaves a tensor behind.
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomData, relDiff } from '../test/helpers/random_data.js';
import {
  Accuracy,
  CalibrationError,
  F1Score,
  LogLoss,
  MeanSquaredError,
  MetricCollection,
  RocAuc,
  TopKAccuracy,
  accuracy,
  averagePrecision,
  balancedAccuracy,
  brierScore,
  cohenKappa,
  confusionMatrix,
  expectedCalibrationError,
  explainedVariance,
  f1Score,
  logLoss,
  matthewsCorrcoef,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  precisionRecallCurve,
  precisionRecallF1,
  r2Score,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
  topKAccuracy,
} from './index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const K = 3;
const d = randomData(5, 300, K);
// tfjs has no float64: compare tensors against the float32-rounded values.
const f32 = (xs: number[]): number[] => xs.map((x) => Math.fround(x));
const prob32 = d.yProb.map(f32);
const score32 = f32(d.yScore);
const real32 = f32(d.yReal);
const fit32 = f32(d.yFit);

describe('functional metrics accept tensors', () => {
  it('label, probability, curve and regression metrics match their array form without leaks', async () => {
    const yTrue = tf.tensor1d(d.yTrue, 'int32');
    const yPred = tf.tensor1d(d.yPred, 'int32');
    const yProb = tf.tensor2d(d.yProb);
    const yBin = tf.tensor1d(d.yBin, 'int32');
    const yScore = tf.tensor1d(d.yScore);
    const yReal = tf.tensor1d(d.yReal);
    const yFit = tf.tensor1d(d.yFit);
    const column = tf.tensor2d(d.yBin, [d.yBin.length, 1], 'int32');
    try {
      await expectNoLeaks(
        () => {
          expect(accuracy(yTrue, yPred)).toBe(accuracy(d.yTrue, d.yPred));
          expect(accuracy(column, yBin)).toBe(1);
          expect(balancedAccuracy(yTrue, yPred)).toBe(balancedAccuracy(d.yTrue, d.yPred));
          expect(confusionMatrix(yTrue, yPred)).toEqual(confusionMatrix(d.yTrue, d.yPred));
          expect(precisionRecallF1(yTrue, yPred, { average: 'none' })).toEqual(precisionRecallF1(d.yTrue, d.yPred, { average: 'none' }));
          expect(matthewsCorrcoef(yTrue, yPred)).toBe(matthewsCorrcoef(d.yTrue, d.yPred));
          expect(cohenKappa(yTrue, yPred)).toBe(cohenKappa(d.yTrue, d.yPred));
          expect(topKAccuracy(yTrue, yProb, 2)).toBe(topKAccuracy(d.yTrue, prob32, 2));
          expect(logLoss(yTrue, yProb)).toBe(logLoss(d.yTrue, prob32));
          expect(brierScore(yBin, yScore)).toBe(brierScore(d.yBin, score32));
          expect(expectedCalibrationError(yTrue, yProb)).toBe(expectedCalibrationError(d.yTrue, prob32));
          expect(rocAuc(yTrue, yProb, { multiClass: 'ovo' })).toBe(rocAuc(d.yTrue, prob32, { multiClass: 'ovo' }));
          expect(rocAuc(yBin, yScore)).toBe(rocAuc(d.yBin, score32));
          expect(rocCurve(yBin, yScore)).toEqual(rocCurve(d.yBin, score32));
          expect(precisionRecallCurve(yBin, yScore)).toEqual(precisionRecallCurve(d.yBin, score32));
          expect(averagePrecision(yTrue, yProb)).toBe(averagePrecision(d.yTrue, prob32));
          expect(meanSquaredError(yReal, yFit)).toBe(meanSquaredError(real32, fit32));
          expect(rootMeanSquaredError(yReal, yFit)).toBe(rootMeanSquaredError(real32, fit32));
          expect(meanAbsoluteError(yReal, yFit)).toBe(meanAbsoluteError(real32, fit32));
          expect(medianAbsoluteError(yReal, yFit)).toBe(medianAbsoluteError(real32, fit32));
          expect(meanAbsolutePercentageError(yReal, yFit)).toBe(meanAbsolutePercentageError(real32, fit32));
          expect(r2Score(yReal, yFit)).toBe(r2Score(real32, fit32));
          expect(explainedVariance(yReal, yFit)).toBe(explainedVariance(real32, fit32));
        },
        { label: 'functional metrics' },
      );
      // Inputs are read, never disposed.
      expect(yTrue.isDisposed).toBe(false);
    } finally {
      tf.dispose([yTrue, yPred, yProb, yBin, yScore, yReal, yFit, column]);
    }
  });

  it('throws on a tensor of the wrong rank without leaking', async () => {
    const cube = tf.zeros([2, 2, 2]);
    try {
      await expectNoLeaks(() => {
        expect(() => logLoss([0, 1], cube)).toThrow(/logLoss: yProb must be 1-D \[n\] or 2-D \[n, numClasses\]; got shape \[2, 2, 2\]/);
        expect(() => accuracy(cube, [0, 1])).toThrow(/accuracy: yTrue must be a 1-D tensor/);
      });
    } finally {
      cube.dispose();
    }
  });
});

describe('streaming metrics accept tensor batches', () => {
  it('MetricCollection over tensor batches equals the functional form, with no leaks', async () => {
    const col = new MetricCollection([
      new Accuracy(),
      new LogLoss(),
      new RocAuc(),
      new TopKAccuracy({ k: 2 }),
      new F1Score({ numClasses: K, average: 'weighted' }),
      new CalibrationError({ nBins: 10 }),
    ]);
    for (let start = 0; start < 300; start += 64) {
      const end = Math.min(300, start + 64);
      const labels = tf.tensor1d(d.yTrue.slice(start, end), 'int32');
      const logits = tf.tensor2d(d.yProb.slice(start, end).map((r) => r.map(Math.log)));
      // Softmax inside the test, as a training loop would; the metrics must not add tensors.
      const probs = tf.softmax(logits);
      await expectNoLeaks(() => col.update(labels, probs), { label: 'MetricCollection.update' });
      tf.dispose([labels, logits, probs]);
    }
    const r = col.compute();
    // Recompute on what the tensors held (float32 softmax of the logs).
    const seen = tf.tidy(() => tf.softmax(tf.tensor2d(d.yProb.map((row) => row.map(Math.log))))).arraySync() as number[][];
    const argmax = seen.map((row) => row.indexOf(Math.max(...row)));
    expect(relDiff(r.accuracy as number, accuracy(d.yTrue, argmax))).toBeLessThan(1e-12);
    expect(relDiff(r.logLoss as number, logLoss(d.yTrue, seen))).toBeLessThan(1e-12);
    expect(r.rocAuc).toBe(rocAuc(d.yTrue, seen));
    expect(relDiff(r.top2Accuracy as number, topKAccuracy(d.yTrue, seen, 2))).toBeLessThan(1e-12);
    expect(r.f1).toBe(f1Score(d.yTrue, argmax, { numClasses: K, average: 'weighted' }));
    expect(relDiff(r.ece as number, expectedCalibrationError(d.yTrue, seen, { nBins: 10 }))).toBeLessThan(1e-12);
  });

  it('single metrics read tensors without keeping or disposing them', async () => {
    const m = new MeanSquaredError();
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.tensor1d([1, 2, 5]);
    await expectNoLeaks(() => m.update(a, b));
    expect(a.isDisposed || b.isDisposed).toBe(false);
    expect(m.compute()).toBeCloseTo(4 / 3, 15);
    tf.dispose([a, b]);
  });
});
