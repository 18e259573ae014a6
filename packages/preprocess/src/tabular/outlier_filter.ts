import { describe } from '../random_source.js';
import { decodeNumbers, encodeNumbers } from './json_numbers.js';
import { column, readNumericTable } from './numeric_table.js';
import { percentileSorted, sortedCopy } from './quantile.js';
import { checkFeatureNames, checkJSON, defaultNames, notFitted, type Table, type TransformerJSON } from './transformer.js';

/**
 * Options for {@link OutlierFilter}.
 *
 * @example
 * ```ts
 * new OutlierFilter({ method: 'zscore', threshold: 3 });
 * ```
 */
export interface OutlierFilterOptions {
  /**
   * `'iqr'` (default): outside [Q1 - factor * IQR, Q3 + factor * IQR] (Tukey's fences).
   * `'zscore'`: |x - mean| / std > threshold (population std).
   */
  method?: 'iqr' | 'zscore';
  /** IQR multiplier, default 1.5. */
  factor?: number;
  /** z-score cut-off, default 3. */
  threshold?: number;
}

/**
 * What {@link OutlierFilter.filter} removed.
 *
 * @example
 * ```ts
 * const { removed, removedByColumn } = filter.filter(X).report;
 * ```
 */
export interface OutlierReport {
  rows: number;
  kept: number;
  removed: number;
  /** Rows outside the bounds, per column (a row can count in several columns). */
  removedByColumn: Record<string, number>;
}

/**
 * The rows {@link OutlierFilter.filter} kept, with their labels and original indices.
 *
 * @example
 * ```ts
 * const { X: clean, y: labels, kept } = filter.filter(X, y);
 * ```
 */
export interface OutlierFilterResult<Y> {
  X: number[][];
  y: Y[] | undefined;
  kept: number[];
  report: OutlierReport;
}

/**
 * Learns per-column bounds on training data (IQR fences or z-score) and removes the rows that
 * fall outside them on any column. Removal is what you ask for by calling `filter`, and it
 * is counted in the returned report.
 *
 * @example
 * ```ts
 * const f = new OutlierFilter({ method: 'iqr', factor: 1.5 }).fit(Xtrain);
 * const { X, y, report } = f.filter(Xtrain, yTrain);
 * console.log(`${report.removed} of ${report.rows} rows removed`, report.removedByColumn);
 * ```
 */
export class OutlierFilter {
  readonly method: 'iqr' | 'zscore';
  readonly factor: number;
  readonly threshold: number;
  #lower: number[] | null = null;
  #upper: number[] | null = null;
  #names: string[] | null = null;

  constructor(options: OutlierFilterOptions = {}) {
    this.method = options.method ?? 'iqr';
    if (this.method !== 'iqr' && this.method !== 'zscore') throw new Error(`OutlierFilter: options.method must be 'iqr' or 'zscore'; got ${describe(this.method)}`);
    this.factor = options.factor ?? 1.5;
    this.threshold = options.threshold ?? 3;
    if (!(this.factor >= 0) || !Number.isFinite(this.factor)) throw new Error(`OutlierFilter: options.factor must be a finite number >= 0; got ${describe(this.factor)}`);
    if (!(this.threshold > 0) || !Number.isFinite(this.threshold)) throw new Error(`OutlierFilter: options.threshold must be a finite number > 0; got ${describe(this.threshold)}`);
  }

  get fitted(): boolean {
    return this.#lower !== null;
  }

  /** Per-column `[lower, upper]` bounds (inclusive). */
  get bounds(): Array<[number, number]> {
    if (this.#lower === null || this.#upper === null) throw notFitted('OutlierFilter.bounds');
    const up = this.#upper;
    return this.#lower.map((l, j) => [l, up[j] as number]);
  }

  /** Learns the bounds of each column. */
  fit(X: Table<number>, featureNames?: readonly string[]): this {
    const where = 'OutlierFilter.fit';
    const { n, d } = readNumericTable(X, where, { names: featureNames ?? null });
    this.#names = checkFeatureNames(featureNames, d, where);
    const lower: number[] = [];
    const upper: number[] = [];
    for (let j = 0; j < d; j++) {
      const col = column(X, j);
      if (this.method === 'iqr') {
        const s = sortedCopy(col);
        const q1 = percentileSorted(s, 25);
        const q3 = percentileSorted(s, 75);
        lower.push(q1 - this.factor * (q3 - q1));
        upper.push(q3 + this.factor * (q3 - q1));
      } else {
        let sum = 0;
        for (const v of col) sum += v;
        const mean = sum / n;
        let ss = 0;
        for (const v of col) ss += (v - mean) * (v - mean);
        const std = Math.sqrt(ss / n);
        lower.push(mean - this.threshold * std);
        upper.push(mean + this.threshold * std);
      }
    }
    this.#lower = lower;
    this.#upper = upper;
    return this;
  }

  /** true for the rows inside the bounds on every column. */
  mask(X: Table<number>): boolean[] {
    return this.#check(X, 'OutlierFilter.mask').keep;
  }

  #check(X: Table<number>, where: string): { keep: boolean[]; byColumn: number[] } {
    if (this.#lower === null || this.#upper === null) throw notFitted(where);
    const lo = this.#lower;
    const hi = this.#upper;
    readNumericTable(X, where, { columns: lo.length, names: this.#names });
    const byColumn = new Array<number>(lo.length).fill(0);
    const keep = X.map((row) => {
      let ok = true;
      for (let j = 0; j < lo.length; j++) {
        const v = row[j] as number;
        if (v < (lo[j] as number) || v > (hi[j] as number)) {
          ok = false;
          byColumn[j] = (byColumn[j] as number) + 1;
        }
      }
      return ok;
    });
    return { keep, byColumn };
  }

  /** Removes the rows outside the bounds (and their labels), with a report of what went. */
  filter<Y = never>(X: Table<number>, y?: readonly Y[]): OutlierFilterResult<Y> {
    const where = 'OutlierFilter.filter';
    if (y !== undefined && (!Array.isArray(y) || y.length !== X.length)) {
      throw new Error(`${where}: y must have one label per row of X (${X.length}); got ${describe(y)}`);
    }
    const { keep, byColumn } = this.#check(X, where);
    const kept: number[] = [];
    keep.forEach((k, i) => {
      if (k) kept.push(i);
    });
    const names = defaultNames(byColumn.length, this.#names);
    return {
      X: kept.map((i) => Array.from(X[i] as ArrayLike<number>)),
      y: y === undefined ? undefined : kept.map((i) => y[i] as Y),
      kept,
      report: {
        rows: X.length,
        kept: kept.length,
        removed: X.length - kept.length,
        removedByColumn: Object.fromEntries(names.map((nm, j) => [nm, byColumn[j] as number])),
      },
    };
  }

  /** Options and bounds. */
  toJSON(): TransformerJSON {
    return {
      type: 'OutlierFilter',
      version: 1,
      method: this.method,
      factor: this.factor,
      threshold: this.threshold,
      featureNames: this.#names,
      lower: encodeNumbers(this.#lower),
      upper: encodeNumbers(this.#upper),
    };
  }

  /**
   * Restores a filter saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = OutlierFilter.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): OutlierFilter {
    const j = checkJSON(json, 'OutlierFilter');
    const f = new OutlierFilter({ method: j.method as 'iqr' | 'zscore', factor: j.factor as number, threshold: j.threshold as number });
    f.#lower = decodeNumbers(j.lower, 'OutlierFilter.fromJSON: json.lower');
    f.#upper = decodeNumbers(j.upper, 'OutlierFilter.fromJSON: json.upper');
    f.#names = (j.featureNames as string[] | null) ?? null;
    return f;
  }
}
