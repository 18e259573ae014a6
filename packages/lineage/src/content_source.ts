import { hashFile } from './file_fingerprint.js';
import { hashBytes, hashJson, hashRecords, hashStream, hashText, type ByteSource } from './fingerprint.js';
import { describe } from './internal/describe.js';
import { inferSchema } from './internal/infer_schema.js';
import type { FieldSchema } from './records.js';
import { isFingerprint, type Fingerprint } from './sha256.js';
import { hashTensor, hashTensors, type NamedTensorLike, type TensorLike } from './tensor_fingerprint.js';

/**
 * Where a dataset's or artifact's content hash comes from: exactly one of these fields.
 * `records` hashes like `hashRecords` and also gives the row count and an inferred schema.
 *
 * @example
 * ```ts
 * const content: ContentSource = { records: [{ id: 1 }, { id: 2 }] }; // or { file }, { text }, { tensors } ...
 * ```
 */
export interface ContentSource {
  /** A hash computed earlier. */
  hash?: Fingerprint;
  /** A file to hash (Node), streamed. */
  file?: string;
  bytes?: Uint8Array;
  text?: string;
  /** Any JSON value, hashed in canonical form. */
  json?: unknown;
  /** An array or (async) iterable of records. */
  records?: Iterable<unknown> | AsyncIterable<unknown>;
  /** A byte stream (Node Readable, web ReadableStream). */
  stream?: ByteSource;
  tensor?: TensorLike;
  /** Model weights, say: tensors or `{ name, tensor }` pairs. */
  tensors?: readonly (TensorLike | NamedTensorLike)[];
}

const FIELDS = ['hash', 'file', 'bytes', 'text', 'json', 'records', 'stream', 'tensor', 'tensors'] as const;

/** What hashing a content source found. @internal */
export interface ContentFacts {
  hash: Fingerprint;
  rowCount?: number;
  schema?: FieldSchema[];
  sizeBytes?: number;
}

/** Hashes whichever content field `spec` carries. @internal */
export async function fingerprintContent(spec: ContentSource, caller: string): Promise<ContentFacts> {
  const present = FIELDS.filter((f) => spec[f] !== undefined);
  if (present.length !== 1) {
    throw new Error(
      `${caller}: give exactly one of ${FIELDS.join(', ')} to fingerprint the content, got ` +
        (present.length ? present.join(' and ') : 'none'),
    );
  }
  const field = present[0]!;
  switch (field) {
    case 'hash':
      if (!isFingerprint(spec.hash)) throw new Error(`${caller}: hash must be 'sha256:' and 64 lowercase hex digits, got ${describe(spec.hash)}`);
      return { hash: spec.hash };
    case 'file':
      return { hash: await hashFile(spec.file!) };
    case 'bytes':
      return { hash: await hashBytes(spec.bytes!), sizeBytes: spec.bytes!.length };
    case 'text':
      return { hash: await hashText(spec.text!) };
    case 'json': {
      const facts: ContentFacts = { hash: await hashJson(spec.json) };
      if (Array.isArray(spec.json)) facts.rowCount = spec.json.length;
      return facts;
    }
    case 'records': {
      const recs = spec.records!;
      if (Array.isArray(recs)) {
        const facts: ContentFacts = { hash: await hashRecords(recs), rowCount: recs.length };
        const schema = inferSchema(recs);
        if (schema) facts.schema = schema;
        return facts;
      }
      // An iterable is read once: count as we hash.
      let rows = 0;
      const first: unknown[] = [];
      const counted = (async function* () {
        for await (const r of recs as AsyncIterable<unknown>) {
          if (first.length < 100) first.push(r);
          rows++;
          yield r;
        }
      })();
      const facts: ContentFacts = { hash: await hashRecords(counted), rowCount: rows };
      const schema = inferSchema(first);
      if (schema) facts.schema = schema;
      return facts;
    }
    case 'stream':
      return { hash: await hashStream(spec.stream!) };
    case 'tensor':
      return { hash: await hashTensor(spec.tensor!) };
    case 'tensors':
      return { hash: await hashTensors(spec.tensors!) };
  }
}
