import { decodeNumbers, encodeNumbers } from './json_numbers.js';
import { column, mapTable, readNumericTable } from './numeric_table.js';
import { medianSorted, percentileSorted, sortedCopy } from './quantile.js';
import { checkFeatureNames, checkJSON, defaultNames, notFitted, type Table, type TableTransformer, type TransformerJSON } from './transformer.js';

/**
 * Options for {@link RobustScaler} (scikit-learn's `with_centering`, `with_scaling`, `quantile_range`).
 *
 * @example
 * ```ts
 * new RobustScaler({ quantileRange: [10, 90] });
 * ```
 */
export interface RobustScalerOptions {
  withCentering?: boolean;
  withScaling?: boolean;
  /** Percentiles `[qMin, qMax]` with 0 <= qMin <= qMax <= 100. Default `[25, 75]` (the IQR). */
  quantileRange?: readonly [number, number];
}

const TINY = 10 * 2 ** -52;

/**
 * Centers on the median and scales by a quantile range, as scikit-learn's RobustScaler:
 * (x - median) / (q[qMax] - q[qMin]), with numpy's linear-interpolation percentiles. A
 * feature whose range is below 10 * machine epsilon keeps scale 1.
 *
 * @example
 * ```ts
 * const s = new RobustScaler().fit([[1, -2, 2], [-2, 1, 3], [4, 1, -2]]);
 * s.transform([[1, -2, 2]]); // [[0, -2, 0]]
 * ```
 */
export class RobustScaler implements TableTransformer {
  readonly withCentering: boolean;
  readonly withScaling: boolean;
  readonly quantileRange: readonly [number, number];
  #center: number[] | null = null;
  #scale: number[] | null = null;
  #d: number | null = null;
  #names: string[] | null = null;

  constructor(options: RobustScalerOptions = {}) {
    this.withCentering = options.withCentering ?? true;
    this.withScaling = options.withScaling ?? true;
    const q = options.quantileRange ?? [25, 75];
    if (!Array.isArray(q) || q.length !== 2 || !(q[0] >= 0 && q[0] <= q[1] && q[1] <= 100)) {
      throw new Error(`RobustScaler: options.quantileRange must be [qMin, qMax] with 0 <= qMin <= qMax <= 100; got ${JSON.stringify(q)}`);
    }
    this.quantileRange = [q[0], q[1]];
  }

  get fitted(): boolean {
    return this.#d !== null;
  }

  /** Per-feature median (sklearn `center_`), or null without centering. */
  get center(): number[] | null {
    if (this.#d === null) throw notFitted('RobustScaler.center');
    return this.#center === null ? null : [...this.#center];
  }

  /** Per-feature quantile range (sklearn `scale_`), or null without scaling. */
  get scale(): number[] | null {
    if (this.#d === null) throw notFitted('RobustScaler.scale');
    return this.#scale === null ? null : [...this.#scale];
  }

  /** Computes medians and quantile ranges. */
  fit(X: Table<number>, featureNames?: readonly string[]): this {
    const where = 'RobustScaler.fit';
    const { d } = readNumericTable(X, where, { names: featureNames ?? null });
    this.#names = checkFeatureNames(featureNames, d, where);
    const center: number[] = [];
    const scale: number[] = [];
    for (let j = 0; j < d; j++) {
      const sorted = sortedCopy(column(X, j));
      center.push(medianSorted(sorted));
      const range = percentileSorted(sorted, this.quantileRange[1]) - percentileSorted(sorted, this.quantileRange[0]);
      scale.push(range < TINY ? 1 : range);
    }
    this.#center = this.withCentering ? center : null;
    this.#scale = this.withScaling ? scale : null;
    this.#d = d;
    return this;
  }

  /** (x - center) / scale, per the options. */
  transform(X: Table<number>): number[][] {
    const where = 'RobustScaler.transform';
    if (this.#d === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#d, names: this.#names });
    const c = this.#center;
    const s = this.#scale;
    return mapTable(X, (v, j) => {
      let x = v;
      if (c !== null) x -= c[j] as number;
      if (s !== null) x /= s[j] as number;
      return x;
    });
  }

  /** fit then transform. */
  fitTransform(X: Table<number>, featureNames?: readonly string[]): number[][] {
    return this.fit(X, featureNames).transform(X);
  }

  /** x * scale + center: undoes `transform`. */
  inverseTransform(X: Table<number>): number[][] {
    const where = 'RobustScaler.inverseTransform';
    if (this.#d === null) throw notFitted(where);
    readNumericTable(X, where, { columns: this.#d, names: this.#names });
    const c = this.#center;
    const s = this.#scale;
    return mapTable(X, (v, j) => {
      let x = v;
      if (s !== null) x *= s[j] as number;
      if (c !== null) x += c[j] as number;
      return x;
    });
  }

  /** Output names: the input names. */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    if (this.#d === null) throw notFitted('RobustScaler.featureNamesOut');
    return defaultNames(this.#d, inputNames ?? this.#names);
  }

  /** Parameters and fitted state; `fromJSON` restores identical numbers. */
  toJSON(): TransformerJSON {
    return {
      type: 'RobustScaler',
      version: 1,
      withCentering: this.withCentering,
      withScaling: this.withScaling,
      quantileRange: [...this.quantileRange],
      featureNames: this.#names,
      nFeatures: this.#d,
      center: encodeNumbers(this.#center),
      scale: encodeNumbers(this.#scale),
    };
  }

  /**
   * Restores a scaler saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = RobustScaler.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): RobustScaler {
    const j = checkJSON(json, 'RobustScaler');
    const s = new RobustScaler({
      withCentering: j.withCentering as boolean,
      withScaling: j.withScaling as boolean,
      quantileRange: j.quantileRange as [number, number],
    });
    s.#center = decodeNumbers(j.center, 'RobustScaler.fromJSON: json.center');
    s.#scale = decodeNumbers(j.scale, 'RobustScaler.fromJSON: json.scale');
    s.#d = (j.nFeatures as number | null) ?? null;
    s.#names = (j.featureNames as string[] | null) ?? null;
    return s;
  }
}
