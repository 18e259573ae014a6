import type { FieldSchema } from '../records.js';
import { isTensorLike } from '../tensor_fingerprint.js';
import { isPlainObject } from './describe.js';

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (isTensorLike(v)) return `${v.dtype}[${v.shape.join(',')}]`;
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v;
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return 'bytes';
  return 'object';
}

/**
 * Field names and types from the first records (plain objects only); a field whose type varies
 * is 'mixed', and integer with number widens to number. @internal
 */
export function inferSchema(records: readonly unknown[]): FieldSchema[] | undefined {
  const types = new Map<string, Set<string>>();
  for (const r of records.slice(0, 100)) {
    if (!isPlainObject(r)) return undefined;
    for (const [k, v] of Object.entries(r)) {
      if (!types.has(k)) types.set(k, new Set());
      types.get(k)!.add(typeOf(v));
    }
  }
  if (types.size === 0) return undefined;
  return [...types].map(([name, set]) => {
    set.delete('null');
    if (set.has('integer') && set.has('number')) set.delete('integer');
    return { name, type: set.size === 1 ? [...set][0]! : set.size === 0 ? 'null' : 'mixed' };
  });
}
