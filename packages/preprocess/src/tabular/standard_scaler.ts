import { decodeNumbers, encodeNumbers } from './json_numbers.js';
import { column, mapTable, readNumericTable } from './numeric_table.js';
import { checkFeatureNames, checkJSON, defaultNames, notFitted, type Table, type TableTransformer, type TransformerJSON } from './transformer.js';

/**
 * Options for {@link StandardScaler} (scikit-learn's `with_mean`, `with_std`).
 *
 * @example
 * ```ts
 * new StandardScaler({ withMean: false });
 * ```
 */
export interface StandardScalerOptions {
  withMean?: boolean;
  withStd?: boolean;
}

const EPS = 2 ** -52;

/**
 * Standardizes features: z = (x - mean) / std, with the population std (ddof = 0), as
 * scikit-learn's StandardScaler. Features whose variance is zero up to float64 rounding
 * (sklearn's `_is_constant_feature` bound) keep scale 1, so they are centred, not blown up.
 * `partialFit` accumulates over batches (Chan et al.'s pairwise update), for streamed data.
 *
 * Unlike sklearn, NaN is an error that names the column (impute first); nothing passes
 * through silently.
 *
 * @example
 * ```ts
 * const s = new StandardScaler().fit([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * s.mean;                  // [0.5, 0.5]
 * s.transform([[2, 2]]);   // [[3, 3]]
 * StandardScaler.fromJSON(JSON.parse(JSON.stringify(s))).transform([[2, 2]]); // same numbers
 * ```
 */
export class StandardScaler implements TableTransformer {
  readonly withMean: boolean;
  readonly withStd: boolean;
  #mean: number[] | null = null;
  #var: number[] | null = null;
  #scale: number[] | null = null;
  #n = 0;
  #names: string[] | null = null;

  constructor(options: StandardScalerOptions = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
    if (typeof this.withMean !== 'boolean') throw new Error('StandardScaler: options.withMean must be a boolean');
    if (typeof this.withStd !== 'boolean') throw new Error('StandardScaler: options.withStd must be a boolean');
  }

  get fitted(): boolean {
    return this.#mean !== null;
  }

  /** Per-feature mean (sklearn `mean_`). */
  get mean(): number[] {
    if (this.#mean === null) throw notFitted('StandardScaler.mean');
    return [...this.#mean];
  }

  /** Per-feature population variance (sklearn `var_`). */
  get variance(): number[] {
    if (this.#var === null) throw notFitted('StandardScaler.variance');
    return [...this.#var];
  }

  /** Per-feature divisor: sqrt(variance), or 1 for constant features (sklearn `scale_`). */
  get scale(): number[] {
    if (this.#scale === null) throw notFitted('StandardScaler.scale');
    return [...this.#scale];
  }

  /** Samples seen by fit/partialFit (sklearn `n_samples_seen_`). */
  get nSamplesSeen(): number {
    return this.#n;
  }

  /** Computes mean and variance of `X` (replacing any earlier fit). */
  fit(X: Table<number>, featureNames?: readonly string[]): this {
    this.#mean = this.#var = this.#scale = null;
    this.#n = 0;
    return this.partialFit(X, featureNames);
  }

  /**
   * Folds one more batch into the running mean and variance.
   *
   * @example
   * ```ts
   * const s = new StandardScaler();
   * for await (const rows of ds.batch(1024)) s.partialFit(rows);
   * ```
   */
  partialFit(X: Table<number>, featureNames?: readonly string[]): this {
    const where = 'StandardScaler.partialFit';
    const { n, d } = readNumericTable(X, where, { columns: this.#mean?.length, names: this.#mean === null ? (featureNames ?? null) : this.#names });
    if (this.#mean === null) this.#names = checkFeatureNames(featureNames, d, where);
    const mean = this.#mean ?? new Array<number>(d).fill(0);
    const variance = this.#var ?? new Array<number>(d).fill(0);
    const m = this.#n;
    for (let j = 0; j < d; j++) {
      const col = column(X, j);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += col[i] as number;
      const bMean = sum / n;
      // Two-pass with a correction term for this batch's sum of squared deviations.
      let ss = 0;
      let corr = 0;
      for (let i = 0; i < n; i++) {
        const dlt = (col[i] as number) - bMean;
        ss += dlt * dlt;
        corr += dlt;
      }
      const bM2 = ss - (corr * corr) / n;
      if (m === 0) {
        mean[j] = bMean;
        variance[j] = bM2 / n;
      } else {
        const total = m + n;
        const oldM2 = (variance[j] as number) * m;
        const delta = bMean - (mean[j] as number);
        mean[j] = (mean[j] as number) + (delta * n) / total;
        variance[j] = (oldM2 + bM2 + (delta * delta * m * n) / total) / total;
      }
    }
    this.#n = m + n;
    this.#mean = mean;
    this.#var = variance;
    this.#scale = variance.map((v, j) => {
      const mu = mean[j] as number;
      const bound = this.#n * EPS * v + (this.#n * mu * EPS) ** 2;
      return v <= bound ? 1 : Math.sqrt(v);
    });
    return this;
  }

  /** (x - mean) / scale, per the options. */
  transform(X: Table<number>): number[][] {
    const where = 'StandardScaler.transform';
    if (this.#mean === null || this.#scale === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#mean.length, names: this.#names });
    const mean = this.#mean;
    const scale = this.#scale;
    const wm = this.withMean;
    const ws = this.withStd;
    return mapTable(X, (v, j) => {
      let x = v;
      if (wm) x -= mean[j] as number;
      if (ws) x /= scale[j] as number;
      return x;
    });
  }

  /** fit then transform. */
  fitTransform(X: Table<number>, featureNames?: readonly string[]): number[][] {
    return this.fit(X, featureNames).transform(X);
  }

  /** x * scale + mean: undoes `transform`. */
  inverseTransform(X: Table<number>): number[][] {
    const where = 'StandardScaler.inverseTransform';
    if (this.#mean === null || this.#scale === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#mean.length, names: this.#names });
    const mean = this.#mean;
    const scale = this.#scale;
    const wm = this.withMean;
    const ws = this.withStd;
    return mapTable(X, (v, j) => {
      let x = v;
      if (ws) x *= scale[j] as number;
      if (wm) x += mean[j] as number;
      return x;
    });
  }

  /** Output names: the input names (one output per input). */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    if (this.#mean === null) throw notFitted('StandardScaler.featureNamesOut');
    return defaultNames(this.#mean.length, inputNames ?? this.#names);
  }

  /** Parameters and fitted state; `fromJSON` restores identical numbers. */
  toJSON(): TransformerJSON {
    return {
      type: 'StandardScaler',
      version: 1,
      withMean: this.withMean,
      withStd: this.withStd,
      featureNames: this.#names,
      nSamplesSeen: this.#n,
      mean: encodeNumbers(this.#mean),
      variance: encodeNumbers(this.#var),
      scale: encodeNumbers(this.#scale),
    };
  }

  /**
   * Restores a scaler saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = StandardScaler.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): StandardScaler {
    const j = checkJSON(json, 'StandardScaler');
    const s = new StandardScaler({ withMean: j.withMean as boolean, withStd: j.withStd as boolean });
    s.#mean = decodeNumbers(j.mean, 'StandardScaler.fromJSON: json.mean');
    s.#var = decodeNumbers(j.variance, 'StandardScaler.fromJSON: json.variance');
    s.#scale = decodeNumbers(j.scale, 'StandardScaler.fromJSON: json.scale');
    s.#n = Number(j.nSamplesSeen ?? 0);
    s.#names = (j.featureNames as string[] | null) ?? null;
    const d = s.#mean?.length;
    if (d !== undefined && (s.#var?.length !== d || s.#scale?.length !== d)) {
      throw new Error('StandardScaler.fromJSON: mean, variance and scale must have the same length');
    }
    return s;
  }
}
