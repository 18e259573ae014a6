import { describe } from '../internal/describe.js';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../internal/bytes.js';
import { randomBytes, subtle } from '../internal/web_crypto.js';
import { importAesKey, type KeyInput } from './keys.js';
import type { Operator } from './operator.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts one value with AES-GCM (authenticated): a fresh random 96-bit IV per value, output
 * `base64url(version || iv || ciphertext || tag)`. Equal values give different ciphertexts.
 *
 * @example
 * const key = generateKey();
 * const token = await encryptValue('609-64-9502', key);
 * await decryptValue(token, key); // '609-64-9502'
 */
export async function encryptValue(value: string, key: KeyInput): Promise<string> {
  if (typeof value !== 'string') throw new Error(`encryptValue: value must be a string, got ${describe(value)}`);
  const k = await importAesKey('encryptValue', key);
  const iv = randomBytes(IV_BYTES, 'encryptValue');
  const sealed = new Uint8Array(await subtle('encryptValue').encrypt({ name: 'AES-GCM', iv }, k, utf8(value)));
  const out = new Uint8Array(1 + IV_BYTES + sealed.length);
  out[0] = VERSION;
  out.set(iv, 1);
  out.set(sealed, 1 + IV_BYTES);
  return toBase64Url(out);
}

/**
 * Decrypts a token made by {@link encryptValue}. A wrong key, a modified token or a token that is
 * not ours fails loudly; the error names neither the key nor the token's content.
 *
 * @example
 * await decryptValue(await encryptValue('x', key), key); // 'x'
 */
export async function decryptValue(token: string, key: KeyInput): Promise<string> {
  if (typeof token !== 'string') throw new Error(`decryptValue: token must be a string, got ${describe(token)}`);
  const k = await importAesKey('decryptValue', key);
  const bytes = fromBase64Url(token);
  if (!bytes || bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) {
    throw new Error(`decryptValue: token is not an encrypt() token (malformed or unsupported version, ${token.length} characters)`);
  }
  let plain: ArrayBuffer;
  try {
    plain = await subtle('decryptValue').decrypt({ name: 'AES-GCM', iv: bytes.subarray(1, 1 + IV_BYTES) }, k, bytes.subarray(1 + IV_BYTES));
  } catch {
    throw new Error('decryptValue: authentication failed: wrong key or tampered ciphertext');
  }
  return fromUtf8(new Uint8Array(plain));
}

/**
 * Reversible operator: replaces the value by its AES-GCM encryption ({@link encryptValue});
 * {@link deanonymize} with the same key restores the original text.
 *
 * @example
 * const key = generateKey();
 * const { text, items } = await anonymize('SSN 609-64-9502', analyze('SSN 609-64-9502'), { operators: { DEFAULT: encrypt({ key }) } });
 * (await deanonymize(text, items, { key })).text; // 'SSN 609-64-9502'
 */
export function encrypt(options: { key: KeyInput }): Operator {
  if (!options || typeof options !== 'object' || options.key === undefined) {
    throw new Error(`encrypt: options must be an object with a key, got ${describe(options)}`);
  }
  const keyPromise = importAesKey('encrypt', options.key);
  keyPromise.catch(() => undefined);
  return {
    name: 'encrypt',
    async apply(value) {
      return encryptValue(value, await keyPromise);
    },
  };
}
