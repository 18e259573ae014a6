/**
 * Compression reports: for each compressed model, the bytes of its weights file (raw and
 * gzipped), its parameters and sparsity, accuracy and macro F1 on an evaluation set
 * (`@tessera/metrics`), and its latency per batch on the current backend, each next to the
 * baseline's. Measured on the model loaded back from the file, so the numbers are the ones a
 * user of the file gets.
 */
import { tf } from '@tessera/backend';
import { accuracy, f1Score } from '@tessera/metrics';
import type { CompressedModel } from './compressed_model.js';
import { gzipSize } from './gzip_size.js';
import { checkNumber, checkOptions, fail, show } from './internal/errors.js';

/**
 * Evaluation data: inputs and labels (class ids `[n]`, or one-hot / probability rows `[n, k]`).
 *
 * @example
 * ```ts
 * const data: EvalData = { x: xTest, y: yTest };
 * ```
 */
export interface EvalData {
  x: tf.Tensor;
  y: tf.Tensor | readonly number[];
}

/**
 * Options of {@link compressionReport}.
 *
 * @example
 * ```ts
 * const o: ReportOptions = { data: { x, y }, batchSize: 64, latencyRuns: 10, baseline: 'float32' };
 * ```
 */
export interface ReportOptions {
  data: EvalData;
  /** Batch size for evaluation and latency. Default 32. */
  batchSize?: number;
  /** Timed runs per model (the median is reported), after two warm-up runs. Default 10. */
  latencyRuns?: number;
  /** Name of the baseline model. Default the first. */
  baseline?: string;
}

/**
 * One model's measurements. Ratios and differences compare with the baseline: `sizeRatio` is
 * baseline bytes / these bytes (4 = four times smaller), `accuracyDelta` and `f1Delta` are in
 * points (percentage points, negative = worse), `latencyRatio` is this latency / the baseline's.
 *
 * @example
 * ```ts
 * const row: ReportRow = report.rows.find((r) => r.name === 'int8-per-channel')!;
 * row.sizeRatio; // ~3.9
 * ```
 */
export interface ReportRow {
  name: string;
  method: string;
  bytes: number;
  gzipBytes: number;
  sizeRatio: number;
  gzipRatio: number;
  params: number;
  nonzeroParams: number;
  /** Exact zeros over all parameters. */
  sparsity: number;
  accuracy: number;
  accuracyDelta: number;
  /** Macro-averaged F1 over the classes present in the labels or predictions (scikit-learn's default). */
  f1: number;
  f1Delta: number;
  /** Median milliseconds for one batch of `batchSize` (forward pass and read-back). */
  latencyMs: number;
  /** The fastest run: on a busy machine a steadier estimate of the model's own cost than the median. */
  latencyMinMs: number;
  latencyRatio: number;
  details: Record<string, string | number | boolean | null>;
}

/**
 * A report: plain JSON (write it with `JSON.stringify`), and {@link reportTable} renders it.
 *
 * @example
 * ```ts
 * const report: CompressionReport = await compressionReport([baseline, int8], { data: test });
 * ```
 */
export interface CompressionReport {
  backend: string;
  batchSize: number;
  samples: number;
  baseline: string;
  rows: ReportRow[];
}

/** Integer labels from `[n]` ids or `[n, k]` rows (argmax). */
function labels(fn: string, y: tf.Tensor | readonly number[], n: number): number[] {
  let out: number[];
  if (y instanceof tf.Tensor) {
    if (y.rank === 1) out = Array.from(y.dataSync());
    else if (y.rank === 2) {
      const a = tf.argMax(y, 1);
      out = Array.from(a.dataSync());
      a.dispose();
    } else return fail(fn, 'options.data.y', 'be [n] class ids or [n, k] rows', `rank ${y.rank}`);
  } else if (Array.isArray(y)) out = [...y];
  else return fail(fn, 'options.data.y', 'be a tensor or an array of class ids', show(y));
  if (out.length !== n) fail(fn, 'options.data.y', `have one label per sample of data.x (${n})`, `${out.length}`);
  return out;
}

/** Predicted classes (argmax of the outputs) over `x` in batches, and the number of classes. */
function predictClasses(model: CompressedModel['model'], x: tf.Tensor, batchSize: number): { pred: number[]; classes: number } {
  const n = x.shape[0] as number;
  const pred: number[] = [];
  let classes = 0;
  for (let i = 0; i < n; i += batchSize) {
    const ids = tf.tidy(() => {
      const out = model.apply(tf.slice(x, [i], [Math.min(batchSize, n - i)]));
      if (out.rank !== 2) fail('compressionReport', `model '${model.name}'`, 'output [batch, classes] logits', `shape [${out.shape.join(', ')}]`);
      classes = out.shape[1] as number;
      return tf.argMax(out, 1);
    });
    pred.push(...Array.from(ids.dataSync()));
    ids.dispose();
  }
  return { pred, classes };
}

async function latency(model: CompressedModel['model'], batch: tf.Tensor, runs: number): Promise<{ median: number; min: number }> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const y = model.apply(batch);
    await y.data();
    const ms = performance.now() - t0;
    y.dispose();
    return ms;
  };
  // Warm-up: kernel compilation and the first allocations of this batch shape are not latency.
  await once();
  await once();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await once());
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return { median, min: times[0] as number };
}

/**
 * Measures compressed models on one evaluation set and compares each with the baseline.
 *
 * @example
 * ```ts
 * const report = await compressionReport([baseline, int8, q4, pruned], { data: { x: xTest, y: yTest }, batchSize: 64 });
 * console.log(reportTable(report));
 * await writeFile('report.json', JSON.stringify(report, null, 2));
 * ```
 */
export async function compressionReport(list: readonly CompressedModel[], options: ReportOptions): Promise<CompressionReport> {
  const fn = 'compressionReport';
  if (!Array.isArray(list) || list.length === 0) fail(fn, 'models', 'be a non-empty array of CompressedModel', show(list));
  const models: readonly CompressedModel[] = list;
  models.forEach((m, i) => {
    if (typeof m !== 'object' || m === null || !(m.weights instanceof Uint8Array) || typeof m.model?.apply !== 'function') {
      fail(fn, `models[${i}]`, 'be a CompressedModel (from quantizeModel, asCompressed, ...)', show(m));
    }
  });
  const names = models.map((m) => m.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) fail(fn, 'models', 'have unique names', `'${dup}' twice`);
  const o = checkOptions(fn, 'options', options);
  const data = o.data;
  if (typeof data !== 'object' || data === null || !(data.x instanceof tf.Tensor)) fail(fn, 'options.data', 'be { x: tensor, y }', show(data));
  const n = data.x.shape[0] as number;
  if (!(n >= 1)) fail(fn, 'options.data.x', 'hold at least one sample', `shape [${data.x.shape.join(', ')}]`);
  const yTrue = labels(fn, data.y, n);
  const batchSize = checkNumber(fn, 'options.batchSize', o.batchSize ?? 32, { min: 1, integer: true });
  const runs = checkNumber(fn, 'options.latencyRuns', o.latencyRuns ?? 10, { min: 1, integer: true });
  const baseName = o.baseline ?? (models[0] as CompressedModel).name;
  if (!names.includes(baseName)) fail(fn, 'options.baseline', `name one of the models (${names.join(', ')})`, show(baseName));

  const batch = tf.slice(data.x, [0], [Math.min(batchSize, n)]);
  const raw: Omit<ReportRow, 'sizeRatio' | 'gzipRatio' | 'accuracyDelta' | 'f1Delta' | 'latencyRatio'>[] = [];
  try {
    for (const m of models) {
      const { pred, classes } = predictClasses(m.model, data.x, batchSize);
      const bad = yTrue.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= classes);
      if (bad >= 0) fail(fn, 'options.data.y', `hold class ids in [0, ${classes}) (the model has ${classes} outputs)`, `${yTrue[bad]} at ${bad}`);
      const ws = m.model.getWeights();
      let params = 0;
      let zeros = 0;
      for (const w of ws) {
        const v = w.tensor.dataSync();
        params += v.length;
        for (let i = 0; i < v.length; i++) if (v[i] === 0) zeros++;
      }
      tf.dispose(ws.map((w) => w.tensor));
      raw.push({
        name: m.name,
        method: m.method,
        bytes: m.weights.byteLength,
        gzipBytes: await gzipSize(m.weights),
        params,
        nonzeroParams: params - zeros,
        sparsity: params === 0 ? 0 : zeros / params,
        accuracy: accuracy(yTrue, pred),
        f1: f1Score(yTrue, pred, { average: 'macro', zeroDivision: 0 }),
        ...(await latency(m.model, batch, runs).then((t) => ({ latencyMs: t.median, latencyMinMs: t.min }))),
        details: { ...m.details },
      });
    }
  } finally {
    batch.dispose();
  }
  const base = raw[names.indexOf(baseName)] as (typeof raw)[number];
  const rows: ReportRow[] = raw.map((r) => ({
    ...r,
    sizeRatio: base.bytes / r.bytes,
    gzipRatio: base.gzipBytes / r.gzipBytes,
    accuracyDelta: (r.accuracy - base.accuracy) * 100,
    f1Delta: (r.f1 - base.f1) * 100,
    latencyRatio: r.latencyMs / base.latencyMs,
  }));
  return { backend: tf.getBackend(), batchSize, samples: n, baseline: baseName, rows };
}

const kb = (b: number): string => (b >= 10_240 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * The report as a Markdown table (one row per model; ratios against the baseline).
 *
 * @example
 * ```ts
 * console.log(reportTable(report));
 * // | model | method | bytes | gzip | smaller (raw / gzip) | params | non-zero | sparsity | accuracy | Δ acc (pts) | F1 (macro) | latency / batch of 32: median (min) |
 * ```
 */
export function reportTable(report: CompressionReport): string {
  if (typeof report !== 'object' || report === null || !Array.isArray(report.rows)) fail('reportTable', 'report', 'be a CompressionReport', show(report));
  const head = ['model', 'method', 'bytes', 'gzip', 'smaller (raw / gzip)', 'params', 'non-zero', 'sparsity', 'accuracy', 'Δ acc (pts)', 'F1 (macro)', `latency / batch of ${report.batchSize}: median (min)`];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of report.rows) {
    const cells = [
      r.name === report.baseline ? `${r.name} (baseline)` : r.name,
      r.method,
      kb(r.bytes),
      kb(r.gzipBytes),
      `${r.sizeRatio.toFixed(2)}x / ${r.gzipRatio.toFixed(2)}x`,
      r.params.toLocaleString('en-US'),
      r.nonzeroParams.toLocaleString('en-US'),
      pct(r.sparsity),
      pct(r.accuracy),
      signed(r.accuracyDelta),
      r.f1.toFixed(4),
      `${r.latencyMs.toFixed(2)} ms (${r.latencyMinMs.toFixed(2)}), ${r.latencyRatio.toFixed(2)}x`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', `Backend ${report.backend}, ${report.samples} evaluation samples; ratios and Δ against ${report.baseline}.`);
  return lines.join('\n');
}
