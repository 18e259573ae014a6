import { canonicalJson } from './canonical_json.js';
import { describe, isPlainObject } from './internal/describe.js';
import { createSha256, sha256Bytes, type Fingerprint } from './sha256.js';
import { hashTensor, isTensorLike } from './tensor_fingerprint.js';

// Content hashes for bytes, text, JSON, streams and record sequences. Streams are consumed chunk
// by chunk, so a large input is never held in memory whole.

const encoder = new TextEncoder();

/**
 * SHA-256 of raw bytes.
 *
 * @example
 * ```ts
 * await hashBytes(new Uint8Array([1, 2, 3])); // 'sha256:039058c6...'
 * ```
 */
export async function hashBytes(bytes: Uint8Array): Promise<Fingerprint> {
  if (!(bytes instanceof Uint8Array)) throw new Error(`hashBytes: bytes must be a Uint8Array, got ${describe(bytes)}`);
  return sha256Bytes(bytes);
}

/**
 * SHA-256 of a string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * await hashText('abc'); // 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export async function hashText(text: string): Promise<Fingerprint> {
  if (typeof text !== 'string') throw new Error(`hashText: text must be a string, got ${describe(text)}`);
  return sha256Bytes(encoder.encode(text));
}

/**
 * SHA-256 of a JSON value's canonical form (RFC 8785), so key order and number spelling do not
 * change the hash: `{a: 1, b: 2}` and `{b: 2, a: 1.0}` hash the same.
 *
 * @example
 * ```ts
 * (await hashJson({ a: 1, b: 2 })) === (await hashJson({ b: 2, a: 1.0 })); // true
 * ```
 */
export async function hashJson(value: unknown): Promise<Fingerprint> {
  return sha256Bytes(encoder.encode(canonicalJson(value, 'hashJson: value')));
}

/**
 * A source of byte chunks: an async or sync iterable (a Node stream is one) or a web ReadableStream.
 *
 * @example
 * ```ts
 * const source: ByteSource = fs.createReadStream('data.csv'); // or blob.stream(), or ['a', 'b']
 * ```
 */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/**
 * SHA-256 of a byte stream, read chunk by chunk (a Node `Readable`, a web `ReadableStream`, a
 * `Blob.stream()`, or any iterable of chunks). Strings are hashed as UTF-8.
 *
 * @example
 * ```ts
 * await hashStream(fs.createReadStream('big.csv'));
 * await hashStream(file.stream()); // in the browser
 * ```
 */
export async function hashStream(source: ByteSource): Promise<Fingerprint> {
  const h = await createSha256();
  let i = 0;
  for await (const chunk of toAsyncIterable(source)) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new Error(`hashStream: chunk ${i} is ${describe(chunk)}; expected a Uint8Array or string`);
    }
    h.update(chunk);
    i++;
  }
  return h.digest();
}

function toAsyncIterable(source: ByteSource): AsyncIterable<Uint8Array | string> {
  if (source && typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return source as AsyncIterable<Uint8Array | string>;
  }
  if (source && typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function' && typeof source !== 'string') {
    const it = source as Iterable<Uint8Array | string>;
    return (async function* () {
      yield* it;
    })();
  }
  if (source && typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    return (async function* () {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    })();
  }
  throw new Error(`hashStream: source must be an (async) iterable of chunks or a ReadableStream, got ${describe(source)}`);
}

/**
 * Replaces every tensor inside `value` by `{ $tensor: fingerprint }` and every byte array by
 * `{ $bytes: fingerprint }`, leaving a plain JSON value that `canonicalJson` can write.
 * A tfjs Dataset element such as `{ xs: Tensor, ys: Tensor }` becomes hashable this way.
 *
 * @example
 * ```ts
 * await fingerprintValue({ xs: tf.tensor1d([1, 2]), label: 3 });
 * // { xs: { $tensor: 'sha256:...' }, label: 3 }
 * ```
 */
export async function fingerprintValue(value: unknown, name = 'value'): Promise<unknown> {
  if (isTensorLike(value)) return { $tensor: await hashTensor(value, name) };
  if (value instanceof Uint8Array) return { $bytes: await sha256Bytes(value) };
  if (ArrayBuffer.isView(value)) {
    return { $bytes: await sha256Bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await fingerprintValue(value[i], `${name}[${i}]`));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await fingerprintValue(v, `${name}.${k}`);
    return out;
  }
  return value;
}

/**
 * Incremental hash of a record sequence: SHA-256 over each record's canonical JSON followed by a
 * newline (tensors and bytes inside records are first replaced by their fingerprints). For plain
 * JSON records this equals the hash of the canonical JSONL text. Used by `recordStep` so that a
 * dataset hashed in a pipeline and the same records hashed later agree.
 * @internal
 */
export class RecordHasher {
  private count = 0;
  private constructor(private readonly h: { update(c: string): void; digest(): Fingerprint }) {}

  static async create(): Promise<RecordHasher> {
    return new RecordHasher(await createSha256());
  }

  async add(record: unknown): Promise<void> {
    const plain = await fingerprintValue(record, `record ${this.count}`);
    this.h.update(`${canonicalJson(plain, `record ${this.count}`)}\n`);
    this.count++;
  }

  get rows(): number {
    return this.count;
  }

  digest(): Fingerprint {
    return this.h.digest();
  }
}

/**
 * Hash of a sequence of records (see `RecordHasher`): the same value `recordStep` computes for
 * the items that pass through it.
 *
 * @example
 * ```ts
 * await hashRecords([{ id: 1, text: 'a' }, { id: 2, text: 'b' }]);
 * ```
 */
export async function hashRecords(records: Iterable<unknown> | AsyncIterable<unknown>): Promise<Fingerprint> {
  if (records == null || (typeof (records as Iterable<unknown>)[Symbol.iterator] !== 'function' &&
    typeof (records as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') || typeof records === 'string') {
    throw new Error(`hashRecords: records must be an array or (async) iterable of records, got ${describe(records)}`);
  }
  const h = await RecordHasher.create();
  for await (const r of records as AsyncIterable<unknown>) await h.add(r);
  return h.digest();
}
