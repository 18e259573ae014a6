// Node-only: loaded with a dynamic import when a source is a path, so browser bundles never
// need node:fs (package.json's "browser" field maps this file to node_file_browser.js).
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a file as byte chunks of about `chunkSize` bytes. */
export async function* readFileChunks(path: string | URL, chunkSize: number, where: string): AsyncGenerator<Uint8Array, void, undefined> {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  const stream = createReadStream(file, { highWaterMark: chunkSize });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(`${where}: cannot read ${JSON.stringify(file)}${code ? ` (${code})` : ''}: ${(e as Error).message}`, { cause: e });
  } finally {
    stream.destroy();
  }
}
