/**
 * Held-out evaluation: predictions in batches (@tessera/trainer), the confusion matrix and the
 * per-class report (@tessera/metrics, scikit-learn's numbers), their plots rendered by Vega in
 * the page, and an evaluation run in the lineage log.
 */
import { tf } from '@tessera/backend';
import type { Lineage, NodeRef } from '@tessera/lineage';
import { classificationReport, confusionMatrix, plotConfusionMatrix, type ClassificationReport } from '@tessera/metrics';
import type { Sequential } from '@tessera/models';
import { plotTrainingCurves, predict, type History } from '@tessera/trainer';
import { byId, table } from './dom.js';
import { toTensors, type PreparedData } from './prepared_data.js';

/** What the evaluation found. */
export interface Evaluation {
  accuracy: number;
  matrix: number[][];
  report: ClassificationReport;
}

/**
 * Predicted class per held-out sample.
 *
 * @example
 * ```ts
 * const yPred = await predictLabels(model, data, [784]);
 * ```
 */
export async function predictLabels(model: Sequential, data: PreparedData, sampleShape: readonly number[]): Promise<Int32Array> {
  const { x, y } = toTensors(data, 'test', sampleShape);
  try {
    const logits = await predict(model, x, { batchSize: 256 });
    const labels = tf.tidy(() => tf.argMax(logits, -1));
    const out = Int32Array.from(await labels.data());
    tf.dispose([logits, labels]);
    return out;
  } finally {
    tf.dispose([x, y]);
  }
}

/**
 * Evaluates `model` on the held-out split, renders the results into the page and records an
 * evaluation run of `artifact` on the test data.
 *
 * @example
 * ```ts
 * const ev = await evaluateAndShow(model, data, [784], history, lineage, artifact.id);
 * ev.accuracy; // 0.87
 * ```
 */
export async function evaluateAndShow(
  model: Sequential,
  data: PreparedData,
  sampleShape: readonly number[],
  history: History,
  lineage: Lineage,
  artifact: NodeRef | null,
): Promise<Evaluation> {
  const yTrue = Array.from(data.testY);
  const yPred = Array.from(await predictLabels(model, data, sampleShape));
  const numClasses = data.classNames.length;
  const matrix = confusionMatrix(yTrue, yPred, { numClasses });
  const report = classificationReport(yTrue, yPred, { numClasses, targetNames: data.classNames, digits: 3 });

  byId('eval-summary').textContent =
    `Held-out accuracy ${(report.accuracy * 100).toFixed(1)}% on ${yTrue.length} samples never trained on; ` +
    `macro F1 ${report.macroAvg.f1.toFixed(3)}.`;
  byId('eval-summary').dataset.accuracy = String(report.accuracy);
  // Both plots are Vega-Lite specs from the packages, rendered to SVG by vega in this page.
  byId('confusion-matrix').innerHTML = await plotConfusionMatrix(matrix, { labels: data.classNames, title: 'Confusion matrix (rows: true, columns: predicted)', size: 300 });
  byId('curves').innerHTML = await plotTrainingCurves(history, { metrics: ['loss', 'accuracy'], title: 'Per epoch: training and validation', width: 300, height: 160 });
  const f = (v: number) => v.toFixed(3);
  byId('class-report').replaceChildren(
    table(
      ['class', 'precision', 'recall', 'f1', 'support'],
      [
        ...report.classes.map((c) => [c.name, f(c.precision), f(c.recall), f(c.f1), c.support]),
        ['macro avg', f(report.macroAvg.precision), f(report.macroAvg.recall), f(report.macroAvg.f1), report.macroAvg.support],
        ['weighted avg', f(report.weightedAvg.precision), f(report.weightedAvg.recall), f(report.weightedAvg.f1), report.weightedAvg.support],
      ],
    ),
  );

  if (artifact !== null) {
    const run = await lineage.start('evaluate held-out', { kind: 'evaluation', inputs: [artifact, data.lineage.test] });
    await run.complete({ metrics: { accuracy: report.accuracy, macroF1: report.macroAvg.f1, weightedF1: report.weightedAvg.f1 } });
  }
  return { accuracy: report.accuracy, matrix, report };
}
