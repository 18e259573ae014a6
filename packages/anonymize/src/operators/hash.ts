import { describe } from '../internal/describe.js';
import { toHex, utf8 } from '../internal/bytes.js';
import { randomBytes, subtle } from '../internal/web_crypto.js';
import type { Operator } from './operator.js';

/**
 * Options of {@link hash}.
 *
 * @example
 * const opts: HashOptions = { hashType: 'sha512', salt: 'per-dataset salt' };
 */
export interface HashOptions {
  /** Presidio's `hash_type`; default sha256. */
  hashType?: 'sha256' | 'sha512';
  /**
   * Prepended to the value before hashing, so that a dictionary of known values cannot be
   * hashed ahead of time. Default: 32 random bytes drawn once per operator, so hashes match
   * within one operator but not across operators; pass a salt to make them stable across runs
   * (and prefer {@link pseudonymize}, a keyed HMAC, when tokens must be joinable).
   */
  salt?: Uint8Array | string;
}

/**
 * Replaces the value by the hex digest of `salt || value` (UTF-8).
 *
 * @example
 * const h = hash({ salt: 'demo' });
 * await h.apply('jo@example.org', { entityType: 'EMAIL_ADDRESS' }); // 64 hex characters
 */
export function hash(options: HashOptions = {}): Operator {
  if (!options || typeof options !== 'object') throw new Error(`hash: options must be an object, got ${describe(options)}`);
  const hashType = options.hashType ?? 'sha256';
  if (hashType !== 'sha256' && hashType !== 'sha512') throw new Error(`hash: hashType must be 'sha256' or 'sha512', got ${describe(hashType)}`);
  let salt: Uint8Array;
  if (options.salt === undefined) salt = randomBytes(32, 'hash');
  else if (typeof options.salt === 'string') salt = utf8(options.salt);
  else if (options.salt instanceof Uint8Array) salt = new Uint8Array(options.salt);
  else throw new Error(`hash: salt must be a Uint8Array or a string, got ${describe(options.salt)}`);
  const algorithm = hashType === 'sha256' ? 'SHA-256' : 'SHA-512';
  return {
    name: 'hash',
    async apply(value) {
      const v = utf8(value);
      const input = new Uint8Array(salt.length + v.length);
      input.set(salt, 0);
      input.set(v, salt.length);
      return toHex(new Uint8Array(await subtle('hash').digest(algorithm, input)));
    },
  };
}
