import { describe } from '../internal/describe.js';
import { utf8 } from '../internal/bytes.js';
import { randomBytes, subtle } from '../internal/web_crypto.js';

/**
 * Key material accepted by the keyed operators: raw bytes, a UTF-8 string (Presidio passes keys
 * as strings), or a Web Crypto `CryptoKey` already imported for the right algorithm.
 *
 * @example
 * const key: KeyInput = generateKey();
 */
export type KeyInput = Uint8Array | string | CryptoKey;

/**
 * Fresh random key bytes from the platform's secure generator (default 32 bytes = 256 bits).
 *
 * @example
 * const key = generateKey(); // Uint8Array(32)
 */
export function generateKey(bytes = 32): Uint8Array {
  if (![16, 24, 32, 48, 64].includes(bytes)) throw new Error(`generateKey: bytes must be 16, 24, 32, 48 or 64, got ${describe(bytes)}`);
  return randomBytes(bytes, 'generateKey');
}

const isCryptoKey = (k: unknown): k is CryptoKey =>
  typeof CryptoKey !== 'undefined' ? k instanceof CryptoKey : !!k && typeof k === 'object' && 'algorithm' in k && 'usages' in k;

/** Raw key bytes from bytes or a string; never echoes the key in errors. */
export function keyBytes(caller: string, key: KeyInput): Uint8Array<ArrayBuffer> {
  if (typeof key === 'string') return utf8(key);
  if (key instanceof Uint8Array) return new Uint8Array(key);
  throw new Error(`${caller}: key must be a Uint8Array, a string or a CryptoKey, got ${describe(key)}`);
}

/**
 * Imports an HMAC-SHA-256 key (at least 16 bytes, so that pseudonyms cannot be brute-forced).
 * Not async on purpose: a bad key throws at the call, not later at first use.
 */
export function importHmacKey(caller: string, key: KeyInput): Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    if (key.algorithm.name !== 'HMAC') throw new Error(`${caller}: key must be an HMAC CryptoKey, got a ${key.algorithm.name} key`);
    return Promise.resolve(key);
  }
  const raw = keyBytes(caller, key);
  if (raw.byteLength < 16) throw new Error(`${caller}: key must be at least 16 bytes, got ${raw.byteLength} bytes`);
  return subtle(caller).importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Imports an AES-GCM key of 16, 24 or 32 bytes (AES-128/192/256); a bad key throws at the call. */
export function importAesKey(caller: string, key: KeyInput): Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    if (key.algorithm.name !== 'AES-GCM') throw new Error(`${caller}: key must be an AES-GCM CryptoKey, got a ${key.algorithm.name} key`);
    return Promise.resolve(key);
  }
  const raw = keyBytes(caller, key);
  if (![16, 24, 32].includes(raw.byteLength)) {
    throw new Error(`${caller}: key must be 16, 24 or 32 bytes (AES-128/192/256), got ${raw.byteLength} bytes`);
  }
  return subtle(caller).importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}
