/**
 * Loss and metric curves of a run as a Vega-Lite chart rendered to SVG, with the same charting
 * choice as `@tessera/metrics` (its `renderSvg`; vega and vega-lite load only when rendering).
 */
import type { History } from '../history.js';
import type { Logs } from '../logs.js';
import { checkNumber, fail, show } from '../internal/errors.js';

/**
 * Options for {@link trainingCurvesSpec} and {@link plotTrainingCurves}.
 *
 * @example
 * ```ts
 * await plotTrainingCurves(history, { metrics: ['loss', 'accuracy'], title: 'MNIST CNN' });
 * ```
 */
export interface TrainingCurvesOptions {
  /** Base names to plot (train and `val_` lines share a panel). Default: every logged value but lr. */
  metrics?: string[];
  title?: string;
  /** Panel size in pixels. Default 240 x 180. */
  width?: number;
  height?: number;
}

/** Keys that are not curves of the model's quality. */
const SKIP = new Set(['lr', 'epsilon', 'grad_norm', 'batch', 'size', 'step']);

/**
 * A Vega-Lite spec with one panel per metric (train and validation lines, x = epoch from 1).
 *
 * @example
 * ```ts
 * const spec = trainingCurvesSpec(history);
 * const svg = await renderSvg(spec); // renderSvg from @tessera/metrics
 * ```
 */
export function trainingCurvesSpec(history: Pick<History, 'epochs'>, options: TrainingCurvesOptions = {}): Record<string, unknown> {
  const fn = 'trainingCurvesSpec';
  if (typeof history !== 'object' || history === null || !Array.isArray(history.epochs)) fail(fn, 'history', 'be a History', show(history));
  const rows: { epoch: number; metric: string; split: string; value: number }[] = [];
  const bases = new Set<string>();
  history.epochs.forEach((logs: Logs | undefined, epoch) => {
    if (!logs) return;
    for (const [k, v] of Object.entries(logs)) {
      const val = k.startsWith('val_');
      const base = val ? k.slice(4) : k;
      if (SKIP.has(base) || (options.metrics && !options.metrics.includes(base))) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) continue; // vega cannot draw NaN/Infinity
      bases.add(base);
      rows.push({ epoch: epoch + 1, metric: base, split: val ? 'validation' : 'train', value: v });
    }
  });
  if (rows.length === 0) fail(fn, 'history', 'hold at least one finite logged value to plot', `${history.epochs.length} epochs`);
  if (options.metrics) {
    for (const m of options.metrics) if (!bases.has(m)) fail(fn, 'options.metrics', `name logged values (have: ${[...bases].join(', ')})`, show(m));
  }
  const width = checkNumber(fn, 'options.width', options.width ?? 240, { min: 10 });
  const height = checkNumber(fn, 'options.height', options.height ?? 180, { min: 10 });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? 'Training curves',
    data: { values: rows },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: options.metrics ?? [...bases] } },
    spec: {
      width,
      height,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: { field: 'split', type: 'nominal', title: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/**
 * Renders {@link trainingCurvesSpec} to an SVG string.
 *
 * @example
 * ```ts
 * const svg = await plotTrainingCurves(history);
 * await fs.writeFile('curves.svg', svg);
 * ```
 */
export async function plotTrainingCurves(history: Pick<History, 'epochs'>, options: TrainingCurvesOptions = {}): Promise<string> {
  const spec = trainingCurvesSpec(history, options);
  const { renderSvg } = await import('@tessera/metrics');
  return renderSvg(spec);
}
