import { describe } from '../random_source.js';
import { decodeCell, encodeCell, isMissing, sortedUnique, type Category } from './categories.js';
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
 * Options for {@link OneHotEncoder}.
 *
 * @example
 * ```ts
 * new OneHotEncoder({ handleUnknown: 'ignore', categories: [['S', 'M', 'L']] });
 * ```
 */
export interface OneHotEncoderOptions {
  /**
   * A category not seen in fit: `'error'` (default) throws naming the cell; `'ignore'` encodes
   * it as all zeros (and `inverseTransform` gives null for an all-zero block).
   */
  handleUnknown?: 'error' | 'ignore';
  /** The categories of each column, instead of learning them (sorted either way). */
  categories?: readonly (readonly Category[])[];
}

/**
 * One-hot encodes categorical columns as scikit-learn's OneHotEncoder (dense output): each
 * column's categories are the sorted distinct values seen in fit, and each becomes one 0/1
 * output column named `<column>_<category>`. Missing cells are an error (impute first).
 *
 * @example
 * ```ts
 * const enc = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['Male', 1], ['Female', 3], ['Female', 2]]);
 * enc.categories;                          // [['Female', 'Male'], [1, 2, 3]]
 * enc.transform([['Female', 1], ['Male', 4]]); // [[1, 0, 1, 0, 0], [0, 1, 0, 0, 0]]
 * enc.featureNamesOut(['gender', 'group']); // ['gender_Female', 'gender_Male', 'group_1', ...]
 * ```
 */
export class OneHotEncoder implements TableTransformer {
  readonly handleUnknown: 'error' | 'ignore';
  readonly #given: Category[][] | null;
  #categories: Category[][] | null = null;
  #lookup: Map<Category, number>[] | null = null;
  #names: string[] | null = null;

  constructor(options: OneHotEncoderOptions = {}) {
    this.handleUnknown = options.handleUnknown ?? 'error';
    if (this.handleUnknown !== 'error' && this.handleUnknown !== 'ignore') {
      throw new Error(`OneHotEncoder: options.handleUnknown must be 'error' or 'ignore'; got ${describe(this.handleUnknown)}`);
    }
    if (options.categories !== undefined) {
      if (!Array.isArray(options.categories)) throw new Error('OneHotEncoder: options.categories must be an array of category lists, one per column');
      this.#given = options.categories.map((c, j) => {
        const sorted = sortedUnique(c, 'OneHotEncoder', `options.categories[${j}]`);
        if (sorted.length !== c.length) throw new Error(`OneHotEncoder: options.categories[${j}] lists a category twice`);
        return sorted;
      });
    } else this.#given = null;
  }

  get fitted(): boolean {
    return this.#categories !== null;
  }

  /** The sorted categories of each column (sklearn `categories_`). */
  get categories(): Category[][] {
    if (this.#categories === null) throw notFitted('OneHotEncoder.categories');
    return this.#categories.map((c) => [...c]);
  }

  /** Learns each column's categories. */
  fit(X: Table, featureNames?: readonly string[]): this {
    const where = 'OneHotEncoder.fit';
    const d = checkRows(X, where);
    this.#names = checkFeatureNames(featureNames, d, where);
    let cats: Category[][];
    if (this.#given !== null) {
      if (this.#given.length !== d) throw new Error(`${where}: options.categories has ${this.#given.length} lists but X has ${d} columns`);
      cats = this.#given.map((c) => [...c]);
      this.#setCategories(cats);
      this.#encode(X, where, true); // every value must be among the given categories
    } else {
      cats = [];
      for (let j = 0; j < d; j++) {
        cats.push(sortedUnique(X.map((r) => r[j]), where, `${columnName(j, this.#names)} of X`));
      }
      this.#setCategories(cats);
    }
    return this;
  }

  #setCategories(cats: Category[][]): void {
    this.#categories = cats;
    this.#lookup = cats.map((c) => new Map(c.map((v, k) => [v, k])));
  }

  /** 0/1 columns, one block per input column. */
  transform(X: Table): number[][] {
    const where = 'OneHotEncoder.transform';
    if (this.#categories === null) throw notFitted(where);
    checkRows(X, where, this.#categories.length);
    return this.#encode(X, where, false);
  }

  #encode(X: Table, where: string, strict: boolean): number[][] {
    const cats = this.#categories as Category[][];
    const lookup = this.#lookup as Map<Category, number>[];
    const width = cats.reduce((a, c) => a + c.length, 0);
    return X.map((row, i) => {
      const out = new Array<number>(width).fill(0);
      let offset = 0;
      for (let j = 0; j < cats.length; j++) {
        const v = row[j];
        if (isMissing(v)) throw new Error(`${where}: X[${i}][${j}] (${columnName(j, this.#names)}) is missing (${describe(v)}); impute it first (SimpleImputer)`);
        const k = lookup[j]?.get(v as Category);
        if (k === undefined) {
          if (strict || this.handleUnknown === 'error') {
            throw new Error(
              `${where}: X[${i}][${j}] (${columnName(j, this.#names)}) is a category not seen in fit` +
                (strict ? ' (not in options.categories)' : "; pass handleUnknown: 'ignore' to encode unknown categories as all zeros"),
            );
          }
        } else out[offset + k] = 1;
        offset += (cats[j] as Category[]).length;
      }
      return out;
    });
  }

  /** fit then transform. */
  fitTransform(X: Table, featureNames?: readonly string[]): number[][] {
    return this.fit(X, featureNames).transform(X);
  }

  /**
   * Back to categories. A block must be one-hot; an all-zero block gives null when
   * `handleUnknown` is 'ignore' and is an error otherwise.
   */
  inverseTransform(X: Table): Cell[][] {
    const where = 'OneHotEncoder.inverseTransform';
    if (this.#categories === null) throw notFitted(where);
    const cats = this.#categories;
    const width = cats.reduce((a, c) => a + c.length, 0);
    checkRows(X, where, width);
    return X.map((row, i) => {
      const out: Cell[] = [];
      let offset = 0;
      for (let j = 0; j < cats.length; j++) {
        const c = cats[j] as Category[];
        let hot = -1;
        for (let k = 0; k < c.length; k++) {
          const v = row[offset + k];
          if (v === 1) {
            if (hot !== -1) throw new Error(`${where}: X[${i}] has more than one 1 in the block of ${columnName(j, this.#names)}`);
            hot = k;
          } else if (v !== 0) throw new Error(`${where}: X[${i}][${offset + k}] must be 0 or 1; got ${describe(v)}`);
        }
        if (hot === -1) {
          if (this.handleUnknown !== 'ignore') throw new Error(`${where}: X[${i}] has an all-zero block for ${columnName(j, this.#names)} (only valid with handleUnknown: 'ignore')`);
          out.push(null);
        } else out.push(c[hot] as Category);
        offset += c.length;
      }
      return out;
    });
  }

  /** `<name>_<category>` per output column (names default to x0, x1, ...). */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    if (this.#categories === null) throw notFitted('OneHotEncoder.featureNamesOut');
    const names = defaultNames(this.#categories.length, inputNames ?? this.#names);
    return this.#categories.flatMap((c, j) => c.map((v) => `${names[j]}_${String(v)}`));
  }

  /** Parameters and fitted state. */
  toJSON(): TransformerJSON {
    return {
      type: 'OneHotEncoder',
      version: 1,
      handleUnknown: this.handleUnknown,
      givenCategories: this.#given === null ? null : this.#given.map((c) => c.map(encodeCell)),
      featureNames: this.#names,
      categories: this.#categories === null ? null : this.#categories.map((c) => c.map(encodeCell)),
    };
  }

  /**
   * Restores an encoder saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = OneHotEncoder.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): OneHotEncoder {
    const j = checkJSON(json, 'OneHotEncoder');
    const decode = (lists: unknown, name: string): Category[][] | null =>
      Array.isArray(lists)
        ? lists.map((c: unknown[], a) => c.map((v, b) => decodeCell(v, `OneHotEncoder.fromJSON: json.${name}[${a}][${b}]`) as Category))
        : null;
    const given = decode(j.givenCategories, 'givenCategories');
    const enc = new OneHotEncoder({ handleUnknown: j.handleUnknown as 'error' | 'ignore', ...(given ? { categories: given } : {}) });
    const cats = decode(j.categories, 'categories');
    if (cats !== null) enc.#setCategories(cats);
    enc.#names = (j.featureNames as string[] | null) ?? null;
    return enc;
  }
}

function checkRows(X: Table, where: string, d?: number): number {
  if (!Array.isArray(X)) throw new Error(`${where}: X must be an array of rows; got ${describe(X)}`);
  if (X.length === 0) throw new Error(`${where}: X has no rows; expected at least one`);
  const width = d ?? (Array.isArray(X[0]) ? (X[0] as readonly Cell[]).length : -1);
  X.forEach((row, i) => {
    if (!Array.isArray(row)) throw new Error(`${where}: X[${i}] must be an array; got ${describe(row)}`);
    if (row.length !== width) throw new Error(`${where}: X[${i}] has ${row.length} values but ${d === undefined ? 'X[0] has' : 'the encoder expects'} ${width}`);
  });
  return width;
}
