import { canonicalJson } from './canonical_json.js';
import { createSha256Sync, type Fingerprint } from './sha256.js';

// The tamper-evident log format. Every entry is one canonical JSON object
//   {"body":…,"hash":"sha256:…","prev":"sha256:…","seq":n,"time":"…","type":"…","v":1}
// where `hash` is the SHA-256 of the canonical JSON of all the other fields and `prev` is the
// previous entry's hash. Editing any byte breaks that entry's hash or its canonical form,
// removing or reordering entries breaks `seq` and `prev`. Stores keep the exact text.

/**
 * The kinds of log entry.
 *
 * @example
 * ```ts
 * const type: EntryType = 'run_start';
 * ```
 */
export type EntryType = 'dataset' | 'artifact' | 'run_start' | 'run_progress' | 'run_complete' | 'run_fail';

const ENTRY_TYPES = new Set<string>(['dataset', 'artifact', 'run_start', 'run_progress', 'run_complete', 'run_fail']);

/**
 * The hash the first entry links back to.
 *
 * @example
 * ```ts
 * const first = (await lineage.store.read()).entries[0]; // its prev is GENESIS_HASH
 * ```
 */
export const GENESIS_HASH: Fingerprint = `sha256:${'0'.repeat(64)}`;

/**
 * One sealed log entry.
 *
 * @example
 * ```ts
 * const entry = JSON.parse((await lineage.store.read()).entries[0]!.text) as LogEntry;
 * ```
 */
export interface LogEntry {
  readonly v: 1;
  readonly seq: number;
  readonly prev: Fingerprint;
  readonly time: string;
  readonly type: EntryType;
  readonly body: Record<string, unknown>;
  readonly hash: Fingerprint;
}

/**
 * The last entry of a log: what the next entry links to, and what an external anchor records.
 *
 * @example
 * ```ts
 * const head: ChainHead | null = await lineage.head(); // { seq: 42, hash: 'sha256:...' }
 * ```
 */
export interface ChainHead {
  readonly seq: number;
  readonly hash: Fingerprint;
}

/**
 * An entry as a store holds it: its exact text, where it sits (line number or row), and for
 * stores that index them, the seq and hash columns kept beside the text.
 *
 * @example
 * ```ts
 * const raw: RawEntry = (await lineage.store.read()).entries[0]!;
 * ```
 */
export interface RawEntry {
  readonly position: number;
  readonly text: string;
  readonly columns?: { readonly seq: number; readonly hash: string };
}

/**
 * Why `verify()` rejected an entry.
 *
 * @example
 * ```ts
 * const r = await lineage.verify();
 * if (!r.ok && r.firstBad.reason === 'hash-mismatch') alert(r.firstBad.message);
 * ```
 */
export type VerifyReason =
  | 'unparseable'
  | 'malformed'
  | 'not-canonical'
  | 'hash-mismatch'
  | 'sequence'
  | 'broken-link'
  | 'column-mismatch'
  | 'head-mismatch'
  | 'store-corrupt';

/**
 * What `verify()` found. On failure, `firstBad` names the first entry that does not check out.
 *
 * @example
 * ```ts
 * const result: VerifyResult = await lineage.verify();
 * if (!result.ok) throw new Error(result.firstBad.message);
 * ```
 */
export type VerifyResult =
  | {
      readonly ok: true;
      /** Entries checked. */
      readonly entries: number;
      /** The last entry, or null for an empty log. */
      readonly head: ChainHead | null;
      /** Things that are not tampering, such as an append that a crash cut off before it was acknowledged. */
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      /** Entries that checked out before the first bad one. */
      readonly entries: number;
      readonly firstBad: {
        /** Line (JSONL, memory) or row (SQLite) of the bad entry, counted from 1. */
        readonly position: number;
        /** The sequence number that should be there. */
        readonly expectedSeq: number;
        readonly reason: VerifyReason;
        readonly message: string;
      };
      readonly warnings: readonly string[];
    };

/** The hash of an entry's fields other than `hash`. @internal */
export function entryHash(fields: Omit<LogEntry, 'hash'>): Fingerprint {
  const h = createSha256Sync();
  h.update(canonicalJson({ v: fields.v, seq: fields.seq, prev: fields.prev, time: fields.time, type: fields.type, body: fields.body }, 'entry'));
  return h.digest();
}

/**
 * Builds the next entry after `tail` and returns it with its exact text.
 * @internal
 */
export function sealEntry(
  tail: ChainHead | null,
  type: EntryType,
  body: Record<string, unknown>,
  time: string,
): { entry: LogEntry; text: string } {
  const fields = { v: 1 as const, seq: (tail?.seq ?? 0) + 1, prev: tail?.hash ?? GENESIS_HASH, time, type, body };
  const entry: LogEntry = { ...fields, hash: entryHash(fields) };
  return { entry, text: canonicalJson(entry, 'entry') };
}

/**
 * Parses and fully checks one stored entry on its own (text, shape, canonical form, hash).
 * Returns the entry or the reason it is bad. @internal
 */
export function parseEntry(raw: RawEntry): { entry: LogEntry } | { reason: VerifyReason; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.text);
  } catch {
    return { reason: 'unparseable', message: `is not valid JSON (${raw.text.length} characters)` };
  }
  const e = parsed as Partial<LogEntry>;
  if (
    !parsed || typeof parsed !== 'object' || Array.isArray(parsed) || e.v !== 1 || !Number.isInteger(e.seq) ||
    typeof e.prev !== 'string' || typeof e.time !== 'string' || typeof e.type !== 'string' || !ENTRY_TYPES.has(e.type) ||
    typeof e.hash !== 'string' || !e.body || typeof e.body !== 'object' || Array.isArray(e.body) ||
    Object.keys(parsed).length !== 7
  ) {
    return { reason: 'malformed', message: 'does not have the fields of a log entry (v, seq, prev, time, type, body, hash)' };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(parsed, 'entry');
  } catch (err) {
    return { reason: 'malformed', message: `holds a value JSON cannot carry (${(err as Error).message})` };
  }
  if (canonical !== raw.text) {
    return { reason: 'not-canonical', message: 'is not byte-for-byte the canonical JSON of its own content: its text was edited' };
  }
  const entry = parsed as LogEntry;
  const recomputed = entryHash(entry);
  if (recomputed !== entry.hash) {
    return { reason: 'hash-mismatch', message: `records hash ${entry.hash} but its content hashes to ${recomputed}: its content was edited` };
  }
  return { entry };
}

/**
 * Walks a log from the start and checks every link of the chain. `head`, when given, is an anchor
 * kept outside the log (a store's own head record, or one the user saved): the log must contain
 * it, which catches entries removed from the end.
 * @internal
 */
export function verifyChain(
  raws: Iterable<RawEntry>,
  options: { heads?: readonly { head: ChainHead; source: string }[]; warnings?: string[] } = {},
): VerifyResult {
  const warnings = options.warnings ?? [];
  let expectedSeq = 1;
  let prev: Fingerprint = GENESIS_HASH;
  let last: ChainHead | null = null;
  const hashes = new Map<number, string>();
  const fail = (position: number, reason: VerifyReason, message: string): VerifyResult => ({
    ok: false,
    entries: expectedSeq - 1,
    firstBad: { position, expectedSeq, reason, message: `entry #${expectedSeq} (position ${position}) ${message}` },
    warnings,
  });
  for (const raw of raws) {
    const parsed = parseEntry(raw);
    if ('reason' in parsed) return fail(raw.position, parsed.reason, parsed.message);
    const { entry } = parsed;
    if (entry.seq !== expectedSeq) {
      const what = entry.seq > expectedSeq ? 'deleted' : 'moved or duplicated';
      return fail(raw.position, 'sequence', `holds entry #${entry.seq} instead: an entry was ${what}, or entries were reordered`);
    }
    if (entry.prev !== prev) {
      return fail(raw.position, 'broken-link', `links to ${entry.prev} but the entry before it has hash ${prev}`);
    }
    if (raw.columns && (raw.columns.seq !== entry.seq || raw.columns.hash !== entry.hash)) {
      return fail(raw.position, 'column-mismatch', `has index columns (seq ${raw.columns.seq}, hash ${raw.columns.hash}) that disagree with its text`);
    }
    prev = entry.hash;
    last = { seq: entry.seq, hash: entry.hash };
    hashes.set(entry.seq, entry.hash);
    expectedSeq++;
  }
  for (const { head, source } of options.heads ?? []) {
    const found = hashes.get(head.seq);
    if (found === head.hash) continue;
    const seq = found === undefined ? expectedSeq : head.seq;
    const message =
      found === undefined
        ? `is missing: the log ends at #${expectedSeq - 1} but ${source} records #${head.seq}; entries at the end were deleted`
        : `has hash ${found} but ${source} records ${head.hash} for it`;
    return {
      ok: false,
      entries: expectedSeq - 1,
      firstBad: { position: seq, expectedSeq: seq, reason: 'head-mismatch', message: `entry #${seq} ${message}` },
      warnings,
    };
  }
  return { ok: true, entries: expectedSeq - 1, head: last, warnings };
}
