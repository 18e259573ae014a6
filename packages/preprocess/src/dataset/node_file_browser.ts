// Browser stand-in for node_file.ts (swapped in by package.json's "browser" field).

/** Paths need Node's file system; in a browser pass a Blob/File, a ReadableStream or chunks. */
// eslint-disable-next-line require-yield
export async function* readFileChunks(path: string | URL, _chunkSize: number, where: string): AsyncGenerator<Uint8Array, void, undefined> {
  throw new Error(
    `${where}: reading a path (${typeof path === 'string' ? 'string' : 'URL'}) needs Node; in a browser pass a File/Blob, ` +
      'a ReadableStream, or an (async) iterable of chunks',
  );
}
