import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { custom } from './custom.js';
import { decryptValue, encrypt, encryptValue } from './encrypt.js';
import { hash } from './hash.js';
import { keep } from './keep.js';
import { generateKey } from './keys.js';
import { mask } from './mask.js';
import { pseudonymize } from './pseudonymize.js';
import { redact } from './redact.js';
import { replace } from './replace.js';

const ctx = { entityType: 'EMAIL_ADDRESS' };

describe('replace, redact, keep, custom', () => {
  it('replace uses <ENTITY_TYPE> by default or newValue', async () => {
    expect(await replace().apply('jo@example.org', ctx)).toBe('<EMAIL_ADDRESS>');
    expect(await replace({ newValue: '[x]' }).apply('jo@example.org', ctx)).toBe('[x]');
  });
  it('redact removes, keep keeps, custom calls the function and checks its result', async () => {
    expect(await redact().apply('jo@example.org', ctx)).toBe('');
    expect(await keep().apply('jo@example.org', ctx)).toBe('jo@example.org');
    expect(await custom((v) => v.length.toString()).apply('abcd', ctx)).toBe('4');
    await expect(custom(() => 5 as unknown as string, 'bad').apply('x', ctx)).rejects.toThrow("custom operator 'bad': fn must return a string, got the number 5");
  });
});

describe('mask', () => {
  it('masks from the start or the end, counting code points', async () => {
    expect(await mask({ charsToMask: 7, fromEnd: true }).apply('944-865-1683', ctx)).toBe('944-8*******');
    expect(await mask({ maskingChar: '#', charsToMask: 3 }).apply('Sarah', ctx)).toBe('###ah');
    expect(await mask({ charsToMask: 99 }).apply('abc', ctx)).toBe('***');
    expect(await mask().apply('😀ab', ctx)).toBe('***');
    expect(await mask({ charsToMask: 1, fromEnd: true, maskingChar: '•' }).apply('ab😀', ctx)).toBe('ab•');
  });
  it('validates its options', () => {
    expect(() => mask({ maskingChar: '**' })).toThrow('mask: maskingChar must be exactly one character, got a string of length 2');
    expect(() => mask({ charsToMask: -1 })).toThrow('mask: charsToMask must be a non-negative integer, got the number -1');
  });
});

describe('hash', () => {
  it('equals SHA-256 / SHA-512 of salt || value (node:crypto as the reference)', async () => {
    const salted = createHash('sha256').update('pepper').update('jo@example.org').digest('hex');
    expect(await hash({ salt: 'pepper' }).apply('jo@example.org', ctx)).toBe(salted);
    const h512 = createHash('sha512').update(Buffer.from([1, 2, 3])).update('x').digest('hex');
    expect(await hash({ hashType: 'sha512', salt: new Uint8Array([1, 2, 3]) }).apply('x', ctx)).toBe(h512);
  });
  it('uses a random salt per operator by default: stable within one, different across two', async () => {
    const a = hash();
    const b = hash();
    expect(await a.apply('x', ctx)).toBe(await a.apply('x', ctx));
    expect(await a.apply('x', ctx)).not.toBe(await b.apply('x', ctx));
    expect(await a.apply('x', ctx)).not.toBe(createHash('sha256').update('x').digest('hex'));
  });
});

describe('pseudonymize', () => {
  it('is HMAC-SHA-256 of the value (node:crypto as the reference), truncated and formatted', async () => {
    const key = new Uint8Array(32).fill(7);
    const mac = createHmac('sha256', Buffer.from(key)).update('jo@example.org').digest('hex');
    expect(await pseudonymize({ key }).apply('jo@example.org', ctx)).toBe(`<EMAIL_ADDRESS_${mac.slice(0, 16)}>`);
    expect(await pseudonymize({ key, length: 8, format: (d) => `user-${d}` }).apply('jo@example.org', ctx)).toBe(`user-${mac.slice(0, 8)}`);
  });
  it('rejects short keys at construction, without echoing the key', () => {
    const key = 'short-secret';
    let message = '';
    try {
      pseudonymize({ key });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('pseudonymize: key must be at least 16 bytes, got 12 bytes');
    expect(message).not.toContain(key);
  });
});

describe('encrypt / decrypt (AES-GCM)', () => {
  it('round-trips, with a fresh IV per value', async () => {
    const key = generateKey();
    const a = await encryptValue('609-64-9502', key);
    const b = await encryptValue('609-64-9502', key);
    expect(a).not.toBe(b);
    expect(await decryptValue(a, key)).toBe('609-64-9502');
    expect(await decryptValue(await encrypt({ key }).apply('Zoë 😀', ctx), key)).toBe('Zoë 😀');
    for (const size of [16, 24]) {
      const k = generateKey(size);
      expect(await decryptValue(await encryptValue('x', k), k)).toBe('x');
    }
  });
  it('fails loudly on a wrong key or a tampered token, naming neither', async () => {
    const key = generateKey();
    const token = await encryptValue('secret value', key);
    const other = generateKey();
    await expect(decryptValue(token, other)).rejects.toThrow('decryptValue: authentication failed: wrong key or tampered ciphertext');
    // Flip one character in the ciphertext part.
    const i = token.length - 5;
    const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    await expect(decryptValue(flipped, key)).rejects.toThrow(/authentication failed/);
    await expect(decryptValue('not a token', key)).rejects.toThrow(/not an encrypt\(\) token/);
    const err = await decryptValue(token, other).catch((e: Error) => e.message);
    expect(err).not.toContain(token);
    expect(err).not.toContain('secret');
  });
  it('rejects keys of the wrong size by their length only', () => {
    expect(() => encrypt({ key: new Uint8Array(10) })).toThrow('encrypt: key must be 16, 24 or 32 bytes (AES-128/192/256), got 10 bytes');
    expect(() => encrypt({ key: 'this is my password' })).toThrow(/got 19 bytes/);
    expect(() => generateKey(7)).toThrow('generateKey: bytes must be 16, 24, 32, 48 or 64, got the number 7');
  });
});
