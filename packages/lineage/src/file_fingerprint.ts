import type * as NodeFs from 'node:fs';
import { describe } from './internal/describe.js';
import { errorCode, isNode, nodeImport } from './internal/node.js';
import { createSha256, type Fingerprint } from './sha256.js';

/**
 * SHA-256 of a file, streamed in 1 MiB chunks so that a file larger than memory hashes fine
 * (Node only; in the browser hash `file.stream()` with `hashStream`).
 *
 * @throws Error naming the path when the file is missing, a directory or unreadable
 * @example
 * ```ts
 * const fp = await hashFile('data/train.csv'); // 'sha256:...'
 * ```
 */
export async function hashFile(path: string): Promise<Fingerprint> {
  if (typeof path !== 'string' || path === '') throw new Error(`hashFile: path must be a non-empty string, got ${describe(path)}`);
  if (!isNode()) throw new Error('hashFile: reading files by path needs Node; in a browser hash file.stream() with hashStream');
  const fs = await nodeImport<typeof NodeFs>('node:fs');
  const h = await createSha256();
  try {
    const stream = fs.createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream) h.update(chunk as Uint8Array);
  } catch (e) {
    const code = errorCode(e);
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e);
    throw new Error(`hashFile: cannot read '${path}' (${why})`, { cause: e });
  }
  return h.digest();
}
