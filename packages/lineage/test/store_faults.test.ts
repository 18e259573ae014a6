import Database from 'better-sqlite3';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLineage } from '../src/lineage.js';
import { openJsonlStore } from '../src/jsonl_store.js';
import { openSqliteStore, openStore } from '../src/open_store.js';
import { tempDir } from './helpers/pipeline.js';

async function threeEntries(path: string) {
  const lineage = await createLineage({ path, code: false });
  for (const name of ['a', 'b', 'c']) await lineage.dataset({ name, text: name });
  return lineage;
}

describe('SQLite store faults', () => {
  it('refuses a file that is not a SQLite database, with a clear error, and leaves it untouched', async () => {
    const path = join(tempDir(), 'lineage.sqlite');
    const garbage = Buffer.from('this is not a database, just some bytes someone wrote here\n'.repeat(100));
    writeFileSync(path, garbage);
    await expect(openSqliteStore(path)).rejects.toThrow(/openSqliteStore: '.*lineage\.sqlite' cannot be used as a SQLite lineage log \(SQLITE_NOTADB: .*the file was left as it was/);
    await expect(createLineage({ path })).rejects.toThrow('SQLITE_NOTADB');
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a truncated database file with a clear error and leaves it as it is', async () => {
    const path = join(tempDir(), 'lineage.sqlite');
    await (await threeEntries(path)).close();
    // Checkpoint so the data lives in the main file, then cut the file short.
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const before = readFileSync(path);
    await expect(createLineage({ path, code: false })).rejects.toThrow(
      /cannot be used as a SQLite lineage log \(SQLITE_CORRUPT: database disk image is malformed\); the file was left as it was/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a damaged data page through verify() instead of throwing', async () => {
    const path = join(tempDir(), 'lineage.sqlite');
    const lineage = await createLineage({ path, code: false });
    for (let i = 0; i < 60; i++) await lineage.dataset({ name: `d${i}`, text: 'x'.repeat(i) });
    await lineage.close();
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const size = statSync(path).size;
    const bytes = readFileSync(path);
    bytes.fill(0x5a, size - 8192, size - 4096); // one page of the entries table overwritten
    writeFileSync(path, bytes);
    const opened = await createLineage({ path, code: false });
    const r = await opened.verify();
    expect(r).toMatchObject({ ok: false, firstBad: { reason: 'store-corrupt' } });
    if (!r.ok) expect(r.firstBad.message).toContain('SQLITE_CORRUPT');
    await expect(opened.graph()).rejects.toThrow('SQLITE_CORRUPT');
  });

  it('refuses a SQLite database holding a different log format', async () => {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec("CREATE TABLE tessera_lineage_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO tessera_lineage_meta VALUES ('format', 'tessera-lineage/99')");
    db.close();
    await expect(openSqliteStore(path)).rejects.toThrow("holds a lineage log of format 'tessera-lineage/99'");
  });

  it('names the argument when a path is missing', async () => {
    await expect(openSqliteStore('')).rejects.toThrow('openSqliteStore: path must be a non-empty string, got a string of 0 characters');
    await expect(openStore('x.db', { format: 'csv' as never })).rejects.toThrow("openStore: options.format must be 'sqlite' or 'jsonl'");
    const dir = tempDir();
    mkdirSync(join(dir, 'sub.jsonl'));
    await expect(openJsonlStore(join(dir, 'sub.jsonl'))).rejects.toThrow('exists but is not a file');
  });
});

describe('JSONL store faults', () => {
  it('names a truncated line in the middle of the log and loses nothing', async () => {
    const path = join(tempDir(), 'lineage.jsonl');
    await threeEntries(path);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 40); // cut, newline kept: the next entry follows
    writeFileSync(path, lines.join('\n'));
    const before = readFileSync(path);
    const lineage = await createLineage({ path, code: false });
    const r = await lineage.verify();
    expect(r).toMatchObject({ ok: false, firstBad: { position: 2, expectedSeq: 2, reason: 'unparseable' } });
    await expect(lineage.graph()).rejects.toThrow(/damaged at entry #2 \(position 2\): is not valid JSON \(40 characters\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('treats a newline-less tail as an unfinished append: verify passes with a warning, the next append keeps its bytes aside', async () => {
    const path = join(tempDir(), 'lineage.jsonl');
    const lineage = await threeEntries(path);
    const torn = '{"body":{"id":"dataset:d@sha256:0';
    appendFileSync(path, torn);
    const r = await lineage.verify();
    expect(r.ok).toBe(true);
    expect(r.entries).toBe(3);
    expect(r.warnings.join()).toMatch(/line 4 of .* is incomplete \(\d+ bytes, no newline\)/);
    await lineage.dataset({ name: 'd', text: 'd' });
    expect(readFileSync(`${path}.torn`, 'utf8')).toBe(torn);
    const after = await lineage.verify();
    expect(after).toMatchObject({ ok: true, entries: 4, warnings: [] });
    expect((await lineage.graph()).datasets().map((d) => d.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('breaks a lock left by a process that died', async () => {
    const path = join(tempDir(), 'lineage.jsonl');
    // pid 2^22+1 is above Linux's pid_max default range, so no such process exists.
    writeFileSync(`${path}.lock`, `${2 ** 22 + 1} abc ${Date.now()}`);
    const lineage = await createLineage({ path, code: false });
    await lineage.dataset({ name: 'a', text: 'a' });
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect((await lineage.verify()).ok).toBe(true);
  });

  it('times out on a lock held by a live process, naming it', async () => {
    const path = join(tempDir(), 'lineage.jsonl');
    writeFileSync(`${path}.lock`, `${process.pid} other ${Date.now()}`);
    const lineage = await createLineage({ store: await openJsonlStore(path, { lockTimeoutMs: 200 }), code: false });
    await expect(lineage.dataset({ name: 'a', text: 'a' })).rejects.toThrow(`is still held by process ${process.pid} after 200 ms`);
  });
});
