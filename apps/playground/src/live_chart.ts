/**
 * Live loss and accuracy charts: one Vega-Lite spec compiled once, drawn by a Vega view as SVG,
 * fed point by point through a changeset (no re-render of the whole chart per batch).
 */
import type { changeset as vegaChangeset, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/** One plotted value: `metric` picks the panel, `series` the line. */
export interface ChartPoint {
  step: number;
  metric: 'loss' | 'accuracy';
  series: 'train' | 'validation';
  value: number;
}

const panel = (metric: ChartPoint['metric'], title: string, y: Record<string, unknown>) => ({
  title,
  width: 420,
  height: 190,
  transform: [{ filter: `datum.metric === '${metric}'` }],
  mark: { type: 'line', point: { size: 18 }, clip: true },
  encoding: {
    x: { field: 'step', type: 'quantitative', title: 'optimizer step', axis: { tickMinStep: 1 } },
    y: { field: 'value', type: 'quantitative', title: null, ...y },
    color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['train', 'validation'] } },
  },
});

/**
 * The chart spec: training loss per step and the validation loss per epoch; running training
 * accuracy and validation accuracy per epoch.
 *
 * @example
 * ```ts
 * vegaLite.compile(liveChartSpec()).spec;
 * ```
 */
export function liveChartSpec(): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: 'points' },
    hconcat: [
      panel('loss', 'Loss (softmax cross-entropy)', { scale: { zero: true } }),
      panel('accuracy', 'Accuracy (train: running mean over the epoch so far)', { scale: { domain: [0, 1] }, axis: { format: '%' } }),
    ],
    config: { view: { stroke: '#d9dde6' }, point: { filled: true } },
  } as TopLevelSpec;
}

/**
 * A live chart in `container`. Points are buffered and drawn at most every `intervalMs`
 * (and on `flush`), so a fast training loop does not spend its time redrawing.
 *
 * @example
 * ```ts
 * const chart = await LiveChart.create(byId('live-chart'));
 * chart.push({ step: 1, metric: 'loss', series: 'train', value: 2.3 });
 * await chart.flush();
 * ```
 */
export class LiveChart {
  private pending: ChartPoint[] = [];
  private last = 0;
  private drawing: Promise<unknown> = Promise.resolve();
  /** Every point drawn since the last `clear`. */
  readonly points: ChartPoint[] = [];

  private constructor(
    private readonly view: View,
    private readonly changeset: typeof vegaChangeset,
    private readonly intervalMs: number,
  ) {}

  static async create(container: HTMLElement, intervalMs = 250): Promise<LiveChart> {
    // Loaded on demand, like @tessera/metrics' plots: the page shows before vega is parsed.
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    const view = new vega.View(vega.parse(vegaLite.compile(liveChartSpec()).spec), { renderer: 'svg', container, hover: false });
    await view.runAsync();
    return new LiveChart(view, vega.changeset, intervalMs);
  }

  /** Adds a point (finite values only: Vega cannot draw NaN). */
  push(point: ChartPoint): void {
    if (!Number.isFinite(point.value)) return;
    this.pending.push(point);
    this.points.push(point);
    if (performance.now() - this.last >= this.intervalMs) void this.flush();
  }

  /** Draws what is buffered. */
  flush(): Promise<unknown> {
    this.last = performance.now();
    if (this.pending.length === 0) return this.drawing;
    const batch = this.pending;
    this.pending = [];
    this.drawing = this.drawing.then(() => this.view.change('points', this.changeset().insert(batch)).runAsync());
    return this.drawing;
  }

  /** Removes every point. */
  clear(): Promise<unknown> {
    this.pending = [];
    this.points.length = 0;
    this.drawing = this.drawing.then(() => this.view.change('points', this.changeset().remove(() => true)).runAsync());
    return this.drawing;
  }
}
