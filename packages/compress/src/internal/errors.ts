/**
 * Error helpers: every input error names the function, the argument, what was expected and what
 * came, so a caller can fix the call without reading the source.
 */

/**
 * Throws `Error("<fn>: <arg> must <expected>; got <got>")`.
 *
 * @example
 * ```ts
 * fail('pruneFilters', 'options.fraction', 'be in [0, 1)', '1'); // throws
 * ```
 */
export function fail(fn: string, arg: string, expected: string, got: string): never {
  throw new Error(`${fn}: ${arg} must ${expected}; got ${got}`);
}

/**
 * A short rendering of a value for error messages.
 *
 * @example
 * ```ts
 * show([1, 2, 3]); // '[1, 2, 3]'
 * ```
 */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof RegExp) return String(value);
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

/**
 * Checks a finite number, optionally an integer within bounds.
 *
 * @example
 * ```ts
 * checkNumber('f', 'options.groupSize', 32, { min: 1, integer: true }); // 32
 * ```
 */
export function checkNumber(
  fn: string,
  arg: string,
  value: unknown,
  opts: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; integer?: boolean } = {},
): number {
  const { min, max, exclusiveMin, exclusiveMax, integer } = opts;
  let expected = integer ? 'be an integer' : 'be a finite number';
  if (min !== undefined && max !== undefined) {
    expected += ` in ${exclusiveMin ? '(' : '['}${min}, ${max}${exclusiveMax ? ')' : ']'}`;
  } else if (min !== undefined) {
    expected += exclusiveMin ? ` > ${min}` : ` >= ${min}`;
  } else if (max !== undefined) {
    expected += exclusiveMax ? ` < ${max}` : ` <= ${max}`;
  }
  const bad =
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (integer === true && !Number.isInteger(value)) ||
    (min !== undefined && (exclusiveMin ? value <= min : value < min)) ||
    (max !== undefined && (exclusiveMax ? value >= max : value > max));
  if (bad) fail(fn, arg, expected, show(value));
  return value as number;
}

/**
 * Checks an options object (undefined becomes `{}`).
 *
 * @example
 * ```ts
 * const o = checkOptions('f', 'options', options);
 * ```
 */
export function checkOptions<T extends object>(fn: string, arg: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(fn, arg, 'be an options object', show(value));
  return value;
}

/**
 * Checks a value is one of a list of strings.
 *
 * @example
 * ```ts
 * checkEnum('f', 'options.scope', 'global', ['layer', 'global'] as const); // 'global'
 * ```
 */
export function checkEnum<T extends string>(fn: string, arg: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(fn, arg, `be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, show(value));
  }
  return value as T;
}

/**
 * Product of a shape's sizes.
 *
 * @example
 * ```ts
 * numel([3, 3, 8, 16]); // 1152
 * ```
 */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
