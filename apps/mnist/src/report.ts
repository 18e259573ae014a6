/**
 * The run's reports: `metrics.json`, the classification report, the confusion-matrix and
 * loss-curve pictures, and the summary printed at the end.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { plotConfusionMatrix } from '@tessera/metrics';
import { plotTrainingCurves, type History } from '@tessera/trainer';
import { CLASS_NAMES } from './data.js';
import type { Evaluation } from './evaluate.js';
import { writePicture } from './picture.js';
import type { RunPaths } from './run_dir.js';

/**
 * The shape of `metrics.json`. `test` is the held-out split; `compressed` holds the same two
 * numbers for each compressed variant (measured from its weights file).
 */
export interface MetricsFile {
  test: { accuracy: number; macroF1: number; count: number };
  val: { accuracy: number; macroF1: number; count: number };
  /** `seconds` is the training time (this session's, for a resumed run); `totalSeconds` the whole run. */
  training: { epochs: number; bestEpoch: number | null; stopReason: string; seconds: number; totalSeconds: number; backend: string };
  compressed?: Record<string, { test: { accuracy: number; macroF1: number }; bytes: number; sparsity: number }>;
}

/**
 * Writes the confusion matrix (SVG and PNG), the loss and accuracy curves (SVG and PNG) and the
 * classification report.
 *
 * @example
 * ```ts
 * await writeEvaluationFiles(paths, testEvaluation, history);
 * ```
 */
export async function writeEvaluationFiles(paths: RunPaths, test: Evaluation, history: History): Promise<void> {
  const matrixSvg = await plotConfusionMatrix(test.confusionMatrix, {
    labels: [...CLASS_NAMES],
    title: `Test digits (${test.count}): accuracy ${(test.accuracy * 100).toFixed(2)}%`,
  });
  await writePicture(paths.confusionMatrix, matrixSvg);
  const curvesSvg = await plotTrainingCurves(history, { metrics: ['loss', 'accuracy'], title: 'Training and validation' });
  await writePicture(paths.lossCurve, curvesSvg);
  await writeFile(paths.classificationReport, `${test.report}\n`);
}

/**
 * Writes `metrics.json`.
 *
 * @example
 * ```ts
 * await writeMetrics(paths, { test: { accuracy: 0.98, macroF1: 0.98, count: 1000 }, ... });
 * ```
 */
export async function writeMetrics(paths: RunPaths, metrics: MetricsFile): Promise<void> {
  await writeFile(paths.metrics, `${JSON.stringify(metrics, null, 2)}\n`);
}

/**
 * The closing summary: headline numbers and where every output went (paths relative to the
 * current directory when that is shorter).
 *
 * @example
 * ```ts
 * console.log(summaryText(paths, metrics, ['model/model.safetensors']));
 * ```
 */
export function summaryText(paths: RunPaths, metrics: MetricsFile, files: readonly string[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const show = (p: string) => {
    const r = relative(process.cwd(), p);
    return r.length < p.length && !r.startsWith('..') ? r : p;
  };
  const lines = [
    '',
    `test accuracy ${pct(metrics.test.accuracy)}, macro F1 ${metrics.test.macroF1.toFixed(4)} on ${metrics.test.count} held-out digits`,
    `trained ${metrics.training.epochs} epochs on ${metrics.training.backend} in ${metrics.training.seconds.toFixed(0)} s, best epoch ${metrics.training.bestEpoch ?? '-'} (${metrics.training.stopReason}); whole run ${metrics.training.totalSeconds.toFixed(0)} s`,
  ];
  for (const [name, c] of Object.entries(metrics.compressed ?? {})) {
    lines.push(`  ${name}: accuracy ${pct(c.test.accuracy)}, ${(c.bytes / 1024).toFixed(1)} KiB, sparsity ${(c.sparsity * 100).toFixed(0)}%`);
  }
  lines.push('', 'outputs:');
  for (const f of files) lines.push(`  ${show(f)}`);
  lines.push('', `run folder: ${paths.dir}`);
  return lines.join('\n');
}
