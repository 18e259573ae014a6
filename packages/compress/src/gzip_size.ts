/**
 * Gzipped size of bytes, as a download would be compressed. Uses the standard
 * `CompressionStream` (browsers, Node >= 18), so no Node module is loaded.
 */
import { fail, show } from './internal/errors.js';

/**
 * Bytes after gzip (default level).
 *
 * @example
 * ```ts
 * await gzipSize(new Uint8Array(10_000)); // a few dozen bytes: zeros compress well
 * ```
 */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  if (!(bytes instanceof Uint8Array)) fail('gzipSize', 'bytes', 'be a Uint8Array', show(bytes));
  if (typeof CompressionStream === 'undefined') {
    throw new Error('gzipSize: this runtime has no CompressionStream (Node >= 18 and current browsers have it)');
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  const reader = stream.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}
