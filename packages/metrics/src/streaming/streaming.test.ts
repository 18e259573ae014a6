// Streaming metrics must give the functional value over the concatenated data, whatever the
// batching, and merge/reset/clone must behave.
import { describe, expect, it } from 'vitest';
import { batchBounds, randomData, relDiff } from '../../test/helpers/random_data.js';
import {
  Accuracy,
  AveragePrecision,
  BalancedAccuracy,
  BrierScore,
  CalibrationError,
  CohenKappa,
  ConfusionMatrix,
  ExplainedVariance,
  F1Score,
  FBetaScore,
  LogLoss,
  MatthewsCorrcoef,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MedianAbsoluteError,
  MetricCollection,
  Precision,
  PrecisionRecallF1,
  R2Score,
  Recall,
  RocAuc,
  RootMeanSquaredError,
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
  fbetaScore,
  logLoss,
  matthewsCorrcoef,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  precisionRecallF1,
  precisionScore,
  r2Score,
  recallScore,
  rocAuc,
  rootMeanSquaredError,
  topKAccuracy,
  type Metric,
} from '../index.js';

const K = 4;
const N = 700;
const d = randomData(11, N, K);

type Source = 'labels' | 'probs' | 'binary' | 'regression';
interface Case {
  make: () => Metric;
  source: Source;
  expected: () => unknown;
  /** Mean-based metrics differ from the one-shot sum only in summation order. */
  approx?: boolean;
}

const cases: Record<string, Case> = {
  accuracy: { make: () => new Accuracy(), source: 'labels', expected: () => accuracy(d.yTrue, d.yPred), approx: true },
  balancedAccuracy: { make: () => new BalancedAccuracy({ numClasses: K }), source: 'labels', expected: () => balancedAccuracy(d.yTrue, d.yPred, { numClasses: K }) },
  confusionMatrix: { make: () => new ConfusionMatrix({ numClasses: K }), source: 'labels', expected: () => confusionMatrix(d.yTrue, d.yPred, { numClasses: K }) },
  confusionMatrixTrue: {
    make: () => new ConfusionMatrix({ numClasses: K, normalize: 'true' }),
    source: 'labels',
    expected: () => confusionMatrix(d.yTrue, d.yPred, { numClasses: K, normalize: 'true' }),
  },
  prfMacro: {
    make: () => new PrecisionRecallF1({ numClasses: K, average: 'macro' }),
    source: 'labels',
    expected: () => precisionRecallF1(d.yTrue, d.yPred, { numClasses: K, average: 'macro' }),
  },
  precisionWeighted: {
    make: () => new Precision({ numClasses: K, average: 'weighted' }),
    source: 'labels',
    expected: () => precisionScore(d.yTrue, d.yPred, { numClasses: K, average: 'weighted' }),
  },
  recallNone: {
    make: () => new Recall({ numClasses: K, average: 'none' }),
    source: 'labels',
    expected: () => recallScore(d.yTrue, d.yPred, { numClasses: K, average: 'none' }),
  },
  f1Micro: { make: () => new F1Score({ numClasses: K, average: 'micro' }), source: 'labels', expected: () => f1Score(d.yTrue, d.yPred, { numClasses: K, average: 'micro' }) },
  f1Binary: { make: () => new F1Score(), source: 'binary', expected: () => f1Score(d.yBin, d.yScore.map((s) => (s > 0.5 ? 1 : 0))) },
  fbeta: {
    make: () => new FBetaScore({ numClasses: K, average: 'macro', beta: 0.5 }),
    source: 'labels',
    expected: () => fbetaScore(d.yTrue, d.yPred, 0.5, { numClasses: K, average: 'macro' }),
  },
  mcc: { make: () => new MatthewsCorrcoef({ numClasses: K }), source: 'labels', expected: () => matthewsCorrcoef(d.yTrue, d.yPred) },
  kappa: { make: () => new CohenKappa({ numClasses: K, weights: 'linear' }), source: 'labels', expected: () => cohenKappa(d.yTrue, d.yPred, { weights: 'linear' }) },
  top2: { make: () => new TopKAccuracy({ k: 2 }), source: 'probs', expected: () => topKAccuracy(d.yTrue, d.yProb, 2), approx: true },
  logLoss: { make: () => new LogLoss(), source: 'probs', expected: () => logLoss(d.yTrue, d.yProb), approx: true },
  logLossBinary: { make: () => new LogLoss(), source: 'binary', expected: () => logLoss(d.yBin, d.yScore), approx: true },
  brier: { make: () => new BrierScore(), source: 'binary', expected: () => brierScore(d.yBin, d.yScore), approx: true },
  brierMulti: { make: () => new BrierScore(), source: 'probs', expected: () => brierScore(d.yTrue, d.yProb), approx: true },
  ece: { make: () => new CalibrationError(), source: 'probs', expected: () => expectedCalibrationError(d.yTrue, d.yProb), approx: true },
  rocAucBinary: { make: () => new RocAuc(), source: 'binary', expected: () => rocAuc(d.yBin, d.yScore) },
  rocAucOvo: { make: () => new RocAuc({ multiClass: 'ovo' }), source: 'probs', expected: () => rocAuc(d.yTrue, d.yProb, { multiClass: 'ovo' }) },
  apBinary: { make: () => new AveragePrecision(), source: 'binary', expected: () => averagePrecision(d.yBin, d.yScore) },
  apMacro: { make: () => new AveragePrecision(), source: 'probs', expected: () => averagePrecision(d.yTrue, d.yProb) },
  mse: { make: () => new MeanSquaredError(), source: 'regression', expected: () => meanSquaredError(d.yReal, d.yFit), approx: true },
  rmse: { make: () => new RootMeanSquaredError(), source: 'regression', expected: () => rootMeanSquaredError(d.yReal, d.yFit), approx: true },
  mae: { make: () => new MeanAbsoluteError(), source: 'regression', expected: () => meanAbsoluteError(d.yReal, d.yFit), approx: true },
  mape: { make: () => new MeanAbsolutePercentageError(), source: 'regression', expected: () => meanAbsolutePercentageError(d.yReal, d.yFit), approx: true },
  median: { make: () => new MedianAbsoluteError(), source: 'regression', expected: () => medianAbsoluteError(d.yReal, d.yFit) },
  r2: { make: () => new R2Score(), source: 'regression', expected: () => r2Score(d.yReal, d.yFit), approx: true },
  ev: { make: () => new ExplainedVariance(), source: 'regression', expected: () => explainedVariance(d.yReal, d.yFit), approx: true },
};

function feed(m: Metric, source: Source, bounds: [number, number][]): void {
  for (const [a, b] of bounds) {
    if (source === 'labels') m.update(d.yTrue.slice(a, b), d.yPred.slice(a, b));
    else if (source === 'probs') m.update(d.yTrue.slice(a, b), d.yProb.slice(a, b));
    else if (source === 'binary') m.update(d.yBin.slice(a, b), d.yScore.slice(a, b));
    else m.update(d.yReal.slice(a, b), d.yFit.slice(a, b));
  }
}

function expectSame(actual: unknown, expected: unknown, approx: boolean): void {
  if (!approx) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(typeof actual).toBe('number');
  expect(relDiff(actual as number, expected as number)).toBeLessThan(1e-12);
}

describe('streaming metrics equal the functional form', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: random batches, merge, reset, clone`, () => {
      const expected = c.expected();
      for (const seed of [1, 2, 3]) {
        const m = c.make();
        feed(m, c.source, batchBounds(seed, N, seed * 40));
        expectSame(m.compute(), expected, c.approx === true);
      }
      // merge: two workers with interleaved batches
      const bounds = batchBounds(9, N, 50);
      const a = c.make();
      const b = a.clone();
      feed(a, c.source, bounds.filter((_, i) => i % 2 === 0));
      feed(b, c.source, bounds.filter((_, i) => i % 2 === 1));
      a.merge(b);
      // Merging permutes the data; every metric here is order-independent.
      expectSame(a.compute(), expected, c.approx === true);
      // reset, then one big batch
      a.reset();
      expect(() => a.compute()).toThrow(/at least one sample/);
      feed(a, c.source, [[0, N]]);
      expectSame(a.compute(), expected, c.approx === true);
    });
  }
});

describe('Metric contract', () => {
  it('exposes name and higherIsBetter', () => {
    expect(new Accuracy().name).toBe('accuracy');
    expect(new Accuracy().higherIsBetter).toBe(true);
    expect(new LogLoss().higherIsBetter).toBe(false);
    expect(new MeanSquaredError({ name: 'val_mse' }).name).toBe('val_mse');
    expect(new TopKAccuracy({ k: 5 }).name).toBe('top5Accuracy');
  });
  it('refuses to merge different kinds or configurations', () => {
    expect(() => new Accuracy().merge(new LogLoss() as never)).toThrow(/Accuracy.merge: other must be a Accuracy; got LogLoss/);
    expect(() => new F1Score({ numClasses: 3, average: 'macro' }).merge(new F1Score({ numClasses: 4, average: 'macro' }))).toThrow(
      /same configuration/,
    );
  });
  it('accepts probabilities and one-hot truth in label metrics', () => {
    const acc = new Accuracy();
    acc.update([[1, 0], [0, 1]], [0.2, 0.9]);
    acc.update([0], [[0.3, 0.7]]);
    expect(acc.compute()).toBeCloseTo(2 / 3, 15);
    const cm = new ConfusionMatrix();
    cm.update([0, 1], [0.7, 0.51]);
    expect(cm.compute()).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});

describe('MetricCollection', () => {
  it('feeds every metric and reports by name', () => {
    const col = new MetricCollection([new Accuracy(), new LogLoss(), new RocAuc(), new F1Score({ numClasses: K, average: 'macro' })]);
    for (const [a, b] of batchBounds(4, N, 64)) col.update(d.yTrue.slice(a, b), d.yProb.slice(a, b));
    const r = col.compute();
    const argmax = d.yProb.map((row) => row.indexOf(Math.max(...row)));
    expect(col.names).toEqual(['accuracy', 'logLoss', 'rocAuc', 'f1']);
    expect(relDiff(r.accuracy as number, accuracy(d.yTrue, argmax))).toBeLessThan(1e-12);
    expect(relDiff(r.logLoss as number, logLoss(d.yTrue, d.yProb))).toBeLessThan(1e-12);
    expect(r.rocAuc).toBe(rocAuc(d.yTrue, d.yProb));
    expect(r.f1).toBe(f1Score(d.yTrue, argmax, { numClasses: K, average: 'macro' }));
  });
  it('merges, resets and clones', () => {
    const make = (): MetricCollection => new MetricCollection({ acc: new Accuracy(), mse: new MeanSquaredError() });
    const a = make();
    const b = a.clone();
    a.update([0, 1], [0, 0]);
    b.update([1], [1]);
    // Both metrics get the same arguments: labels work as regression values too.
    a.merge(b);
    expect(a.compute()).toEqual({ acc: 2 / 3, mse: 1 / 3 });
    a.reset();
    expect(() => a.compute()).toThrow(/at least one sample/);
    expect(() => a.merge(new MetricCollection([new Accuracy()]))).toThrow(/MetricCollection.merge: other must be a MetricCollection with metrics \[acc,mse\]/);
    expect(() => new MetricCollection([new Accuracy(), new Accuracy()])).toThrow(/distinct names/);
  });
});
