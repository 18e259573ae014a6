import { describe, isPlainObject } from './describe.js';

/** Checks a metrics object: finite numbers only. @internal */
export function checkMetrics(metrics: unknown, name: string): Record<string, number> {
  if (!isPlainObject(metrics)) throw new Error(`${name} must be an object of numbers, got ${describe(metrics)}`);
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}.${k} must be a finite number, got ${describe(v)}`);
  }
  return metrics as Record<string, number>;
}

/** Checks a non-empty string. @internal */
export function checkName(name: unknown, what: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new Error(`${what} must be a non-empty string, got ${describe(name)}`);
}

/** Checks a schema: an array of { name, type }. @internal */
export function checkSchema(schema: unknown, what: string): void {
  if (!Array.isArray(schema)) throw new Error(`${what} must be an array of { name, type }, got ${describe(schema)}`);
  schema.forEach((f: unknown, i) => {
    if (!isPlainObject(f) || typeof f.name !== 'string' || typeof f.type !== 'string') {
      throw new Error(`${what}[${i}] must be { name: string, type: string }, got ${describe(f)}`);
    }
  });
}
