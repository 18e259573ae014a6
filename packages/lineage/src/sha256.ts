import type * as NodeCryptoModule from 'node:crypto';
import { isNode, nodeImport } from './internal/node.js';
import { Sha256Js } from './internal/sha256_js.js';

// One place that picks the SHA-256 implementation: node:crypto in Node (fast, native, streaming),
// Web Crypto for whole buffers in browsers, and a plain-JS incremental digest where Web Crypto
// cannot stream. Every path yields the same digest; the tests hold them against each other.

/**
 * A content hash, always written with its algorithm: `sha256:` and 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * const fp: Fingerprint = await hashText('abc'); // 'sha256:ba7816bf...'
 * ```
 */
export type Fingerprint = `sha256:${string}`;

/**
 * An incremental SHA-256: feed chunks, then take the fingerprint once.
 *
 * @example
 * ```ts
 * const h: Sha256Hasher = await createSha256();
 * h.update('chunk');
 * h.digest();
 * ```
 */
export interface Sha256Hasher {
  update(chunk: Uint8Array | string): void;
  digest(): Fingerprint;
}

type NodeCrypto = typeof NodeCryptoModule;
let nodeCrypto: NodeCrypto | null | undefined;
const encoder = new TextEncoder();

/** Loads node:crypto when running in Node (once); resolves to null in browsers. @internal */
export async function loadNodeCrypto(): Promise<NodeCrypto | null> {
  if (nodeCrypto !== undefined) return nodeCrypto;
  if (!isNode()) return (nodeCrypto = null);
  try {
    nodeCrypto = await nodeImport<NodeCrypto>('node:crypto');
  } catch {
    nodeCrypto = null;
  }
  return nodeCrypto;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

class JsHasher implements Sha256Hasher {
  private readonly inner = new Sha256Js();
  update(chunk: Uint8Array | string): void {
    this.inner.update(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  }
  digest(): Fingerprint {
    return `sha256:${toHex(this.inner.digest())}`;
  }
}

/**
 * A synchronous incremental hasher: node:crypto when it has been loaded, plain JS otherwise.
 * @internal
 */
export function createSha256Sync(): Sha256Hasher {
  if (nodeCrypto) {
    const h = nodeCrypto.createHash('sha256');
    return {
      update: (chunk) => void h.update(chunk),
      digest: () => `sha256:${h.digest('hex')}`,
    };
  }
  return new JsHasher();
}

/**
 * An incremental SHA-256 hasher, native in Node. Use it to hash data that arrives in pieces.
 *
 * @example
 * ```ts
 * const h = await createSha256();
 * h.update('hello ');
 * h.update(new TextEncoder().encode('world'));
 * h.digest(); // 'sha256:b94d27b9...'
 * ```
 */
export async function createSha256(): Promise<Sha256Hasher> {
  await loadNodeCrypto();
  return createSha256Sync();
}

/** SHA-256 of one buffer: node:crypto in Node, Web Crypto in browsers, plain JS as a last resort. @internal */
export async function sha256Bytes(bytes: Uint8Array): Promise<Fingerprint> {
  const nc = await loadNodeCrypto();
  if (nc) return `sha256:${nc.createHash('sha256').update(bytes).digest('hex')}`;
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle) {
    // Web Crypto wants an ArrayBuffer-backed view; copy if the caller handed a shared one.
    const view = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
    return `sha256:${toHex(new Uint8Array(await subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>)))}`;
  }
  const h = new JsHasher();
  h.update(bytes);
  return h.digest();
}

/** True when `value` is a well-formed fingerprint string. @internal */
export function isFingerprint(value: unknown): value is Fingerprint {
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);
}
