/**
 * Quantize and compare: @tessera/compress quantizes the trained model (float16, int8 per
 * channel, 4-bit groups), loads each weights file back and measures it on the held-out data
 * next to the float32 baseline; the page shows the report, offers each file for download and
 * records each quantization in the lineage log (the model card lists them).
 */
import { tf } from '@tessera/backend';
import { asCompressed, compressionReport, quantizeModel, type CompressedModel, type CompressionReport, type QuantizeDtype } from '@tessera/compress';
import type { Lineage, NodeRef } from '@tessera/lineage';
import { renderSvg } from '@tessera/metrics';
import type { Sequential } from '@tessera/models';
import { byId, formatBytes, h, saveFile, table, yieldToBrowser } from './dom.js';
import { toTensors, type PreparedData } from './prepared_data.js';

/** A trained model the panel can compress. */
export interface CompressTarget {
  model: Sequential;
  data: PreparedData;
  sampleShape: readonly number[];
  /** File and artifact name stem, e.g. 'digits-mlp'. */
  name: string;
  lineage: Lineage;
  /** The trained model in the lineage log. */
  artifact: NodeRef;
}

/** One variant as the page reports it. */
export interface CompressRow {
  name: string;
  method: string;
  bytes: number;
  gzipBytes: number;
  sizeRatio: number;
  accuracy: number;
  accuracyDelta: number;
  latencyMs: number;
}

/** The variants offered (the float32 baseline is always measured). */
export const VARIANTS: readonly { dtype: QuantizeDtype; label: string; checked: boolean }[] = [
  { dtype: 'float16', label: 'float16', checked: true },
  { dtype: 'int8', label: 'int8 (per channel)', checked: true },
  { dtype: 'uint8', label: 'uint8 (affine)', checked: false },
  { dtype: 'q4', label: '4-bit (groups of 32)', checked: true },
];

/**
 * Quantizes, measures and records every chosen variant; the caller renders the report.
 *
 * @example
 * ```ts
 * const { report, files } = await compareQuantized(target, ['int8']);
 * ```
 */
export async function compareQuantized(target: CompressTarget, dtypes: readonly QuantizeDtype[]): Promise<{ report: CompressionReport; files: Map<string, Uint8Array> }> {
  const { x, y } = toTensors(target.data, 'test', target.sampleShape);
  const variants: CompressedModel[] = [];
  try {
    variants.push(await asCompressed(target.model, { name: 'float32' }));
    for (const dtype of dtypes) variants.push(await quantizeModel(target.model, { dtype }));
    const report = await compressionReport(variants, { data: { x, y }, batchSize: 100, latencyRuns: 3 });
    for (const v of variants.slice(1)) {
      const row = report.rows.find((r) => r.name === v.name)!;
      const run = await target.lineage.start(`quantize ${v.name}`, { inputs: [target.artifact], params: { method: v.method, ...v.details } });
      await run.complete({
        outputs: [{ kind: 'artifact', name: `${target.name}-${v.name}`, format: 'safetensors', sizeBytes: v.weights.byteLength, bytes: v.weights }],
        metrics: { accuracy: row.accuracy, accuracyDeltaPoints: row.accuracyDelta, sizeRatio: row.sizeRatio },
      });
    }
    return { report, files: new Map(variants.map((v) => [v.name, v.weights])) };
  } finally {
    tf.dispose([x, y]);
    for (const v of variants) v.dispose();
  }
}

/**
 * The report as rows for the page's state.
 *
 * @example
 * ```ts
 * reportRows(report).map((r) => r.sizeRatio);
 * ```
 */
export function reportRows(report: CompressionReport): CompressRow[] {
  return report.rows.map((r) => ({
    name: r.name,
    method: r.method,
    bytes: r.bytes,
    gzipBytes: r.gzipBytes,
    sizeRatio: r.sizeRatio,
    accuracy: r.accuracy,
    accuracyDelta: r.accuracyDelta,
    latencyMs: r.latencyMs,
  }));
}

/** Two bar charts: file size and held-out accuracy per variant. */
function comparisonSpec(rows: readonly CompressRow[]): Record<string, unknown> {
  const values = rows.map((r) => ({ variant: r.name, kb: r.bytes / 1024, accuracy: r.accuracy }));
  const bar = (field: string, title: string, extra: Record<string, unknown>) => ({
    width: 200,
    height: 22 * rows.length,
    title,
    mark: { type: 'bar', color: '#3056d3' },
    encoding: {
      y: { field: 'variant', type: 'nominal', title: null, sort: null },
      x: { field, type: 'quantitative', title: null, ...extra },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    hconcat: [bar('kb', 'Weights file (KB)', {}), bar('accuracy', 'Held-out accuracy', { scale: { domain: [0, 1] }, axis: { format: '%' } })],
  };
}

/**
 * Renders the panel: the variant choices and the button, enabled when a model is trained.
 * `onDone` receives the rows after a comparison.
 *
 * @example
 * ```ts
 * showCompressPanel(target, (rows) => console.log(rows));
 * ```
 */
export function showCompressPanel(target: CompressTarget | null, onDone: (rows: CompressRow[]) => Promise<void> | void = () => {}): void {
  const boxes = VARIANTS.map((v) => h('input', { type: 'checkbox', value: v.dtype, ...(v.checked ? { checked: '' } : {}) }));
  const button = h('button', { id: 'quantize' }, 'Quantize and compare');
  button.disabled = target === null;
  const status = h('p', { class: 'summary', id: 'compress-status' }, target ? `Quantizes ${target.name} with @tessera/compress and measures each file loaded back.` : 'Train a model first.');
  const result = h('div', { id: 'compress-result' });
  byId('compress-body').replaceChildren(
    h('div', { class: 'row' }, ...VARIANTS.map((v, i) => h('label', {}, boxes[i]!, ` ${v.label}`)), button),
    status,
    result,
  );
  if (!target) return;
  button.addEventListener('click', async () => {
    button.disabled = true;
    delete status.dataset.done;
    status.textContent = 'Quantizing and measuring…';
    try {
      await yieldToBrowser();
      const dtypes = boxes.filter((b) => b.checked).map((b) => b.value as QuantizeDtype);
      const { report, files } = await compareQuantized(target, dtypes);
      const rows = reportRows(report);
      const f = (v: number, d = 3) => v.toFixed(d);
      result.replaceChildren(
        table(
          ['variant', 'file', 'gzip', 'smaller', 'accuracy', 'Δ acc (pts)', 'ms / 100', ''],
          rows.map((r) => [r.name, formatBytes(r.bytes), formatBytes(r.gzipBytes), `${f(r.sizeRatio, 2)}x`, f(r.accuracy), f(r.accuracyDelta, 2), f(r.latencyMs, 1), '']),
        ),
      );
      // A download button in the last cell of each row.
      result.querySelectorAll('tbody tr').forEach((tr, i) => {
        const row = rows[i]!;
        const bytes = files.get(row.name)!;
        const download = h('button', { class: 'download-variant', 'data-variant': row.name }, 'download');
        download.addEventListener('click', () => saveFile(`${target.name}-${row.name}.safetensors`, bytes as Uint8Array<ArrayBuffer>, 'application/octet-stream'));
        tr.lastElementChild?.replaceChildren(download);
      });
      const chart = h('div', { class: 'chart' });
      chart.innerHTML = await renderSvg(comparisonSpec(rows));
      result.append(chart);
      status.textContent = `Measured on ${report.samples} held-out samples on ${report.backend}; each variant is its weights file loaded back and dequantized to float32.`;
      status.dataset.done = 'true';
      await onDone(rows);
    } catch (e) {
      status.textContent = `Quantization failed: ${e instanceof Error ? e.message : String(e)}`;
      status.dataset.done = 'error';
    } finally {
      button.disabled = false;
    }
  });
}
