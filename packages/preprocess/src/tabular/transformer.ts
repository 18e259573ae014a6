/**
 * A table cell as tabular transformers accept it. `NaN`, `null` and `undefined` mean missing.
 *
 * @example
 * ```ts
 * const row: Cell[] = [34, 'Paris', null];
 * ```
 */
export type Cell = number | string | boolean | null | undefined;

/**
 * Rows of cells: `X[i][j]` is sample i, feature j.
 *
 * @example
 * ```ts
 * const X: Table<number> = [[1, 2], [3, 4]];
 * ```
 */
export type Table<C = Cell> = readonly (readonly C[])[];

/**
 * The serialized form of a transformer: `type` names the class, `version` the format.
 *
 * @example
 * ```ts
 * const saved: TransformerJSON = scaler.toJSON(); // { type: 'StandardScaler', version: 1, ... }
 * ```
 */
export interface TransformerJSON {
  type: string;
  version: 1;
  [key: string]: unknown;
}

/**
 * The fit/transform/inverse contract the tabular transformers share (scikit-learn's shape).
 * `featureNames` given to `fit` are used in error messages and `featureNamesOut`.
 *
 * @example
 * ```ts
 * const steps: TableTransformer[] = [new SimpleImputer(), new StandardScaler()];
 * ```
 */
export interface TableTransformer {
  readonly fitted: boolean;
  fit(X: Table, featureNames?: readonly string[]): this;
  transform(X: Table): Cell[][];
  fitTransform(X: Table, featureNames?: readonly string[]): Cell[][];
  inverseTransform?(X: Table): Cell[][];
  featureNamesOut(inputNames?: readonly string[]): string[];
  toJSON(): TransformerJSON;
}

/** Throws the "transform before fit" error. */
export function notFitted(where: string): Error {
  return new Error(`${where}: not fitted yet; call fit(X) (or fitTransform) first`);
}

/** Checks a serialized transformer's header. */
export function checkJSON(json: unknown, type: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object') throw new Error(`${type}.fromJSON: expected an object from ${type}.toJSON(); got ${json === null ? 'null' : typeof json}`);
  const j = json as Record<string, unknown>;
  if (j.type !== type) throw new Error(`${type}.fromJSON: json.type must be ${JSON.stringify(type)}; got ${JSON.stringify(j.type)}`);
  if (j.version !== 1) throw new Error(`${type}.fromJSON: json.version must be 1; got ${JSON.stringify(j.version)}`);
  return j;
}

/** The name of column j in messages: `column "age"` or `column 3`. */
export function columnName(j: number, names: readonly string[] | null | undefined): string {
  const n = names?.[j];
  return n !== undefined ? `column ${JSON.stringify(n)}` : `column ${j}`;
}

/** Default output names: the given names, or x0, x1, ... as scikit-learn does. */
export function defaultNames(d: number, names: readonly string[] | null | undefined): string[] {
  return Array.from({ length: d }, (_, j) => names?.[j] ?? `x${j}`);
}

/** Validates optional feature names against a column count. */
export function checkFeatureNames(names: readonly string[] | undefined, d: number, where: string): string[] | null {
  if (names === undefined) return null;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new Error(`${where}: featureNames must be an array of strings`);
  if (names.length !== d) throw new Error(`${where}: featureNames has ${names.length} names but X has ${d} columns`);
  return [...names];
}
