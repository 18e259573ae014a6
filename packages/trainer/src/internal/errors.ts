/**
 * Error helpers. Every input error names the function, the argument, what was expected and
 * what came, so a user can fix the call without reading the source.
 */

/** Throws `Error("<fn>: <arg> must <expected>; got <got>")`. */
export function fail(fn: string, arg: string, expected: string, got: string): never {
  throw new Error(`${fn}: ${arg} must ${expected}; got ${got}`);
}

/** A short, readable rendering of a value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    const head = value.slice(0, 6).map(show).join(', ');
    return `[${head}${value.length > 6 ? `, ... (${value.length} items)` : ''}]`;
  }
  if (typeof value === 'object') {
    const shape = (value as { shape?: unknown }).shape;
    if (Array.isArray(shape)) return `a tensor of shape [${shape.join(', ')}]`;
    return (value as object).constructor?.name ?? 'object';
  }
  return typeof value;
}

/** Checks a finite number, optionally within bounds. */
export function checkNumber(
  fn: string,
  arg: string,
  value: unknown,
  opts: { min?: number; max?: number; exclusiveMin?: boolean; integer?: boolean } = {},
): number {
  const { min, max, exclusiveMin, integer } = opts;
  let expected = integer ? 'be an integer' : 'be a finite number';
  if (min !== undefined) expected += exclusiveMin ? ` > ${min}` : ` >= ${min}`;
  if (max !== undefined) expected += ` and <= ${max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(fn, arg, expected, show(value));
  if (integer && !Number.isInteger(value)) fail(fn, arg, expected, show(value));
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) fail(fn, arg, expected, show(value));
  if (max !== undefined && value > max) fail(fn, arg, expected, show(value));
  return value;
}

/** Duck-typed tensor check, so a tensor from another bundle of tfjs-core still counts. */
export function isTensorLike(x: unknown): x is { shape: number[]; dtype: string; dataSync(): unknown } {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { dataSync?: unknown }).dataSync === 'function' &&
    Array.isArray((x as { shape?: unknown }).shape)
  );
}

/** A plain object check for options arguments. */
export function checkOptions<T extends object>(fn: string, arg: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(fn, arg, 'be an options object', show(value));
  return value;
}
