import type { ChainHead, RawEntry } from './hash_chain.js';
import { errorCode, errorMessage, nodeImport } from './internal/node.js';
import { tailOf, type LineageStore, type StoreSnapshot } from './store.js';

// The default Node store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged
// entry survives a crash or power loss. Each append is a BEGIN IMMEDIATE transaction (read the
// tail, insert, record the head), which SQLite's own file locks serialize across processes.
// This module is loaded lazily and loads better-sqlite3 lazily, so only its users need the
// native binding.

/** The part of better-sqlite3's API used here (kept local so no native types leak into ours). */
interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface Database {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(source: string): Statement;
  exec(source: string): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { immediate(...args: A): R; deferred(...args: A): R };
  close(): unknown;
}
type DatabaseConstructor = new (path: string, options?: { timeout?: number }) => Database;

/**
 * Options of `openSqliteStore`.
 *
 * @example
 * ```ts
 * await openSqliteStore('lineage.sqlite', { busyTimeoutMs: 60_000 } satisfies SqliteStoreOptions);
 * ```
 */
export interface SqliteStoreOptions {
  /** How long an append waits for another process's write lock (default 30 000 ms). */
  busyTimeoutMs?: number;
}

const FORMAT = 'tessera-lineage/1';

/** @internal Loaded by `openSqliteStore` in open_store.ts. */
export async function openSqlite(path: string, options: SqliteStoreOptions = {}): Promise<LineageStore> {
  let Ctor: DatabaseConstructor;
  try {
    const mod = await nodeImport<{ default: DatabaseConstructor }>('better-sqlite3');
    Ctor = mod.default;
  } catch (e) {
    throw new Error(
      `openSqliteStore: the SQLite binding 'better-sqlite3' could not be loaded (${errorMessage(e)}). ` +
        "Install it with 'npm install better-sqlite3@12', or keep the log in a JSONL file: createLineage({ path: 'lineage.jsonl' })",
      { cause: e },
    );
  }
  let db: Database | undefined;
  try {
    db = new Ctor(path, { timeout: options.busyTimeoutMs ?? 30_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.transaction(() => {
      db!.exec(
        'CREATE TABLE IF NOT EXISTS tessera_lineage_entries (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, entry TEXT NOT NULL);' +
          'CREATE TABLE IF NOT EXISTS tessera_lineage_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);',
      );
      const format = db!.prepare("SELECT value FROM tessera_lineage_meta WHERE key = 'format'").get() as { value: string } | undefined;
      if (!format) db!.prepare("INSERT INTO tessera_lineage_meta (key, value) VALUES ('format', ?)").run(FORMAT);
      else if (format.value !== FORMAT) throw new Error(`it holds a lineage log of format '${format.value}', not '${FORMAT}'`);
    }).immediate();
  } catch (e) {
    try {
      db?.close();
    } catch {
      // already failing; the first error is the one to report
    }
    const code = errorCode(e);
    throw new Error(
      `openSqliteStore: '${path}' cannot be used as a SQLite lineage log (${code ? `${code}: ` : ''}${errorMessage(e)}); ` +
        'the file was left as it was',
      { cause: e },
    );
  }
  return new SqliteStore(db, path);
}

class SqliteStore implements LineageStore {
  readonly description: string;
  private readonly last: Statement;
  private readonly insert: Statement;
  private readonly setHead: Statement;
  private readonly getHead: Statement;
  private readonly after: Statement;

  constructor(
    private readonly db: Database,
    private readonly path: string,
  ) {
    this.description = `SQLite file ${path}`;
    this.last = db.prepare('SELECT seq, hash, entry FROM tessera_lineage_entries ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO tessera_lineage_entries (seq, hash, entry) VALUES (?, ?, ?)');
    this.setHead = db.prepare("INSERT INTO tessera_lineage_meta (key, value) VALUES ('head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    this.getHead = db.prepare("SELECT value FROM tessera_lineage_meta WHERE key = 'head'");
    this.after = db.prepare('SELECT seq, hash, entry FROM tessera_lineage_entries WHERE seq > ? ORDER BY seq');
  }

  async append(build: (tail: ChainHead | null) => { text: string; head: ChainHead }): Promise<RawEntry> {
    const tx = this.db.transaction((): RawEntry => {
      const row = this.last.get() as { seq: number; hash: string; entry: string } | undefined;
      const tail = tailOf(row && { position: row.seq, text: row.entry, columns: { seq: row.seq, hash: row.hash } }, this.description);
      const { text, head } = build(tail);
      this.insert.run(head.seq, head.hash, text);
      this.setHead.run(JSON.stringify(head));
      return { position: head.seq, text };
    });
    try {
      return tx.immediate();
    } catch (e) {
      throw this.wrap('append', e);
    }
  }

  async read(afterPosition = 0): Promise<StoreSnapshot> {
    try {
      return this.db.transaction((): StoreSnapshot => {
        const head = this.getHead.get() as { value: string } | undefined;
        const rows = this.after.all(afterPosition) as { seq: number; hash: string; entry: string }[];
        return {
          entries: rows.map((r) => ({ position: r.seq, text: r.entry, columns: { seq: r.seq, hash: r.hash } })),
          recordedHead: head ? (JSON.parse(head.value) as ChainHead) : null,
          warnings: [],
        };
      }).deferred();
    } catch (e) {
      throw this.wrap('read', e);
    }
  }

  async integrityCheck(): Promise<string | null> {
    try {
      const rows = this.db.pragma('quick_check') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
      return problems.length ? problems.join('; ') : null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private wrap(what: string, e: unknown): Error {
    if (e instanceof Error && e.message.startsWith('append: the last entry')) return e;
    const code = errorCode(e);
    return new Error(`${what}: ${this.description} failed (${code ? `${code}: ` : ''}${errorMessage(e)}); entries already stored are untouched`, {
      cause: e,
    });
  }
}
