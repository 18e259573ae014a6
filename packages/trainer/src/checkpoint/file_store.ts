/**
 * Checkpoint files in a directory (Node only). Writes are atomic: the bytes go to a temp file
 * in the same directory, which is fsynced and then renamed over the target, so a process
 * killed mid-write leaves the previous checkpoint intact (rename is atomic on POSIX).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { checkName, type CheckpointStore } from './store.js';
import { fail, show } from '../internal/errors.js';

/**
 * Options for {@link fileCheckpointStore}.
 *
 * @example
 * ```ts
 * fileCheckpointStore('runs/ckpt', { chunkBytes: 1 << 20 });
 * ```
 */
export interface FileCheckpointStoreOptions {
  /** Bytes written per call (bounded memory for the OS and progress). Default 4 MiB. */
  chunkBytes?: number;
  /** fsync the file and directory (durability across power loss). Default true. */
  fsync?: boolean;
}

const EXT = '.safetensors';
let counter = 0;

/**
 * A {@link CheckpointStore} that keeps `<dir>/<name>.safetensors` files, creating `dir`.
 *
 * @example
 * ```ts
 * import { fileCheckpointStore } from '@tessera/trainer/node';
 * const store = fileCheckpointStore('checkpoints');
 * await fit(model, data, { ..., callbacks: [new ModelCheckpoint({ store })] });
 * ```
 */
export function fileCheckpointStore(dir: string, options: FileCheckpointStoreOptions = {}): CheckpointStore {
  if (typeof dir !== 'string' || dir === '') fail('fileCheckpointStore', 'dir', 'be a directory path', show(dir));
  const chunk = options.chunkBytes ?? 4 << 20;
  if (!Number.isInteger(chunk) || chunk <= 0) fail('fileCheckpointStore', 'options.chunkBytes', 'be a positive integer', show(chunk));
  const doSync = options.fsync ?? true;
  return {
    async write(name, bytes) {
      checkName('fileCheckpointStore.write', name);
      await fsp.mkdir(dir, { recursive: true });
      const target = path.join(dir, name + EXT);
      const tmp = path.join(dir, `.${name}${EXT}.tmp-${process.pid}-${counter++}`);
      const fh = await fsp.open(tmp, 'w');
      try {
        for (let pos = 0; pos < bytes.byteLength; pos += chunk) {
          await fh.write(bytes, pos, Math.min(chunk, bytes.byteLength - pos));
        }
        if (doSync) await fh.sync();
      } catch (e) {
        await fh.close();
        await fsp.rm(tmp, { force: true });
        throw e;
      }
      await fh.close();
      await fsp.rename(tmp, target);
      if (doSync) {
        // Persist the rename itself (the directory entry); not possible on every platform.
        try {
          const dh = await fsp.open(dir, 'r');
          try {
            await dh.sync();
          } finally {
            await dh.close();
          }
        } catch {
          /* directory fsync unsupported (e.g. Windows): the rename is still atomic */
        }
      }
    },
    async read(name) {
      checkName('fileCheckpointStore.read', name);
      try {
        return new Uint8Array(await fsp.readFile(path.join(dir, name + EXT)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async list() {
      try {
        return (await fsp.readdir(dir))
          .filter((f) => f.endsWith(EXT) && !f.startsWith('.'))
          .map((f) => f.slice(0, -EXT.length))
          .sort();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}
