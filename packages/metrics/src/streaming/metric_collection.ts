import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { materialize } from './batch.js';
import type { Metric } from './metric.js';

/**
 * Several streaming metrics fed the same batches. Tensors are read from the backend once
 * per update, not once per metric.
 *
 * @example
 * ```ts
 * const metrics = new MetricCollection([new Accuracy(), new LogLoss(), new RocAuc()]);
 * for (const { labels, probs } of batches) metrics.update(labels, probs);
 * metrics.compute(); // { accuracy: 0.91, logLoss: 0.23, rocAuc: 0.97 }
 * ```
 */
export class MetricCollection {
  /** The metrics, by name. */
  readonly metrics: Readonly<Record<string, Metric>>;

  constructor(metrics: readonly Metric[] | Readonly<Record<string, Metric>>) {
    const fn = 'MetricCollection';
    const entries: [string, Metric][] = Array.isArray(metrics)
      ? (metrics as readonly Metric[]).map((m) => [m.name, m])
      : Object.entries(metrics as Record<string, Metric>);
    if (entries.length === 0) fail(fn, 'metrics', 'hold at least one metric', 'none');
    const out: Record<string, Metric> = {};
    for (const [name, m] of entries) {
      if (typeof m?.update !== 'function' || typeof m.compute !== 'function') fail(fn, `metrics.${name}`, 'be a Metric', show(m));
      if (name in out) fail(fn, 'metrics', 'have distinct names (pass { name } to a metric to rename it)', `'${name}' twice`);
      out[name] = m;
    }
    this.metrics = out;
  }

  /** Names in insertion order. */
  get names(): string[] {
    return Object.keys(this.metrics);
  }

  /** Feeds one batch to every metric. */
  update(yTrue: Vector | Matrix, yPred: Vector | Matrix): void {
    const t = materialize(yTrue);
    const p = materialize(yPred);
    for (const m of Object.values(this.metrics)) m.update(t, p);
  }

  /** Every metric's value, by name. */
  compute(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, m] of Object.entries(this.metrics)) out[name] = m.compute();
    return out;
  }

  reset(): void {
    for (const m of Object.values(this.metrics)) m.reset();
  }

  /** Merges another collection with the same names, metric by metric. */
  merge(other: MetricCollection): void {
    const fn = 'MetricCollection.merge';
    const mine = this.names.join(',');
    if (!(other instanceof MetricCollection) || other.names.join(',') !== mine) {
      fail(fn, 'other', `be a MetricCollection with metrics [${mine}]`, other instanceof MetricCollection ? `[${other.names.join(',')}]` : show(other));
    }
    for (const [name, m] of Object.entries(this.metrics)) m.merge(other.metrics[name] as Metric);
  }

  /** Empty copies of every metric. */
  clone(): MetricCollection {
    const out: Record<string, Metric> = {};
    for (const [name, m] of Object.entries(this.metrics)) out[name] = m.clone();
    return new MetricCollection(out);
  }
}
