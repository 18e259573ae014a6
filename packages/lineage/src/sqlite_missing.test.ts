import { describe, expect, it, vi } from 'vitest';
import type * as NodeHelpers from './internal/node.js';

// A user whose install could not build the optional native binding: better-sqlite3 fails to load.
vi.mock('./internal/node.js', async (importOriginal) => {
  const real = await importOriginal<typeof NodeHelpers>();
  return {
    ...real,
    nodeImport: async (specifier: string) => {
      if (specifier === 'better-sqlite3') throw new Error("Cannot find module 'better-sqlite3'");
      return real.nodeImport(specifier);
    },
  };
});

describe('without the native SQLite binding', () => {
  it('the SQLite store says what is missing and how to go on; JSONL and memory still work', async () => {
    const { openSqliteStore } = await import('./open_store.js');
    const { createLineage } = await import('./lineage.js');
    await expect(openSqliteStore('/tmp/never-created.sqlite')).rejects.toThrow(
      /openSqliteStore: the SQLite binding 'better-sqlite3' could not be loaded \(Cannot find module 'better-sqlite3'\)\. Install it with 'npm install better-sqlite3@12', or keep the log in a JSONL file/,
    );
    const lineage = await createLineage({ code: false });
    await lineage.dataset({ name: 'a', text: 'a' });
    expect((await lineage.verify()).ok).toBe(true);
  });
});
