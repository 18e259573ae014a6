/**
 * Scores a classifier on held-out messages with `@tessera/metrics` (scikit-learn-exact): F1,
 * precision and recall of the spam class, ROC AUC, average precision, the ROC and
 * precision-recall curves, and calibration (expected calibration error, Brier score and the
 * reliability bins behind the calibration picture).
 */
import {
  accuracy,
  averagePrecision,
  brierScore,
  confusionMatrix,
  expectedCalibrationError,
  precisionRecallCurve,
  precisionRecallF1,
  rocAuc,
  rocCurve,
  type PrecisionRecallCurve,
  type RocCurve,
} from '@tessera/metrics';
import { predict, type InferenceModel } from '@tessera/trainer';
import type { EncodedPart } from './tokenize.js';

/** One reliability bin: predicted spam probability against the observed spam rate. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Scores of one model on one part. */
export interface SpamEvaluation {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  rocAuc: number;
  averagePrecision: number;
  /** Expected calibration error of the predicted class' confidence (15 bins, L1). */
  ece: number;
  brier: number;
  /** Rows: true ham, true spam; columns: predicted ham, predicted spam. */
  confusionMatrix: number[][];
  roc: RocCurve;
  pr: PrecisionRecallCurve;
  reliability: ReliabilityBin[];
  count: number;
}

const BINS = 10;

/** Reliability-diagram bins over the predicted spam probability. */
function reliabilityBins(yTrue: readonly number[], pSpam: readonly number[]): ReliabilityBin[] {
  const bins = Array.from({ length: BINS }, (_, b) => ({ lower: b / BINS, upper: (b + 1) / BINS, count: 0, sumP: 0, sumY: 0 }));
  pSpam.forEach((p, i) => {
    const bin = bins[Math.min(BINS - 1, Math.floor(p * BINS))]!;
    bin.count++;
    bin.sumP += p;
    bin.sumY += yTrue[i]!;
  });
  return bins
    .filter((b) => b.count > 0)
    .map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, meanPredicted: b.sumP / b.count, observedRate: b.sumY / b.count }));
}

/**
 * Predicts spam probabilities for `data` and scores them (spam is the positive class).
 *
 * @example
 * ```ts
 * const e = await evaluateClassifier(model, test);
 * e.f1; e.rocAuc; e.ece;
 * ```
 */
export async function evaluateClassifier(model: InferenceModel, data: EncodedPart): Promise<SpamEvaluation> {
  const probs = await predict(model, data.x, { batchSize: 128, activation: 'softmax' });
  const rows = (await probs.array()) as number[][];
  probs.dispose();
  const yTrue = Array.from(data.y.dataSync());
  // Softmax rows are re-normalised in float64 so the metrics' "rows sum to 1" check holds exactly.
  const prob = rows.map((r) => {
    const s = r[0]! + r[1]!;
    return [r[0]! / s, r[1]! / s];
  });
  const pSpam = prob.map((r) => r[1]!);
  const yPred = pSpam.map((p) => (p >= 0.5 ? 1 : 0));
  const prf = precisionRecallF1(yTrue, yPred, { average: 'binary', posLabel: 1, numClasses: 2 });
  return {
    f1: prf.f1 as number,
    precision: prf.precision as number,
    recall: prf.recall as number,
    accuracy: accuracy(yTrue, yPred),
    rocAuc: rocAuc(yTrue, pSpam),
    averagePrecision: averagePrecision(yTrue, pSpam),
    ece: expectedCalibrationError(yTrue, prob),
    brier: brierScore(yTrue, pSpam),
    confusionMatrix: confusionMatrix(yTrue, yPred, { numClasses: 2 }),
    roc: rocCurve(yTrue, pSpam),
    pr: precisionRecallCurve(yTrue, pSpam),
    reliability: reliabilityBins(yTrue, pSpam),
    count: yTrue.length,
  };
}
