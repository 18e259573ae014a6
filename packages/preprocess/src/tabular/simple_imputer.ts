import { describe } from '../random_source.js';
import { compareCategories, decodeCell, encodeCell, isMissing, type Category } from './categories.js';
import { medianSorted } from './quantile.js';
import {
  checkFeatureNames,
  checkJSON,
  columnName,
  defaultNames,
  notFitted,
  type Cell,
  type Table,
  type TableTransformer,
  type TransformerJSON,
} from './transformer.js';

/**
 * How {@link SimpleImputer} fills a missing cell (scikit-learn's `strategy`).
 *
 * @example
 * ```ts
 * const strategy: ImputeStrategy = 'median';
 * ```
 */
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/**
 * Options for {@link SimpleImputer}.
 *
 * @example
 * ```ts
 * new SimpleImputer({ strategy: 'constant', fillValue: -1 });
 * ```
 */
export interface SimpleImputerOptions {
  /** Default `'mean'`. */
  strategy?: ImputeStrategy;
  /** For `'constant'`: the fill. Default 0 for numeric columns, `'missing_value'` for text. */
  fillValue?: Category;
  /**
   * A column with no observed value (mean/median/most_frequent): false (default) is an error
   * naming it; true fills it with 0 as sklearn's `keep_empty_features=True` does.
   * (sklearn's default silently drops such columns; here nothing is dropped unasked.)
   */
  keepEmptyFeatures?: boolean;
}

const STRATEGIES: readonly ImputeStrategy[] = ['mean', 'median', 'most_frequent', 'constant'];

/**
 * Replaces missing cells (NaN, null, undefined) with a per-column statistic learned in fit,
 * as scikit-learn's SimpleImputer: `mean`, `median` (numeric columns), `most_frequent`
 * (ties go to the smallest value) or `constant`. Text columns work with most_frequent and
 * constant, so categories can be imputed before a OneHotEncoder.
 *
 * @example
 * ```ts
 * const imp = new SimpleImputer({ strategy: 'mean' }).fit([[7, 2, 3], [4, NaN, 6], [10, 5, 9]]);
 * imp.transform([[NaN, 2, 3], [4, NaN, 6], [10, NaN, 9]]); // [[7, 2, 3], [4, 3.5, 6], [10, 3.5, 9]]
 * ```
 */
export class SimpleImputer implements TableTransformer {
  readonly strategy: ImputeStrategy;
  readonly fillValue: Category | undefined;
  readonly keepEmptyFeatures: boolean;
  #statistics: Cell[] | null = null;
  #names: string[] | null = null;

  constructor(options: SimpleImputerOptions = {}) {
    this.strategy = options.strategy ?? 'mean';
    if (!STRATEGIES.includes(this.strategy)) {
      throw new Error(`SimpleImputer: options.strategy must be one of ${STRATEGIES.join(', ')}; got ${describe(this.strategy)}`);
    }
    this.fillValue = options.fillValue;
    if (this.fillValue !== undefined && (isMissing(this.fillValue) || !['string', 'number', 'boolean'].includes(typeof this.fillValue))) {
      throw new Error(`SimpleImputer: options.fillValue must be a non-missing string, number or boolean; got ${describe(this.fillValue)}`);
    }
    this.keepEmptyFeatures = options.keepEmptyFeatures ?? false;
  }

  get fitted(): boolean {
    return this.#statistics !== null;
  }

  /** The fill per column (sklearn `statistics_`). */
  get statistics(): Cell[] {
    if (this.#statistics === null) throw notFitted('SimpleImputer.statistics');
    return [...this.#statistics];
  }

  /** Learns the fill of each column. */
  fit(X: Table, featureNames?: readonly string[]): this {
    const where = 'SimpleImputer.fit';
    const d = checkTable(X, where);
    this.#names = checkFeatureNames(featureNames, d, where);
    const stats: Cell[] = [];
    for (let j = 0; j < d; j++) {
      const observed: Category[] = [];
      let type: string | null = null;
      for (let i = 0; i < X.length; i++) {
        const v = (X[i] as readonly Cell[])[j];
        if (isMissing(v)) continue;
        if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
          throw new Error(`${where}: X[${i}][${j}] (${columnName(j, this.#names)}) must be a number, string or boolean; got ${describe(v)}`);
        }
        if (type === null) type = typeof v;
        else if (typeof v !== type) throw new Error(`${where}: ${columnName(j, this.#names)} mixes ${type}s and ${typeof v}s (at X[${i}][${j}])`);
        if ((this.strategy === 'mean' || this.strategy === 'median') && typeof v !== 'number') {
          throw new Error(`${where}: strategy '${this.strategy}' needs numbers but X[${i}][${j}] (${columnName(j, this.#names)}) is a ${typeof v}; use 'most_frequent' or 'constant'`);
        }
        observed.push(v);
      }
      if (this.strategy === 'constant') {
        stats.push(this.fillValue ?? (type === 'string' ? 'missing_value' : 0));
        continue;
      }
      if (observed.length === 0) {
        if (!this.keepEmptyFeatures) {
          throw new Error(
            `${where}: ${columnName(j, this.#names)} has no observed value to compute a ${this.strategy}; ` +
              "drop the column, use strategy 'constant', or pass keepEmptyFeatures: true (fills 0)",
          );
        }
        stats.push(0);
        continue;
      }
      if (this.strategy === 'mean') {
        let s = 0;
        for (const v of observed) s += v as number;
        stats.push(s / observed.length);
      } else if (this.strategy === 'median') {
        stats.push(medianSorted(Float64Array.from(observed as number[]).sort()));
      } else {
        const counts = new Map<Category, number>();
        for (const v of observed) counts.set(v, (counts.get(v) ?? 0) + 1);
        let best: Category | null = null;
        let bestCount = 0;
        for (const [v, c] of counts) {
          if (c > bestCount || (c === bestCount && best !== null && compareCategories(v, best) < 0)) {
            best = v;
            bestCount = c;
          }
        }
        stats.push(best);
      }
    }
    this.#statistics = stats;
    return this;
  }

  /** Fills the missing cells; other cells pass through unchanged. */
  transform(X: Table): Cell[][] {
    const where = 'SimpleImputer.transform';
    if (this.#statistics === null) throw notFitted(where);
    const d = checkTable(X, where);
    if (d !== this.#statistics.length) throw new Error(`${where}: X has ${d} columns but the imputer was fitted on ${this.#statistics.length}`);
    const stats = this.#statistics;
    return X.map((row) => row.map((v, j) => (isMissing(v) ? stats[j] : v)));
  }

  /** fit then transform. */
  fitTransform(X: Table, featureNames?: readonly string[]): Cell[][] {
    return this.fit(X, featureNames).transform(X);
  }

  /** Output names: the input names. */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    if (this.#statistics === null) throw notFitted('SimpleImputer.featureNamesOut');
    return defaultNames(this.#statistics.length, inputNames ?? this.#names);
  }

  /** Parameters and fitted state. */
  toJSON(): TransformerJSON {
    return {
      type: 'SimpleImputer',
      version: 1,
      strategy: this.strategy,
      fillValue: this.fillValue === undefined ? null : encodeCell(this.fillValue),
      keepEmptyFeatures: this.keepEmptyFeatures,
      featureNames: this.#names,
      statistics: this.#statistics === null ? null : this.#statistics.map(encodeCell),
    };
  }

  /**
   * Restores an imputer saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = SimpleImputer.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): SimpleImputer {
    const j = checkJSON(json, 'SimpleImputer');
    const fill = j.fillValue === null ? undefined : (decodeCell(j.fillValue, 'SimpleImputer.fromJSON: json.fillValue') as Category);
    const imp = new SimpleImputer({ strategy: j.strategy as ImputeStrategy, fillValue: fill, keepEmptyFeatures: j.keepEmptyFeatures as boolean });
    imp.#statistics = Array.isArray(j.statistics) ? j.statistics.map((v, i) => decodeCell(v, `SimpleImputer.fromJSON: json.statistics[${i}]`)) : null;
    imp.#names = (j.featureNames as string[] | null) ?? null;
    return imp;
  }
}

function checkTable(X: Table, where: string): number {
  if (!Array.isArray(X)) throw new Error(`${where}: X must be an array of rows; got ${describe(X)}`);
  if (X.length === 0) throw new Error(`${where}: X has no rows; expected at least one`);
  const d = Array.isArray(X[0]) ? (X[0] as readonly Cell[]).length : -1;
  X.forEach((row, i) => {
    if (!Array.isArray(row)) throw new Error(`${where}: X[${i}] must be an array; got ${describe(row)}`);
    if (row.length !== d) throw new Error(`${where}: X[${i}] has ${row.length} values but X[0] has ${d}`);
  });
  return d;
}
