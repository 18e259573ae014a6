import { describe } from '../internal/describe.js';
import { toHex, utf8 } from '../internal/bytes.js';
import { subtle } from '../internal/web_crypto.js';
import { importHmacKey, type KeyInput } from './keys.js';
import type { Operator } from './operator.js';

/**
 * Options of {@link pseudonymize}.
 *
 * @example
 * const opts: PseudonymizeOptions = { key: generateKey(), length: 12 };
 */
export interface PseudonymizeOptions {
  /** HMAC key, at least 16 bytes. Keep it secret: whoever holds it can test guesses. */
  key: KeyInput;
  /** Hex characters of the HMAC kept in the token, 8 to 64; default 16 (64 bits). */
  length?: number;
  /** Builds the token; default `<ENTITY_TYPE_digest>`. */
  format?: (digest: string, entityType: string) => string;
}

/**
 * Keyed pseudonymization: the token is derived from HMAC-SHA-256(key, value), so the same value
 * always gives the same token under one key (joins and counts survive) while tokens under
 * different keys are unlinkable, and without the key a token reveals nothing about its value.
 *
 * @example
 * const p = pseudonymize({ key: generateKey() });
 * await p.apply('jo@example.org', { entityType: 'EMAIL_ADDRESS' }); // '<EMAIL_ADDRESS_3f9a0c1b2d4e5f60>'
 */
export function pseudonymize(options: PseudonymizeOptions): Operator {
  if (!options || typeof options !== 'object') throw new Error(`pseudonymize: options must be an object with a key, got ${describe(options)}`);
  const length = options.length ?? 16;
  if (!Number.isInteger(length) || length < 8 || length > 64) throw new Error(`pseudonymize: length must be an integer in [8, 64], got ${describe(length)}`);
  const format = options.format ?? ((digest: string, entityType: string) => `<${entityType}_${digest}>`);
  if (typeof format !== 'function') throw new Error(`pseudonymize: format must be a function, got ${describe(format)}`);
  // Validate the key now (synchronously where possible) so that mistakes surface at setup.
  if (options.key === undefined) throw new Error('pseudonymize: key is required');
  const keyPromise = importHmacKey('pseudonymize', options.key);
  keyPromise.catch(() => undefined);
  return {
    name: 'pseudonymize',
    async apply(value, { entityType }) {
      const key = await keyPromise;
      const mac = new Uint8Array(await subtle('pseudonymize').sign('HMAC', key, utf8(value)));
      return format(toHex(mac).slice(0, length), entityType);
    },
  };
}
