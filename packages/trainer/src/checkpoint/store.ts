/** Where checkpoints go: a small key-value interface, with an in-memory implementation here and files in `@tessera/trainer/node`. */
import type { Checkpoint } from './checkpoint.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { fail, show } from '../internal/errors.js';

/**
 * A place to keep encoded checkpoints by name. `write` must be atomic: a reader sees the old
 * bytes or the new ones, never a mix (the file store writes a temp file and renames it).
 *
 * @example
 * ```ts
 * const store: CheckpointStore = memoryCheckpointStore();
 * ```
 */
export interface CheckpointStore {
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such checkpoint. */
  read(name: string): Promise<Uint8Array | null>;
  list(): Promise<string[]>;
}

/**
 * An in-memory store (browsers, tests).
 *
 * @example
 * ```ts
 * const store = memoryCheckpointStore();
 * await saveCheckpoint(store, 'last', ckpt);
 * ```
 */
export function memoryCheckpointStore(): CheckpointStore {
  const data = new Map<string, Uint8Array>();
  return {
    async write(name, bytes) {
      checkName('memoryCheckpointStore.write', name);
      data.set(name, bytes.slice());
    },
    async read(name) {
      const b = data.get(name);
      return b ? b.slice() : null;
    },
    async list() {
      return [...data.keys()].sort();
    },
  };
}

/** Names are file-name safe: letters, digits, `._-`, no leading dot. */
export function checkName(fn: string, name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) {
    fail(fn, 'name', 'be a file-name-safe string (letters, digits, . _ -)', show(name));
  }
  return name;
}

/**
 * Encodes and writes a checkpoint.
 *
 * @example
 * ```ts
 * await saveCheckpoint(store, 'epoch-3', ckpt);
 * ```
 */
export async function saveCheckpoint(store: CheckpointStore, name: string, ckpt: Checkpoint): Promise<void> {
  if (typeof store?.write !== 'function') fail('saveCheckpoint', 'store', 'be a CheckpointStore', show(store));
  checkName('saveCheckpoint', name);
  await store.write(name, encodeCheckpoint(ckpt));
}

/**
 * Reads and decodes a checkpoint; null when the store has none by that name.
 *
 * @example
 * ```ts
 * const ckpt = await loadCheckpoint(store, 'last');
 * ```
 */
export async function loadCheckpoint(store: CheckpointStore, name: string): Promise<Checkpoint | null> {
  if (typeof store?.read !== 'function') fail('loadCheckpoint', 'store', 'be a CheckpointStore', show(store));
  checkName('loadCheckpoint', name);
  const bytes = await store.read(name);
  return bytes ? decodeCheckpoint(bytes) : null;
}
