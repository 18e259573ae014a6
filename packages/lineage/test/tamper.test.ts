import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChainHead, VerifyResult } from '../src/hash_chain.js';
import { createLineage, type Lineage } from '../src/lineage.js';
import { createMemoryStore, type MemoryStore } from '../src/memory_store.js';
import { openStore } from '../src/open_store.js';
import { steppingClock, tempDir } from './helpers/pipeline.js';

// Each store is filled with the same entries, then damaged in every way the issue names:
// one byte changed in any entry, one entry deleted, two entries swapped. verify() must fail
// and name the first bad entry.

const N = 6;

/** A store under test: build a log, then read and rewrite its stored entries as raw text. */
interface Subject {
  lineage: Lineage;
  /** The stored entries' text, in order. */
  entries(): string[];
  /** Replace the stored entries (same count: edit in place; fewer: the last ones removed, etc.). */
  rewrite(mutate: (entries: string[]) => string[]): Promise<Lineage>;
}

async function fill(lineage: Lineage): Promise<void> {
  const a = await lineage.dataset({ name: 'données-brutes', json: { rows: [1, 2, 3] } });
  const run = await lineage.start('clean', { inputs: [a], params: { threshold: 0.5 } });
  await run.progress({ step: 1, metrics: { dropped: 1 } });
  await run.complete({ outputs: [{ kind: 'dataset', name: 'clean', json: [1, 2] }], metrics: { kept: 2 } });
  await lineage.artifact({ name: 'model', text: 'weights' });
}

const subjects: Record<string, () => Promise<Subject>> = {
  memory: async () => {
    const store = createMemoryStore();
    const lineage = await createLineage({ store, clock: steppingClock(), code: false });
    await fill(lineage);
    const text = store.exportJsonl();
    const head = store.head() as ChainHead;
    const lines = text.split('\n').slice(0, -1);
    return {
      lineage,
      entries: () => lines,
      rewrite: async (mutate) => {
        const changed: MemoryStore = createMemoryStore({ jsonl: mutate([...lines]).map((l) => `${l}\n`).join(''), head });
        return createLineage({ store: changed, code: false });
      },
    };
  },
  jsonl: async () => {
    const path = join(tempDir(), 'lineage.jsonl');
    const lineage = await createLineage({ path, clock: steppingClock(), code: false });
    await fill(lineage);
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    return {
      lineage,
      entries: () => lines,
      rewrite: async (mutate) => {
        writeFileSync(path, mutate([...lines]).map((l) => `${l}\n`).join(''));
        return createLineage({ store: await openStore(path), code: false });
      },
    };
  },
  sqlite: async () => {
    const path = join(tempDir(), 'lineage.sqlite');
    const lineage = await createLineage({ path, clock: steppingClock(), code: false });
    await fill(lineage);
    await lineage.close();
    const db = new Database(path);
    const rows = db.prepare('SELECT seq, hash, entry FROM tessera_lineage_entries ORDER BY seq').all() as { seq: number; hash: string; entry: string }[];
    db.close();
    const lines = rows.map((r) => r.entry);
    return {
      lineage: await createLineage({ path, code: false }),
      entries: () => lines,
      rewrite: async (mutate) => {
        // Rows keep their seq column; only the stored text moves or changes, as an editor would do it.
        const next = mutate([...lines]);
        const w = new Database(path);
        w.transaction(() => {
          // Start each time from the original rows.
          w.prepare('DELETE FROM tessera_lineage_entries').run();
          for (const r of rows) w.prepare('INSERT INTO tessera_lineage_entries (seq, hash, entry) VALUES (?, ?, ?)').run(r.seq, r.hash, r.entry);
          if (next.length < lines.length) {
            const kept = new Set(next);
            lines.forEach((l, i) => {
              if (!kept.has(l)) w.prepare('DELETE FROM tessera_lineage_entries WHERE seq = ?').run(i + 1);
            });
          } else {
            next.forEach((text, i) => w.prepare('UPDATE tessera_lineage_entries SET entry = ? WHERE seq = ?').run(text, i + 1));
          }
        })();
        w.close();
        return createLineage({ path, code: false });
      },
    };
  },
};

function expectBad(r: VerifyResult, entry: number): void {
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (!r.ok) {
    expect(r.firstBad.expectedSeq, r.firstBad.message).toBe(entry);
    expect(r.firstBad.message).toContain(`entry #${entry}`);
    expect(r.entries).toBe(entry - 1);
  }
}

/** The bytes of `text` with byte `at` replaced by a different printable ASCII byte. */
function flipByte(text: string, at: number): string {
  const bytes = Buffer.from(text, 'utf8');
  const old = bytes[at]!;
  bytes[at] = old === 0x41 ? 0x42 : 0x41; // 'A' or 'B': never a newline, always a change
  return bytes.toString('utf8');
}

describe.each(Object.keys(subjects))('tamper evidence of the %s store', (kind) => {
  it('verifies an untouched log', async () => {
    const s = await subjects[kind]!();
    expect(s.entries()).toHaveLength(N);
    const r = await s.lineage.verify();
    expect(r).toMatchObject({ ok: true, entries: N });
  });

  it('detects one changed byte anywhere in any entry and names that entry', async () => {
    const s = await subjects[kind]!();
    let checked = 0;
    for (let i = 0; i < N; i++) {
      const len = Buffer.byteLength(s.entries()[i]!, 'utf8');
      // First byte, last byte, and bytes spread over the entry: keys, hashes, numbers, the body.
      const positions = new Set([0, len - 1, ...Array.from({ length: 12 }, (_, k) => Math.floor(((k + 0.5) * len) / 12))]);
      for (const at of positions) {
        const damaged = await s.rewrite((e) => e.map((t, j) => (j === i ? flipByte(t, at) : t)));
        expectBad(await damaged.verify(), i + 1);
        await damaged.close();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(N * 10);
  });

  it('detects a deleted entry, including the last, and names it', async () => {
    const s = await subjects[kind]!();
    for (let i = 0; i < N; i++) {
      const damaged = await s.rewrite((e) => e.filter((_, j) => j !== i));
      expectBad(await damaged.verify(), i + 1);
      await damaged.close();
    }
  });

  it('detects two swapped entries and names the first', async () => {
    const s = await subjects[kind]!();
    for (const [i, j] of [[0, 1], [1, 4], [4, 5], [0, 5]] as const) {
      const damaged = await s.rewrite((e) => {
        [e[i], e[j]] = [e[j]!, e[i]!];
        return e;
      });
      expectBad(await damaged.verify(), i + 1);
      await damaged.close();
    }
  });

  it('refuses to build on a damaged last entry and keeps what is there', async () => {
    const s = await subjects[kind]!();
    const damaged = await s.rewrite((e) => e.map((t, j) => (j === N - 1 ? flipByte(t, 20) : t)));
    await expect(damaged.dataset({ name: 'more', text: 'x' })).rejects.toThrow(/is damaged at entry #6 .*nothing was changed/);
    // The store itself refuses too, whoever calls it.
    await expect(damaged.append('dataset', { id: 'x' })).rejects.toThrow(/append: the last entry of .* nothing was written/);
    expect((await damaged.store.read()).entries).toHaveLength(N);
    const r = await damaged.verify();
    expectBad(r, N);
    await expect(damaged.graph()).rejects.toThrow(`is damaged at entry #${N}`);
  });
});

describe('anchors', () => {
  it('a saved head catches entries removed from the end even without the store head', async () => {
    const store = createMemoryStore();
    const lineage = await createLineage({ store, code: false });
    await fill(lineage);
    const head = (await lineage.head())!;
    expect(head.seq).toBe(N);
    const lines = store.exportJsonl().split('\n').slice(0, -2);
    const truncated = await createLineage({ store: createMemoryStore({ jsonl: lines.map((l) => `${l}\n`).join('') }), code: false });
    expect((await truncated.verify()).ok).toBe(true); // nothing inside the log shows it
    expectBad(await truncated.verify({ head }), N);
    await expect(truncated.verify({ head: { seq: 'x' } as never })).rejects.toThrow('verify: options.head must be { seq, hash }');
  });
});
