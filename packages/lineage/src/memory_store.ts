import { describe } from './internal/describe.js';
import type { ChainHead, RawEntry } from './hash_chain.js';
import { tailOf, type LineageStore, type StoreSnapshot } from './store.js';

/**
 * An in-memory log (browsers, tests, short scripts). It can be saved and restored as JSONL text.
 *
 * @example
 * ```ts
 * const store: MemoryStore = createMemoryStore();
 * store.exportJsonl();
 * ```
 */
export interface MemoryStore extends LineageStore {
  /** The log as JSONL text, one entry per line, exactly as held. */
  exportJsonl(): string;
  /** The last entry appended through this store (or given when it was created). */
  head(): ChainHead | null;
}

/**
 * Options of `createMemoryStore`.
 *
 * @example
 * ```ts
 * createMemoryStore({ jsonl: savedText, head: savedHead } satisfies MemoryStoreOptions);
 * ```
 */
export interface MemoryStoreOptions {
  /** Start from a saved log (the text of `exportJsonl()` or a JSONL file). Loaded as is, unchecked. */
  jsonl?: string;
  /** The head saved with that log; lets `verify()` notice entries removed from its end. */
  head?: ChainHead;
}

/**
 * A lineage store held in memory. Save it with `exportJsonl()` (to a file, IndexedDB or
 * localStorage) and restore it with `createMemoryStore({ jsonl, head })`.
 *
 * @example
 * ```ts
 * const lineage = await createLineage({ store: createMemoryStore() });
 * await lineage.dataset({ name: 'tiny', json: [1, 2, 3] });
 * localStorage.setItem('lineage', (lineage.store as MemoryStore).exportJsonl());
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  if (options.jsonl !== undefined && typeof options.jsonl !== 'string') {
    throw new Error(`createMemoryStore: options.jsonl must be a string of JSONL text, got ${describe(options.jsonl)}`);
  }
  const lines: string[] = [];
  const warnings: string[] = [];
  if (options.jsonl) {
    const parts = options.jsonl.split('\n');
    const last = parts.pop();
    if (last) warnings.push(`the saved text ends with ${last.length} characters without a newline: an incomplete entry, ignored`);
    lines.push(...parts);
  }
  let recordedHead: ChainHead | null = options.head ?? null;
  return {
    description: 'memory store',
    async append(build) {
      const tail = tailOf(lines.length ? { position: lines.length, text: lines[lines.length - 1]! } : undefined, 'memory store');
      const { text, head } = build(tail);
      lines.push(text);
      recordedHead = head;
      return { position: lines.length, text };
    },
    async read(afterPosition = 0): Promise<StoreSnapshot> {
      const entries: RawEntry[] = [];
      for (let i = afterPosition; i < lines.length; i++) entries.push({ position: i + 1, text: lines[i]! });
      return { entries, recordedHead, warnings };
    },
    async close() {},
    exportJsonl: () => lines.map((l) => `${l}\n`).join(''),
    head: () => recordedHead,
  };
}
