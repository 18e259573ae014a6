// Dot paths ("address.city") into plain JSON objects; records are copied, never mutated.

/** Reads a dot path; undefined when any step is missing. */
export function getPath(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Returns a copy of `record` with `value` at `path`, copying only the objects along the path. */
export function setPath<T>(record: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string, ...string[]];
  const base = (record !== null && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  const copy: Record<string, unknown> = Array.isArray(base) ? ([...base] as unknown as Record<string, unknown>) : { ...base };
  copy[head] = setPath(base[head], rest, value);
  return copy as T;
}

/** Has the record this path (every step present)? */
export function hasPath(record: unknown, path: readonly string[]): boolean {
  let cur: unknown = record;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}
