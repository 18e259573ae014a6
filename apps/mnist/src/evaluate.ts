/**
 * Evaluation on held-out digits with `@tessera/metrics` (scikit-learn-exact): accuracy, macro F1,
 * the confusion matrix and a per-class report.
 */
import { tf } from '@tessera/backend';
import { accuracy, classificationReport, confusionMatrix, precisionRecallF1 } from '@tessera/metrics';
import { predict, type InferenceModel } from '@tessera/trainer';
import { CLASS_NAMES } from './data.js';
import type { SplitTensors } from './train.js';

/** Metrics of one model on one part of the split. */
export interface Evaluation {
  accuracy: number;
  macroF1: number;
  /** Rows are true classes, columns predicted classes. */
  confusionMatrix: number[][];
  /** scikit-learn's classification_report text. */
  report: string;
  count: number;
}

/**
 * Predicts `data` with `model` and scores the predictions.
 *
 * @example
 * ```ts
 * const e = await evaluateModel(model, { x: xTest, y: yTest });
 * e.accuracy; e.macroF1; e.confusionMatrix[3][5]; // threes taken for fives
 * ```
 */
export async function evaluateModel(model: InferenceModel, data: SplitTensors): Promise<Evaluation> {
  const logits = await predict(model, data.x, { batchSize: 256 });
  const predicted = tf.tidy(() => tf.argMax(logits, 1));
  logits.dispose();
  const yPred = Array.from(predicted.dataSync());
  predicted.dispose();
  const yTrue = Array.from(data.y.dataSync());
  const numClasses = CLASS_NAMES.length;
  return {
    accuracy: accuracy(yTrue, yPred),
    macroF1: precisionRecallF1(yTrue, yPred, { average: 'macro', numClasses }).f1 as number,
    confusionMatrix: confusionMatrix(yTrue, yPred, { numClasses }),
    report: classificationReport(yTrue, yPred, { targetNames: [...CLASS_NAMES], digits: 4 }).text,
    count: yTrue.length,
  };
}
