import { describe } from '../random_source.js';
import { columnName, type Table } from './transformer.js';

/** Options for {@link readNumericTable}. */
export interface ReadNumericOptions {
  /** Expected column count (from fit). */
  columns?: number;
  /** Accept NaN (missing) cells; otherwise NaN is an error naming the column. */
  allowNaN?: boolean;
  names?: readonly string[] | null;
}

/**
 * Validates a numeric table and returns its shape. Every message names the argument, the cell
 * and the column: `StandardScaler.fit: X[3][1] (column "income") is NaN; ...`.
 */
export function readNumericTable(X: Table, where: string, options: ReadNumericOptions = {}): { n: number; d: number } {
  if (!Array.isArray(X)) throw new Error(`${where}: X must be an array of rows; got ${describe(X)}`);
  if (X.length === 0) throw new Error(`${where}: X has no rows; expected at least one`);
  const first = X[0];
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) throw new Error(`${where}: X[0] must be an array of numbers; got ${describe(first)}`);
  const d = (first as ArrayLike<unknown>).length;
  if (options.columns !== undefined && d !== options.columns) {
    throw new Error(`${where}: X has ${d} columns but the transformer was fitted on ${options.columns}`);
  }
  for (let i = 0; i < X.length; i++) {
    const row = X[i] as unknown;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw new Error(`${where}: X[${i}] must be an array of numbers; got ${describe(row)}`);
    const r = row as ArrayLike<unknown>;
    if (r.length !== d) throw new Error(`${where}: X[${i}] has ${r.length} values but X[0] has ${d}`);
    for (let j = 0; j < d; j++) {
      const v = r[j];
      if (typeof v !== 'number') {
        throw new Error(`${where}: X[${i}][${j}] (${columnName(j, options.names)}) must be a number; got ${describe(v)}`);
      }
      if (Number.isNaN(v) && !options.allowNaN) {
        throw new Error(
          `${where}: X[${i}][${j}] (${columnName(j, options.names)}) is NaN (a missing value); impute it first (SimpleImputer) or drop the row`,
        );
      }
      if (v === Infinity || v === -Infinity) {
        throw new Error(`${where}: X[${i}][${j}] (${columnName(j, options.names)}) is ${v > 0 ? '' : '-'}Infinity; expected a finite number`);
      }
    }
  }
  return { n: X.length, d };
}

/** Column j of a validated numeric table, as float64. */
export function column(X: Table, j: number): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) out[i] = (X[i] as ArrayLike<number>)[j] as number;
  return out;
}

/** Applies `f(value, j)` to every cell of a validated numeric table. */
export function mapTable(X: Table, f: (v: number, j: number) => number): number[][] {
  return X.map((row) => {
    const r = row as ArrayLike<number>;
    const out = new Array<number>(r.length);
    for (let j = 0; j < r.length; j++) out[j] = f(r[j] as number, j);
    return out;
  });
}
