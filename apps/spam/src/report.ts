/**
 * The spam run's reports: `metrics.json` (one entry per model), the comparison table, and the
 * pictures: ROC and precision-recall curves of every model, a calibration (reliability) diagram,
 * a confusion matrix and training curves per model.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { plotConfusionMatrix, precisionRecallCurveSpec, renderSvg, rocCurveSpec, type PrecisionRecallCurve, type RocCurve, type VegaLiteSpec } from '@tessera/metrics';
import { plotTrainingCurves } from '@tessera/trainer';
import { LABELS } from './corpus.js';
import type { SpamEvaluation } from './evaluate.js';
import { writePicture } from './picture.js';
import type { RunPaths } from './run_dir.js';
import type { TrainedModel } from './train.js';

/** Headline scores of one model on one part. */
export interface Scores {
  f1: number;
  rocAuc: number;
  precision: number;
  recall: number;
  accuracy: number;
  averagePrecision: number;
  ece: number;
  brier: number;
  count: number;
}

/**
 * One model's entry in `metrics.json`. `metrics.json` is an object with one such entry per
 * model name (`lstm`, `transformer`, and with `--dp` also `lstm-dp`, `transformer-dp`), so
 * `metrics[name].test.f1` and `metrics[name].test.rocAuc` exist for every model trained.
 */
export interface ModelMetrics {
  test: Scores;
  val: Scores;
  training: { epochs: number; bestEpoch: number | null; stopReason: string; seconds: number; params: number; backend: string };
  /** DP-SGD models: the privacy guarantee and what it cost against the same model trained without DP. */
  privacy?: {
    epsilon: number;
    spentEpsilon: number;
    delta: number;
    noiseMultiplier: number;
    l2NormClip: number;
    microbatchSize: number;
    cost: { f1: number; accuracy: number; rocAuc: number } | null;
  };
}

/** Evaluation results of one trained model. */
export interface ModelResult {
  trained: TrainedModel;
  val: SpamEvaluation;
  test: SpamEvaluation;
}

/** The headline numbers of an evaluation. */
export function scoresOf(e: SpamEvaluation): Scores {
  return {
    f1: e.f1,
    rocAuc: e.rocAuc,
    precision: e.precision,
    recall: e.recall,
    accuracy: e.accuracy,
    averagePrecision: e.averagePrecision,
    ece: e.ece,
    brier: e.brier,
    count: e.count,
  };
}

/**
 * The `metrics.json` object: one entry per model; DP models carry their privacy cost, the F1,
 * accuracy and ROC AUC they lose against the non-private model of the same kind.
 *
 * @example
 * ```ts
 * const m = metricsFile(results, 'wasm');
 * m.lstm.test.f1;
 * ```
 */
export function metricsFile(results: readonly ModelResult[], backend: string): Record<string, ModelMetrics> {
  const out: Record<string, ModelMetrics> = {};
  for (const r of results) {
    const t = r.trained;
    const best = t.history.epochs.reduce((b, e, i) => ((e.val_loss ?? Infinity) < (t.history.epochs[b]?.val_loss ?? Infinity) ? i : b), 0);
    const entry: ModelMetrics = {
      test: scoresOf(r.test),
      val: scoresOf(r.val),
      training: {
        epochs: t.history.epochs.length,
        bestEpoch: t.history.epochs.length ? best + 1 : null,
        stopReason: t.history.stopReason ?? 'completed',
        seconds: t.seconds,
        params: t.model.countParams(),
        backend,
      },
    };
    if (t.dp) {
      const plain = results.find((p) => p.trained.name === t.kind);
      entry.privacy = {
        epsilon: t.dp.epsilon,
        spentEpsilon: t.dp.spentEpsilon,
        delta: t.dp.delta,
        noiseMultiplier: t.dp.noiseMultiplier,
        l2NormClip: t.dp.l2NormClip,
        microbatchSize: t.dp.microbatchSize,
        cost: plain ? { f1: plain.test.f1 - r.test.f1, accuracy: plain.test.accuracy - r.test.accuracy, rocAuc: plain.test.rocAuc - r.test.rocAuc } : null,
      };
    }
    out[t.name] = entry;
  }
  return out;
}

/**
 * The comparison of the models as a Markdown table (test part).
 *
 * @example
 * ```ts
 * console.log(comparisonTable(metricsFile(results, 'wasm')));
 * ```
 */
export function comparisonTable(metrics: Record<string, ModelMetrics>): string {
  const f = (x: number) => x.toFixed(4);
  const rows = Object.entries(metrics).map(([name, m]) =>
    `| ${name} | ${f(m.test.f1)} | ${f(m.test.rocAuc)} | ${f(m.test.precision)} | ${f(m.test.recall)} | ${f(m.test.accuracy)} | ${f(m.test.ece)} | ${m.training.epochs} | ${m.training.seconds.toFixed(0)} s | ` +
      `${m.privacy ? `ε ${m.privacy.spentEpsilon.toFixed(2)} (δ ${m.privacy.delta.toExponential(1)}); F1 cost ${m.privacy.cost ? f(m.privacy.cost.f1) : '-'}` : '-'} |`,
  );
  return [
    '| model | F1 | ROC AUC | precision | recall | accuracy | ECE | epochs | training time | privacy |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function calibrationSpec(results: readonly ModelResult[]): Record<string, unknown> {
  const values = results.flatMap((r) => r.test.reliability.map((b) => ({ model: r.trained.name, predicted: b.meanPredicted, observed: b.observedRate, count: b.count })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Calibration on the test messages (reliability diagram)',
    width: 320,
    height: 320,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'mean predicted spam probability', scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: 'observed spam rate', scale: { domain: [0, 1] } },
          color: { field: 'model', type: 'nominal' },
        },
      },
      {
        // Most messages sit in the two end bins; point size shows how little the middle bins hold.
        data: { values },
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'predicted', type: 'quantitative' },
          y: { field: 'observed', type: 'quantitative' },
          color: { field: 'model', type: 'nominal' },
          size: { field: 'count', type: 'quantitative', title: 'messages', scale: { type: 'sqrt', range: [15, 400] } },
        },
      },
    ],
  };
}

/**
 * Writes every picture (SVG and PNG) and returns the paths written.
 *
 * @example
 * ```ts
 * const files = await writePictures(paths, results);
 * ```
 */
export async function writePictures(paths: RunPaths, results: readonly ModelResult[]): Promise<string[]> {
  const files: string[] = [];
  const add = (p: { svg: string; png: string }) => files.push(p.svg, p.png);
  const roc: Record<string, RocCurve> = {};
  const pr: Record<string, PrecisionRecallCurve> = {};
  for (const r of results) {
    roc[`${r.trained.name} (AUC ${r.test.rocAuc.toFixed(3)})`] = r.test.roc;
    pr[`${r.trained.name} (AP ${r.test.averagePrecision.toFixed(3)})`] = r.test.pr;
  }
  // Legend entries carry the score, longer than Vega-Lite's default label limit allows.
  const wideLegend = (spec: VegaLiteSpec): VegaLiteSpec => ({ ...spec, config: { ...((spec.config as object) ?? {}), legend: { labelLimit: 400 } } });
  add(await writePicture(paths.picture('roc-curve'), await renderSvg(wideLegend(rocCurveSpec(roc, { title: 'ROC on the test messages (spam = positive)' })))));
  add(await writePicture(paths.picture('pr-curve'), await renderSvg(wideLegend(precisionRecallCurveSpec(pr, { title: 'Precision-recall on the test messages' })))));
  add(await writePicture(paths.picture('calibration'), await renderSvg(calibrationSpec(results))));
  for (const r of results) {
    const name = r.trained.name;
    add(
      await writePicture(
        paths.picture(`confusion-matrix-${name}`),
        await plotConfusionMatrix(r.test.confusionMatrix, { labels: [...LABELS], title: `${name}: test F1 ${r.test.f1.toFixed(4)}` }),
      ),
    );
    add(await writePicture(paths.picture(`loss-curve-${name}`), await plotTrainingCurves(r.trained.history, { metrics: ['loss', 'accuracy'], title: name })));
  }
  return files;
}

/**
 * Writes `metrics.json` and `comparison.md`.
 *
 * @example
 * ```ts
 * await writeMetrics(paths, metricsFile(results, 'wasm'));
 * ```
 */
export async function writeMetrics(paths: RunPaths, metrics: Record<string, ModelMetrics>): Promise<string[]> {
  await writeFile(paths.metrics, `${JSON.stringify(metrics, null, 2)}\n`);
  await writeFile(paths.comparison, `# Model comparison (test messages)\n\n${comparisonTable(metrics)}\n`);
  return [paths.metrics, paths.comparison];
}

/**
 * The closing summary: the comparison and where every output went.
 *
 * @example
 * ```ts
 * console.log(summaryText(paths, metrics, files));
 * ```
 */
export function summaryText(paths: RunPaths, metrics: Record<string, ModelMetrics>, files: readonly string[]): string {
  const show = (p: string) => {
    const r = relative(process.cwd(), p);
    return r.length < p.length && !r.startsWith('..') ? r : p;
  };
  return ['', comparisonTable(metrics), '', 'outputs:', ...files.map((f) => `  ${show(f)}`), '', `run folder: ${paths.dir}`].join('\n');
}
