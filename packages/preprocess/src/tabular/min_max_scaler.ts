import { decodeNumbers, encodeNumbers } from './json_numbers.js';
import { mapTable, readNumericTable } from './numeric_table.js';
import { checkFeatureNames, checkJSON, defaultNames, notFitted, type Table, type TableTransformer, type TransformerJSON } from './transformer.js';

/**
 * Options for {@link MinMaxScaler} (scikit-learn's `feature_range`, `clip`).
 *
 * @example
 * ```ts
 * new MinMaxScaler({ featureRange: [-1, 1], clip: true });
 * ```
 */
export interface MinMaxScalerOptions {
  /** Target range `[min, max]`, min < max. Default `[0, 1]`. */
  featureRange?: readonly [number, number];
  /** Clip transformed values of unseen data into the range. Default false. */
  clip?: boolean;
}

const TINY = 10 * 2 ** -52;

/**
 * Scales each feature to `featureRange` as scikit-learn's MinMaxScaler:
 * x * scale + min with scale = (hi - lo) / (dataMax - dataMin) and min = lo - dataMin * scale.
 * A feature whose range is below 10 * machine epsilon gets scale (hi - lo) (sklearn's
 * `_handle_zeros_in_scale`), so a constant feature maps to `lo`. `partialFit` streams.
 *
 * @example
 * ```ts
 * const s = new MinMaxScaler().fit([[-1, 2], [-0.5, 6], [0, 10], [1, 18]]);
 * s.transform([[2, 2]]); // [[1.5, 0]]
 * ```
 */
export class MinMaxScaler implements TableTransformer {
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;
  #dataMin: number[] | null = null;
  #dataMax: number[] | null = null;
  #scale: number[] | null = null;
  #min: number[] | null = null;
  #n = 0;
  #names: string[] | null = null;

  constructor(options: MinMaxScalerOptions = {}) {
    const range = options.featureRange ?? [0, 1];
    if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isFinite(v)) || !(range[0] < range[1])) {
      throw new Error(`MinMaxScaler: options.featureRange must be [min, max] with finite min < max; got ${JSON.stringify(range)}`);
    }
    this.featureRange = [range[0], range[1]];
    this.clip = options.clip ?? false;
    if (typeof this.clip !== 'boolean') throw new Error('MinMaxScaler: options.clip must be a boolean');
  }

  get fitted(): boolean {
    return this.#scale !== null;
  }

  /** Per-feature minimum seen (sklearn `data_min_`). */
  get dataMin(): number[] {
    if (this.#dataMin === null) throw notFitted('MinMaxScaler.dataMin');
    return [...this.#dataMin];
  }

  /** Per-feature maximum seen (sklearn `data_max_`). */
  get dataMax(): number[] {
    if (this.#dataMax === null) throw notFitted('MinMaxScaler.dataMax');
    return [...this.#dataMax];
  }

  /** Per-feature multiplier (sklearn `scale_`). */
  get scale(): number[] {
    if (this.#scale === null) throw notFitted('MinMaxScaler.scale');
    return [...this.#scale];
  }

  /** Per-feature offset (sklearn `min_`). */
  get min(): number[] {
    if (this.#min === null) throw notFitted('MinMaxScaler.min');
    return [...this.#min];
  }

  /** Samples seen by fit/partialFit. */
  get nSamplesSeen(): number {
    return this.#n;
  }

  /** Learns per-feature min and max (replacing any earlier fit). */
  fit(X: Table<number>, featureNames?: readonly string[]): this {
    this.#dataMin = this.#dataMax = this.#scale = this.#min = null;
    this.#n = 0;
    return this.partialFit(X, featureNames);
  }

  /** Widens the running min and max with one more batch. */
  partialFit(X: Table<number>, featureNames?: readonly string[]): this {
    const where = 'MinMaxScaler.partialFit';
    const { d } = readNumericTable(X, where, { columns: this.#dataMin?.length, names: this.#dataMin === null ? (featureNames ?? null) : this.#names });
    if (this.#dataMin === null) this.#names = checkFeatureNames(featureNames, d, where);
    const lo = this.#dataMin ?? new Array<number>(d).fill(Infinity);
    const hi = this.#dataMax ?? new Array<number>(d).fill(-Infinity);
    for (const row of X) {
      for (let j = 0; j < d; j++) {
        const v = row[j] as number;
        if (v < (lo[j] as number)) lo[j] = v;
        if (v > (hi[j] as number)) hi[j] = v;
      }
    }
    const [a, b] = this.featureRange;
    this.#dataMin = lo;
    this.#dataMax = hi;
    this.#scale = lo.map((l, j) => {
      const range = (hi[j] as number) - l;
      return (b - a) / (range < TINY ? 1 : range);
    });
    this.#min = lo.map((l, j) => a - l * (this.#scale?.[j] as number));
    this.#n += X.length;
    return this;
  }

  /** x * scale + min (clipped into the range when `clip`). */
  transform(X: Table<number>): number[][] {
    const where = 'MinMaxScaler.transform';
    if (this.#scale === null || this.#min === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#scale.length, names: this.#names });
    const scale = this.#scale;
    const min = this.#min;
    const [a, b] = this.featureRange;
    const clip = this.clip;
    return mapTable(X, (v, j) => {
      const x = v * (scale[j] as number) + (min[j] as number);
      return clip ? Math.min(Math.max(x, a), b) : x;
    });
  }

  /** fit then transform. */
  fitTransform(X: Table<number>, featureNames?: readonly string[]): number[][] {
    return this.fit(X, featureNames).transform(X);
  }

  /** (x - min) / scale: undoes `transform` (not a clip). */
  inverseTransform(X: Table<number>): number[][] {
    const where = 'MinMaxScaler.inverseTransform';
    if (this.#scale === null || this.#min === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#scale.length, names: this.#names });
    const scale = this.#scale;
    const min = this.#min;
    return mapTable(X, (v, j) => (v - (min[j] as number)) / (scale[j] as number));
  }

  /** Output names: the input names. */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    if (this.#scale === null) throw notFitted('MinMaxScaler.featureNamesOut');
    return defaultNames(this.#scale.length, inputNames ?? this.#names);
  }

  /** Parameters and fitted state; `fromJSON` restores identical numbers. */
  toJSON(): TransformerJSON {
    return {
      type: 'MinMaxScaler',
      version: 1,
      featureRange: [...this.featureRange],
      clip: this.clip,
      featureNames: this.#names,
      nSamplesSeen: this.#n,
      dataMin: encodeNumbers(this.#dataMin),
      dataMax: encodeNumbers(this.#dataMax),
      scale: encodeNumbers(this.#scale),
      min: encodeNumbers(this.#min),
    };
  }

  /**
   * Restores a scaler saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = MinMaxScaler.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): MinMaxScaler {
    const j = checkJSON(json, 'MinMaxScaler');
    const s = new MinMaxScaler({ featureRange: j.featureRange as [number, number], clip: j.clip as boolean });
    s.#dataMin = decodeNumbers(j.dataMin, 'MinMaxScaler.fromJSON: json.dataMin');
    s.#dataMax = decodeNumbers(j.dataMax, 'MinMaxScaler.fromJSON: json.dataMax');
    s.#scale = decodeNumbers(j.scale, 'MinMaxScaler.fromJSON: json.scale');
    s.#min = decodeNumbers(j.min, 'MinMaxScaler.fromJSON: json.min');
    s.#n = Number(j.nSamplesSeen ?? 0);
    s.#names = (j.featureNames as string[] | null) ?? null;
    return s;
  }
}
