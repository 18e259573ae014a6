import { describe } from '../random_source.js';

/**
 * Byte or text chunks that a file source reads from.
 *
 * @example
 * ```ts
 * const chunks: ChunkStream = ['a,b\n', '1,2\n'];
 * ```
 */
export type ChunkStream =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array | string>
  | Blob;

/**
 * Where `fromCsv` / `fromJsonl` read from: a file path or `file:` URL (Node), a `Blob`/`File`,
 * a `ReadableStream`, an (async) iterable of chunks (a Node `Readable` is one), or a function
 * returning any of those (called once per epoch, so one-shot streams can be re-opened).
 * Paths, Blobs, arrays and functions can be iterated every epoch; a bare stream only once.
 *
 * @example
 * ```ts
 * fromCsv(file); // a File from an <input>
 * fromCsv(() => fs.createReadStream('a.csv')); // re-opened each epoch
 * ```
 */
export type TextSource = string | URL | ChunkStream | (() => ChunkStream | Promise<ChunkStream>);

function isReadableStream(x: unknown): x is ReadableStream<Uint8Array | string> {
  return typeof x === 'object' && x !== null && typeof (x as ReadableStream).getReader === 'function';
}

function isBlob(x: unknown): x is Blob {
  return typeof Blob !== 'undefined' && x instanceof Blob;
}

async function* readStream(stream: ReadableStream<Uint8Array | string>): AsyncGenerator<Uint8Array | string, void, undefined> {
  // getReader() rather than async iteration: not every browser makes ReadableStream iterable.
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function chunksOf(stream: ChunkStream, where: string): AsyncIterable<Uint8Array | string> {
  if (isBlob(stream)) return readStream(stream.stream() as ReadableStream<Uint8Array>);
  if (isReadableStream(stream)) return readStream(stream);
  if (typeof stream === 'object' && stream !== null && (Symbol.asyncIterator in stream || Symbol.iterator in stream)) {
    return (async function* () {
      let i = 0;
      for await (const chunk of stream as AsyncIterable<unknown>) {
        if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
          throw new Error(`${where}: chunk ${i} must be a string or a Uint8Array; got ${describe(chunk)}`);
        }
        i++;
        yield chunk;
      }
    })();
  }
  throw new Error(
    `${where}: source must be a path, a URL, a Blob, a ReadableStream, an (async) iterable of chunks ` +
      `or a function returning one; got ${describe(stream)}`,
  );
}

/**
 * Returns a function that opens the source's chunks once per epoch, refusing to re-read a
 * one-shot stream (which would silently yield nothing).
 */
export function chunkOpener(source: TextSource, where: string, chunkSize: number): () => AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof URL) {
    return () =>
      (async function* () {
        const { readFileChunks } = await import('./node_file.js');
        yield* readFileChunks(source, chunkSize, where);
      })();
  }
  if (typeof source === 'function') {
    return () =>
      (async function* () {
        const stream = await source();
        yield* chunksOf(stream, where);
      })();
  }
  if (isBlob(source) || Array.isArray(source)) return () => chunksOf(source, where);
  chunksOf(source, where); // validates the type now rather than at first iteration
  let opened = false;
  return () => {
    if (opened) {
      throw new Error(
        `${where}: the stream source was already read by an earlier epoch; pass a path, a Blob, an array of chunks ` +
          'or a function returning a fresh stream to iterate more than once (or add .cache())',
      );
    }
    opened = true;
    return chunksOf(source, where);
  };
}
