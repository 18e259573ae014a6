import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256Js } from './internal/sha256_js.js';
import { createSha256, isFingerprint, sha256Bytes } from './sha256.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = new TextEncoder();

describe('SHA-256 implementations', () => {
  it('match the FIPS 180-4 / NIST test vectors', () => {
    const vectors: [string, string][] = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      [
        'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
        '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
      ],
    ];
    for (const [msg, digest] of vectors) expect(hex(new Sha256Js().update(enc.encode(msg)).digest())).toBe(digest);
    const million = new Sha256Js();
    const chunk = enc.encode('a'.repeat(1000));
    for (let i = 0; i < 1000; i++) million.update(chunk);
    expect(hex(million.digest())).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('plain JS, node:crypto and Web Crypto agree on every length and chunking', async () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4099]) {
      const data = new Uint8Array(randomBytes(len));
      const ref = createHash('sha256').update(data).digest('hex');
      const web = hex(new Uint8Array(await webcrypto.subtle.digest('SHA-256', data)));
      expect(web).toBe(ref);
      const js = new Sha256Js();
      // Odd chunk sizes cross block boundaries in every way.
      for (let i = 0; i < len; i += 7) js.update(data.subarray(i, Math.min(len, i + 7)));
      expect(hex(js.digest())).toBe(ref);
      expect(await sha256Bytes(data)).toBe(`sha256:${ref}`);
      const h = await createSha256();
      h.update(data.subarray(0, len >> 1));
      h.update(data.subarray(len >> 1));
      expect(h.digest()).toBe(`sha256:${ref}`);
    }
  });

  it('refuses to be used after the digest', () => {
    const h = new Sha256Js();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow('already taken');
  });

  it('recognises fingerprints', () => {
    expect(isFingerprint(`sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isFingerprint(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isFingerprint('abc')).toBe(false);
  });
});
