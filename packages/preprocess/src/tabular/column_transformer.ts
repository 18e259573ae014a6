import { describe } from '../random_source.js';
import { transformerFromJSON } from './registry.js';
import { checkJSON, notFitted, type Cell, type TableTransformer, type TransformerJSON } from './transformer.js';

/**
 * One entry of a {@link ColumnTransformer}: a name, a transformer and the columns it reads.
 *
 * @example
 * ```ts
 * const spec: ColumnSpec = { name: 'num', transformer: new StandardScaler(), columns: ['age'] };
 * ```
 */
export interface ColumnSpec {
  name: string;
  transformer: TableTransformer;
  columns: readonly string[];
}

/**
 * Options for {@link ColumnTransformer}.
 *
 * @example
 * ```ts
 * new ColumnTransformer(specs, { remainder: 'passthrough' });
 * ```
 */
export interface ColumnTransformerOptions {
  /**
   * Columns no entry names: `'drop'` (default, as scikit-learn) leaves them out of the output;
   * `'passthrough'` appends them unchanged (they must then be numeric).
   */
  remainder?: 'drop' | 'passthrough';
}

/**
 * A record (one row of named columns), as `fromCsv` yields.
 *
 * @example
 * ```ts
 * const rec: TableRecord = { age: 34, city: 'Paris' };
 * ```
 */
export type TableRecord = Readonly<Record<string, Cell>>;

/**
 * Applies transformers to named columns of records and concatenates their outputs into one
 * numeric matrix, as scikit-learn's ColumnTransformer. Output column names come from
 * `featureNamesOut()` (`num__age`, `cat__city_Paris`, ...). Saved with `toJSON`, it replays
 * the exact numbers at serving time.
 *
 * @example
 * ```ts
 * const ct = new ColumnTransformer([
 *   { name: 'num', transformer: new Pipeline([new SimpleImputer(), new StandardScaler()]), columns: ['age', 'income'] },
 *   { name: 'cat', transformer: new OneHotEncoder({ handleUnknown: 'ignore' }), columns: ['city'] },
 * ]);
 * const X = ct.fitTransform(rows); // number[][]
 * const same = ColumnTransformer.fromJSON(JSON.parse(JSON.stringify(ct))).transform(rows);
 * ```
 */
export class ColumnTransformer {
  readonly specs: readonly ColumnSpec[];
  readonly remainder: 'drop' | 'passthrough';
  #inputColumns: string[] | null = null;
  #remainderColumns: string[] | null = null;

  constructor(specs: readonly ColumnSpec[], options: ColumnTransformerOptions = {}) {
    const where = 'ColumnTransformer';
    if (!Array.isArray(specs) || specs.length === 0) throw new Error(`${where}: specs must be a non-empty array of { name, transformer, columns }; got ${describe(specs)}`);
    const names = new Set<string>();
    specs.forEach((s, i) => {
      if (s === null || typeof s !== 'object') throw new Error(`${where}: specs[${i}] must be { name, transformer, columns }; got ${describe(s)}`);
      if (typeof s.name !== 'string' || s.name.length === 0) throw new Error(`${where}: specs[${i}].name must be a non-empty string`);
      if (names.has(s.name)) throw new Error(`${where}: specs name ${JSON.stringify(s.name)} twice`);
      names.add(s.name);
      if (s.transformer === null || typeof s.transformer !== 'object' || typeof s.transformer.fit !== 'function') {
        throw new Error(`${where}: specs[${i}].transformer must be a transformer (fit/transform); got ${describe(s.transformer)}`);
      }
      if (!Array.isArray(s.columns) || s.columns.length === 0 || (s.columns as readonly unknown[]).some((c) => typeof c !== 'string')) {
        throw new Error(`${where}: specs[${i}].columns must be a non-empty array of column names`);
      }
    });
    this.specs = specs.map((s) => ({ name: s.name, transformer: s.transformer, columns: [...s.columns] }));
    this.remainder = options.remainder ?? 'drop';
    if (this.remainder !== 'drop' && this.remainder !== 'passthrough') {
      throw new Error(`${where}: options.remainder must be 'drop' or 'passthrough'; got ${describe(this.remainder)}`);
    }
  }

  get fitted(): boolean {
    return this.#inputColumns !== null && this.specs.every((s) => s.transformer.fitted);
  }

  /** Fits each transformer on its columns. */
  fit(records: readonly TableRecord[]): this {
    this.fitTransform(records);
    return this;
  }

  /** Fits each transformer and returns the concatenated output. */
  fitTransform(records: readonly TableRecord[]): number[][] {
    const where = 'ColumnTransformer.fit';
    checkRecords(records, where);
    const columns = Object.keys(records[0] as TableRecord);
    const named = new Set(this.specs.flatMap((s) => s.columns));
    const missing = [...named].filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new Error(`${where}: records have no column ${missing.map((c) => JSON.stringify(c)).join(', ')} (they have ${columns.join(', ')})`);
    this.#inputColumns = columns;
    this.#remainderColumns = columns.filter((c) => !named.has(c));
    const blocks = this.specs.map((s) => s.transformer.fitTransform(select(records, s.columns, where), s.columns));
    return this.#assemble(records, blocks, where);
  }

  /** Transforms records with the fitted transformers. */
  transform(records: readonly TableRecord[]): number[][] {
    const where = 'ColumnTransformer.transform';
    if (!this.fitted) throw notFitted(where);
    checkRecords(records, where);
    const blocks = this.specs.map((s) => s.transformer.transform(select(records, s.columns, where)));
    return this.#assemble(records, blocks, where);
  }

  #assemble(records: readonly TableRecord[], blocks: Cell[][][], where: string): number[][] {
    const rest = this.remainder === 'passthrough' ? select(records, this.#remainderColumns as string[], where) : null;
    const names = this.featureNamesOut();
    return records.map((_, i) => {
      const row: number[] = [];
      for (const block of blocks) for (const v of block[i] as Cell[]) row.push(v as number);
      if (rest !== null) for (const v of rest[i] as Cell[]) row.push(v as number);
      row.forEach((v, k) => {
        if (typeof v !== 'number' || Number.isNaN(v)) {
          throw new Error(`${where}: output column ${JSON.stringify(names[k])} of row ${i} is not a number (${describe(v)}); encode or impute that column`);
        }
      });
      return row;
    });
  }

  /** `<entry>__<feature>` per output column, then the passthrough columns as `remainder__<column>`. */
  featureNamesOut(): string[] {
    if (this.#inputColumns === null) throw notFitted('ColumnTransformer.featureNamesOut');
    const out = this.specs.flatMap((s) => s.transformer.featureNamesOut(s.columns).map((f) => `${s.name}__${f}`));
    if (this.remainder === 'passthrough') out.push(...(this.#remainderColumns as string[]).map((c) => `remainder__${c}`));
    return out;
  }

  /** Entries, their fitted state and the column layout. */
  toJSON(): TransformerJSON {
    return {
      type: 'ColumnTransformer',
      version: 1,
      remainder: this.remainder,
      inputColumns: this.#inputColumns,
      remainderColumns: this.#remainderColumns,
      specs: this.specs.map((s) => ({ name: s.name, columns: [...s.columns], transformer: s.transformer.toJSON() })),
    };
  }

  /**
   * Restores a column transformer saved with `toJSON`.
   *
   * @example
   * ```ts
   * const serving = ColumnTransformer.fromJSON(JSON.parse(savedText));
   * ```
   */
  static fromJSON(json: unknown): ColumnTransformer {
    const j = checkJSON(json, 'ColumnTransformer');
    if (!Array.isArray(j.specs)) throw new Error('ColumnTransformer.fromJSON: json.specs must be an array');
    const ct = new ColumnTransformer(
      j.specs.map((s: { name: string; columns: string[]; transformer: unknown }) => ({
        name: s.name,
        columns: s.columns,
        transformer: transformerFromJSON(s.transformer),
      })),
      { remainder: j.remainder as 'drop' | 'passthrough' },
    );
    ct.#inputColumns = (j.inputColumns as string[] | null) ?? null;
    ct.#remainderColumns = (j.remainderColumns as string[] | null) ?? null;
    return ct;
  }
}

function checkRecords(records: readonly TableRecord[], where: string): void {
  if (!Array.isArray(records)) throw new Error(`${where}: records must be an array of objects; got ${describe(records)}`);
  if (records.length === 0) throw new Error(`${where}: records is empty; expected at least one`);
  records.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`${where}: records[${i}] must be an object of column values; got ${describe(r)}`);
  });
}

function select(records: readonly TableRecord[], columns: readonly string[], where: string): Cell[][] {
  return records.map((r, i) =>
    columns.map((c) => {
      if (!(c in r)) throw new Error(`${where}: records[${i}] has no column ${JSON.stringify(c)}`);
      return r[c];
    }),
  );
}
