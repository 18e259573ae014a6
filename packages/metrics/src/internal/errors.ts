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
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    const head = value.slice(0, 6).map(show).join(', ');
    return `[${head}${value.length > 6 ? `, ... (${value.length} items)` : ''}]`;
  }
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** Lists numbers as "0, 1, 2" (capped) for messages about label sets. */
export function showList(values: readonly number[], max = 10): string {
  const head = values.slice(0, max).join(', ');
  return values.length > max ? `${head}, ... (${values.length} values)` : head;
}
