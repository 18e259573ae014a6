/**
 * Describes a value for an error message without revealing its content: strings and objects may
 * hold PII or key material, so only their kind and size are named; numbers and booleans are shown.
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string of length ${value.length}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.byteLength} bytes`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/** Throws unless `value` is a finite number; `name` is the argument's name as the caller sees it. */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(name: string, value: unknown): number {
  checkFinite(name, value);
  if ((value as number) <= 0) throw new Error(`${name} must be > 0, got ${describe(value)}`);
  return value as number;
}

/** Throws unless `value` is an integer >= `min`. */
export function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in [lo, hi]. */
export function checkRange(name: string, value: unknown, lo: number, hi: number): number {
  checkFinite(name, value);
  if ((value as number) < lo || (value as number) > hi) {
    throw new Error(`${name} must be in [${lo}, ${hi}], got ${describe(value)}`);
  }
  return value as number;
}
