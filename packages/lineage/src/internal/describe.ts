// Says what a value is without printing it: error messages name what came, but a string may be
// PII or a secret, so only its length is shown.

/** A short description of `value` for error messages ("a string of 12 characters", "NaN"). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return String(value);
    return `the number ${value}`;
  }
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${value.byteLength} bytes`;
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes`;
  const name = (value as object).constructor?.name;
  const keys = Object.keys(value as object);
  const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? ', ...' : '');
  const what = name && name !== 'Object' ? `a ${name}` : 'an object';
  return keys.length ? `${what} with keys ${shown}` : `${what} with no keys`;
}

/** True for `{...}` literals and `Object.create(null)`, false for class instances, arrays, dates. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `isPlainObject` without narrowing, for checking arguments that already have a declared type. */
export function isObjectArg(value: unknown): boolean {
  return isPlainObject(value);
}
