import { describe } from './internal/describe.js';
import { isNode } from './internal/node.js';
import { openJsonlStore, type JsonlStoreOptions } from './jsonl_store.js';
import type { SqliteStoreOptions } from './sqlite_store.js';
import type { LineageStore } from './store.js';

/**
 * Opens (or creates) a SQLite lineage log at `path` (Node): one file, WAL mode, crash-safe,
 * shared safely by several processes. The SQLite module and its native binding `better-sqlite3`
 * are loaded only here, on first use.
 *
 * @throws Error when better-sqlite3 is not installed, or when `path` is not a SQLite lineage
 * database (the file is then left untouched)
 * @example
 * ```ts
 * const store = await openSqliteStore('lineage.sqlite');
 * const lineage = await createLineage({ store });
 * ```
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<LineageStore> {
  if (typeof path !== 'string' || path === '') throw new Error(`openSqliteStore: path must be a non-empty string, got ${describe(path)}`);
  if (!isNode()) throw new Error('openSqliteStore: SQLite stores need Node; in a browser use createMemoryStore()');
  const { openSqlite } = await import('./sqlite_store.js');
  return openSqlite(path, options);
}

/**
 * Options of `openStore`.
 *
 * @example
 * ```ts
 * await openStore('lineage.log', { format: 'jsonl' } satisfies OpenStoreOptions);
 * ```
 */
export interface OpenStoreOptions extends JsonlStoreOptions, SqliteStoreOptions {
  /** Force a format instead of choosing by file extension (`.jsonl`/`.ndjson` mean JSONL, anything else SQLite). */
  format?: 'sqlite' | 'jsonl';
}

/**
 * Opens a file-backed lineage log, choosing the store by extension: `.jsonl` or `.ndjson` gives
 * a JSONL store, anything else (`.sqlite`, `.db`) the default SQLite store.
 *
 * @example
 * ```ts
 * await openStore('lineage.sqlite'); // SQLite
 * await openStore('lineage.jsonl');  // JSONL
 * ```
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<LineageStore> {
  if (typeof path !== 'string' || path === '') throw new Error(`openStore: path must be a non-empty string, got ${describe(path)}`);
  const format = options.format ?? (/\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'sqlite');
  if (format !== 'jsonl' && format !== 'sqlite') {
    throw new Error(`openStore: options.format must be 'sqlite' or 'jsonl', got ${describe(format)}`);
  }
  return format === 'jsonl' ? openJsonlStore(path, options) : openSqliteStore(path, options);
}
