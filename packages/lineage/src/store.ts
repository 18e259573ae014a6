import { parseEntry, type ChainHead, type RawEntry } from './hash_chain.js';

/**
 * What a store returns when read: entries in log order, plus what it knows outside them.
 *
 * @example
 * ```ts
 * const snap: StoreSnapshot = await store.read();
 * snap.entries.length;
 * ```
 */
export interface StoreSnapshot {
  /** Entries after the requested position, in log order, as stored. */
  readonly entries: readonly RawEntry[];
  /** The head the store recorded beside the log (SQLite meta row, JSONL head file), if any. */
  readonly recordedHead?: ChainHead | null;
  /** Non-fatal findings, such as the bytes of an append that never finished. */
  readonly warnings: readonly string[];
}

/**
 * Where a lineage log lives. Tessera ships SQLite (Node default), JSONL files (Node) and memory
 * (browsers, tests); anything implementing this interface can hold a log. `append` must read the
 * tail, build and write the next entry as one atomic step, even against other processes.
 *
 * @example
 * ```ts
 * const store: LineageStore = await openStore('lineage.sqlite');
 * const lineage = await createLineage({ store });
 * ```
 */
export interface LineageStore {
  /** Says what and where the store is, for messages ("JSONL file /data/lineage.jsonl"). */
  readonly description: string;
  /**
   * Atomically: read the last entry, call `build` with it (null for an empty log) and write the
   * text it returns. Resolves once the entry is durable.
   */
  append(build: (tail: ChainHead | null) => { text: string; head: ChainHead }): Promise<RawEntry>;
  /** Entries whose position is greater than `afterPosition` (all when 0 or omitted). */
  read(afterPosition?: number): Promise<StoreSnapshot>;
  /** A store-level check (SQLite's quick_check); resolves to null when healthy, else what is wrong. */
  integrityCheck?(): Promise<string | null>;
  /** Releases files and handles. */
  close(): Promise<void>;
}

/**
 * The chain head of the last stored entry; throws if that entry is damaged, because linking new
 * entries to a damaged one would bury the damage.
 * @internal
 */
export function tailOf(raw: RawEntry | undefined, description: string): ChainHead | null {
  if (!raw) return null;
  const parsed = parseEntry(raw);
  if ('reason' in parsed) {
    throw new Error(
      `append: the last entry of ${description} (position ${raw.position}) ${parsed.message}; ` +
        'nothing was written. Run verify() to see the damage; the log is left as it is.',
    );
  }
  return { seq: parsed.entry.seq, hash: parsed.entry.hash };
}
