import { describe } from '../random_source.js';
import { decodeCell, encodeCell, sortedUnique, type Category } from './categories.js';
import { checkJSON, notFitted, type TransformerJSON } from './transformer.js';

/**
 * Encodes class labels as 0..k-1 in sorted label order, as scikit-learn's LabelEncoder.
 * Unknown labels in `transform` and out-of-range ids in `inverseTransform` are errors.
 *
 * @example
 * ```ts
 * const le = new LabelEncoder().fit(['paris', 'paris', 'tokyo', 'amsterdam']);
 * le.classes;                       // ['amsterdam', 'paris', 'tokyo']
 * le.transform(['tokyo', 'paris']); // [2, 1]
 * le.inverseTransform([2, 0]);      // ['tokyo', 'amsterdam']
 * ```
 */
export class LabelEncoder {
  #classes: Category[] | null = null;
  #lookup: Map<Category, number> | null = null;

  get fitted(): boolean {
    return this.#classes !== null;
  }

  /** The sorted distinct labels (sklearn `classes_`). */
  get classes(): Category[] {
    if (this.#classes === null) throw notFitted('LabelEncoder.classes');
    return [...this.#classes];
  }

  /** Learns the classes of `y`. */
  fit(y: readonly Category[]): this {
    const where = 'LabelEncoder.fit';
    if (!Array.isArray(y)) throw new Error(`${where}: y must be an array of labels; got ${describe(y)}`);
    if (y.length === 0) throw new Error(`${where}: y is empty; expected at least one label`);
    this.#set(sortedUnique(y, where, 'y'));
    return this;
  }

  #set(classes: Category[]): void {
    this.#classes = classes;
    this.#lookup = new Map(classes.map((c, i) => [c, i]));
  }

  /** Labels to ids. */
  transform(y: readonly Category[]): number[] {
    const where = 'LabelEncoder.transform';
    if (this.#lookup === null) throw notFitted(where);
    if (!Array.isArray(y)) throw new Error(`${where}: y must be an array of labels; got ${describe(y)}`);
    const lookup = this.#lookup;
    return y.map((v, i) => {
      const k = lookup.get(v);
      if (k === undefined) throw new Error(`${where}: y[${i}] is a label not seen in fit (${describe(v)})`);
      return k;
    });
  }

  /** fit then transform. */
  fitTransform(y: readonly Category[]): number[] {
    return this.fit(y).transform(y);
  }

  /** Ids back to labels. */
  inverseTransform(ids: readonly number[]): Category[] {
    const where = 'LabelEncoder.inverseTransform';
    if (this.#classes === null) throw notFitted(where);
    const classes = this.#classes;
    if (!Array.isArray(ids) && !ArrayBuffer.isView(ids)) throw new Error(`${where}: ids must be an array of integers; got ${describe(ids)}`);
    return Array.from(ids, (k, i) => {
      if (!Number.isInteger(k) || k < 0 || k >= classes.length) {
        throw new Error(`${where}: ids[${i}] must be an integer in [0, ${classes.length - 1}]; got ${describe(k)}`);
      }
      return classes[k] as Category;
    });
  }

  /** The classes, for `fromJSON`. */
  toJSON(): TransformerJSON {
    return { type: 'LabelEncoder', version: 1, classes: this.#classes === null ? null : this.#classes.map(encodeCell) };
  }

  /**
   * Restores an encoder saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = LabelEncoder.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): LabelEncoder {
    const j = checkJSON(json, 'LabelEncoder');
    const le = new LabelEncoder();
    if (Array.isArray(j.classes)) le.#set(j.classes.map((v, i) => decodeCell(v, `LabelEncoder.fromJSON: json.classes[${i}]`) as Category));
    return le;
  }
}
