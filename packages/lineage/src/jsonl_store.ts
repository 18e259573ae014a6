import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { withFileLock } from './file_lock.js';
import type { ChainHead, RawEntry } from './hash_chain.js';
import { describe } from './internal/describe.js';
import { errorCode, isNode, nodeImport } from './internal/node.js';
import { tailOf, type LineageStore, type StoreSnapshot } from './store.js';

// One entry per line. An append is one write(2) of the whole line under a lock file, followed by
// fsync, then the head file (`<log>.head`) is replaced atomically. A line without its newline is
// an append that never finished (it was never acknowledged): readers skip it, and the next
// writer moves its bytes to `<log>.torn` before appending, so nothing is silently dropped.

type Fsp = typeof FsPromises;

/**
 * Options of `openJsonlStore`.
 *
 * @example
 * ```ts
 * await openJsonlStore('lineage.jsonl', { fsync: true, lockTimeoutMs: 5000 } satisfies JsonlStoreOptions);
 * ```
 */
export interface JsonlStoreOptions {
  /** fsync after every append (default true): an acknowledged entry survives power loss. */
  fsync?: boolean;
  /** How long an append waits for another writer's lock (default 30 000 ms). */
  lockTimeoutMs?: number;
}

/**
 * Opens (or creates) a JSONL lineage log at `path` (Node). Several processes may append to the
 * same file at once; a lock file `<path>.lock` orders them.
 *
 * @example
 * ```ts
 * const lineage = await createLineage({ store: await openJsonlStore('runs/lineage.jsonl') });
 * ```
 */
export async function openJsonlStore(path: string, options: JsonlStoreOptions = {}): Promise<LineageStore> {
  if (typeof path !== 'string' || path === '') throw new Error(`openJsonlStore: path must be a non-empty string, got ${describe(path)}`);
  if (!isNode()) throw new Error('openJsonlStore: JSONL file stores need Node; in a browser use createMemoryStore() and exportJsonl()');
  const fsp = await nodeImport<Fsp>('node:fs/promises');
  const st = await fsp.stat(path).catch((e: unknown) => (errorCode(e) === 'ENOENT' ? null : Promise.reject(e)));
  if (st && !st.isFile()) throw new Error(`openJsonlStore: '${path}' exists but is not a file`);
  return new JsonlStore(fsp, path, options);
}

class JsonlStore implements LineageStore {
  readonly description: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readCache = { position: 0, offset: 0 };

  constructor(
    private readonly fsp: Fsp,
    private readonly path: string,
    private readonly options: JsonlStoreOptions,
  ) {
    this.description = `JSONL file ${path}`;
  }

  append(build: (tail: ChainHead | null) => { text: string; head: ChainHead }): Promise<RawEntry> {
    // Serialize appends of this process first; the lock file orders them against other processes.
    const next = this.queue.then(() =>
      withFileLock(`${this.path}.lock`, () => this.appendLocked(build), { timeoutMs: this.options.lockTimeoutMs }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendLocked(build: (tail: ChainHead | null) => { text: string; head: ChainHead }): Promise<RawEntry> {
    const fh = await this.fsp.open(this.path, 'a+');
    let result: RawEntry;
    try {
      let size = (await fh.stat()).size;
      const tail = await readTail(fh, size);
      if (tail.tornFrom !== null) {
        const torn = Buffer.alloc(size - tail.tornFrom);
        await fh.read(torn, 0, torn.length, tail.tornFrom);
        await this.fsp.appendFile(`${this.path}.torn`, torn);
        await fh.truncate(tail.tornFrom);
        size = tail.tornFrom;
      }
      const head = tailOf(tail.lastLine === null ? undefined : { position: 0, text: tail.lastLine }, this.description);
      const built = build(head);
      if (built.text.includes('\n')) throw new Error('append: an entry must be one line');
      const bytes = Buffer.from(`${built.text}\n`, 'utf8');
      // One write of the whole line: a crash leaves all of it or a torn tail, never half of two entries.
      const { bytesWritten } = await fh.write(bytes, 0, bytes.length);
      if (bytesWritten !== bytes.length) {
        throw new Error(`append: only ${bytesWritten} of ${bytes.length} bytes reached ${this.path} (disk full?)`);
      }
      if (this.options.fsync !== false) await fh.sync();
      result = { position: built.head.seq, text: built.text };
      const headFile = `${this.path}.head`;
      const tmp = `${headFile}.${process.pid}.tmp`;
      await this.fsp.writeFile(tmp, JSON.stringify(built.head));
      await this.fsp.rename(tmp, headFile);
    } finally {
      await fh.close();
    }
    return result;
  }

  async read(afterPosition = 0): Promise<StoreSnapshot> {
    const warnings: string[] = [];
    // The head file first: appends only move it forward, so it can never be ahead of the log read next.
    let recordedHead: ChainHead | null = null;
    try {
      recordedHead = JSON.parse(await this.fsp.readFile(`${this.path}.head`, 'utf8')) as ChainHead;
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') warnings.push(`the head file ${this.path}.head is unreadable; end-of-log deletions cannot be checked`);
    }
    let buf: Buffer;
    let start = afterPosition >= this.readCache.position ? this.readCache : { position: 0, offset: 0 };
    try {
      const fh = await this.fsp.open(this.path, 'r');
      try {
        const size = (await fh.stat()).size;
        if (size < start.offset) start = { position: 0, offset: 0 }; // file replaced or repaired
        buf = Buffer.alloc(size - start.offset);
        await fh.read(buf, 0, buf.length, start.offset);
      } finally {
        await fh.close();
      }
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return { entries: [], recordedHead, warnings };
      throw new Error(`read: cannot read ${this.description} (${errorCode(e) ?? e})`, { cause: e });
    }
    const entries: RawEntry[] = [];
    let position = start.position;
    let offset = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, offset);
      if (nl < 0) break;
      position++;
      if (position > afterPosition) entries.push({ position, text: buf.toString('utf8', offset, nl) });
      offset = nl + 1;
    }
    this.readCache = { position, offset: start.offset + offset };
    if (offset < buf.length) {
      warnings.push(
        `line ${position + 1} of ${this.path} is incomplete (${buf.length - offset} bytes, no newline): an append that ` +
          `never finished and was never acknowledged; it is not part of the log and the next append moves it to ${this.path}.torn`,
      );
    }
    return { entries, recordedHead, warnings };
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

/** The last complete line, and where a torn (newline-less) tail starts if there is one. */
async function readTail(fh: FileHandle, size: number): Promise<{ lastLine: string | null; tornFrom: number | null }> {
  if (size === 0) return { lastLine: null, tornFrom: null };
  const lastByte = Buffer.alloc(1);
  await fh.read(lastByte, 0, 1, size - 1);
  let end = size; // exclusive end of the last complete line, newline included
  let tornFrom: number | null = null;
  if (lastByte[0] !== 0x0a) {
    const nl = await lastNewlineBefore(fh, size);
    tornFrom = nl + 1;
    end = nl + 1;
  }
  if (end === 0) return { lastLine: null, tornFrom };
  const start = (await lastNewlineBefore(fh, end - 1)) + 1;
  const line = Buffer.alloc(end - 1 - start);
  await fh.read(line, 0, line.length, start);
  return { lastLine: line.toString('utf8'), tornFrom };
}

/** Offset of the last '\n' strictly before `before`, or -1. Reads backwards in 64 KiB chunks. */
async function lastNewlineBefore(fh: FileHandle, before: number): Promise<number> {
  const chunk = Buffer.alloc(1 << 16);
  let end = before;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = end - start;
    await fh.read(chunk, 0, n, start);
    const i = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (i >= 0) return start + i;
    end = start;
  }
  return -1;
}
