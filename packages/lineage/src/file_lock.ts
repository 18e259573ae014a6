import type * as FsPromises from 'node:fs/promises';
import { errorCode, nodeImport } from './internal/node.js';

// A lock file shared by processes on one machine: created with O_EXCL, holding "pid token time".
// A lock whose process is gone (killed mid-append) is broken by the next writer, so a crash
// never blocks the log. Not for network file systems, where pids of other hosts mean nothing.

type Fsp = typeof FsPromises;

/** Options of `withFileLock`. @internal */
export interface FileLockOptions {
  /** Give up after this long, with an error naming the holder. */
  timeoutMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the lock file `lockPath`.
 * @internal
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const fsp = await nodeImport<Fsp>('node:fs/promises');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const token = `${process.pid} ${Math.random().toString(36).slice(2)} ${Date.now()}`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await fsp.open(lockPath, 'wx');
      try {
        await fh.writeFile(token);
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw new Error(`lock: cannot create lock file '${lockPath}' (${errorCode(e) ?? e})`, { cause: e });
    }
    const holder = await readHolder(fsp, lockPath);
    if (holder && (await isStale(fsp, lockPath, holder))) {
      await breakStale(fsp, lockPath, holder.content);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `lock: '${lockPath}' is still held by process ${holder?.pid ?? 'unknown'} after ${timeoutMs} ms; ` +
          'if no process is writing the log, delete the lock file',
      );
    }
    await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours.
    const now = await fsp.readFile(lockPath, 'utf8').catch(() => null);
    if (now === token) await fsp.unlink(lockPath).catch(() => undefined);
  }
}

async function readHolder(fsp: Fsp, lockPath: string): Promise<{ pid: number; content: string } | null> {
  try {
    const content = await fsp.readFile(lockPath, 'utf8');
    return { pid: Number.parseInt(content.split(' ')[0] ?? '', 10), content };
  } catch {
    return null; // released between our attempt and this read
  }
}

async function isStale(fsp: Fsp, lockPath: string, holder: { pid: number; content: string }): Promise<boolean> {
  if (Number.isInteger(holder.pid) && holder.pid > 0) return !alive(holder.pid);
  // Empty: a writer is between creating and filling the file, or died right there.
  const st = await fsp.stat(lockPath).catch(() => null);
  return st !== null && Date.now() - st.mtimeMs > 5_000;
}

async function breakStale(fsp: Fsp, lockPath: string, observed: string): Promise<void> {
  // Rename first (atomic), then make sure what we moved is the stale lock we looked at.
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await fsp.rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it
  }
  const moved = await fsp.readFile(aside, 'utf8').catch(() => null);
  if (moved !== observed) await fsp.link(aside, lockPath).catch(() => undefined); // a live lock: put it back
  await fsp.unlink(aside).catch(() => undefined);
}
