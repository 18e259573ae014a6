import { describe } from '../random_source.js';
import { decodeNumber, encodeNumber, type JsonNumber } from './json_numbers.js';
import type { Cell } from './transformer.js';

/**
 * A category or class label.
 *
 * @example
 * ```ts
 * const labels: Category[] = ['cat', 'dog'];
 * ```
 */
export type Category = string | number | boolean;

/** True for the cells that mean "missing": null, undefined and NaN. */
export function isMissing(v: unknown): v is null | undefined | number {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

function comparePoints(a: string, b: string): number {
  // Code-point order, as numpy sorts strings (UTF-16 order differs above U+FFFF).
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx - cy;
  }
}

/** Orders categories of one type: numbers ascending, strings by code point, false < true. */
export function compareCategories(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : comparePoints(a, b);
  return Number(a) - Number(b);
}

/**
 * The distinct values, sorted (numpy's `np.unique`). Mixed types, missing values and
 * non-category values are errors naming `what`.
 */
export function sortedUnique(values: Iterable<unknown>, where: string, what: string): Category[] {
  const seen = new Set<Category>();
  let type: string | null = null;
  let i = 0;
  for (const v of values) {
    if (isMissing(v)) throw new Error(`${where}: ${what}[${i}] is missing (${describe(v)}); impute or drop it first`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new Error(`${where}: ${what}[${i}] must be a string, number or boolean; got ${describe(v)}`);
    }
    if (type === null) type = typeof v;
    else if (typeof v !== type) throw new Error(`${where}: ${what} mixes ${type}s and ${typeof v}s (at [${i}]); use one type`);
    seen.add(v);
    i++;
  }
  return [...seen].sort(compareCategories);
}

/** A cell in JSON, tagged so that the string "NaN" and the number NaN stay apart. */
export type JsonCell = { n: JsonNumber } | { s: string } | { b: boolean } | null;

/** Encodes a cell (undefined becomes null). */
export function encodeCell(v: Cell): JsonCell {
  if (typeof v === 'number') return { n: encodeNumber(v) };
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'boolean') return { b: v };
  return null;
}

/** Decodes a cell from {@link encodeCell}. */
export function decodeCell(v: unknown, where: string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('n' in o) return decodeNumber(o.n, where);
    if (typeof o.s === 'string') return o.s;
    if (typeof o.b === 'boolean') return o.b;
  }
  throw new Error(`${where}: expected an encoded cell ({n}, {s} or {b}); got ${JSON.stringify(v)}`);
}
