/**
 * 4-bit codes packed two per byte: element 2i in the low nibble of byte i, element 2i + 1 in
 * its high nibble (an odd count leaves the last high nibble 0).
 */
import { fail, show } from '../internal/errors.js';

/**
 * Packs codes 0..15 into `ceil(n / 2)` bytes.
 *
 * @example
 * ```ts
 * packInt4([1, 2, 15]); // Uint8Array [0x21, 0x0f]
 * ```
 */
export function packInt4(codes: ArrayLike<number>): Uint8Array {
  const n = codes.length;
  const out = new Uint8Array(Math.ceil(n / 2));
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    if (!Number.isInteger(c) || c < 0 || c > 15) fail('packInt4', `codes[${i}]`, 'be an integer in [0, 15]', show(c));
    out[i >> 1] = (out[i >> 1] as number) | (i & 1 ? c << 4 : c);
  }
  return out;
}

/**
 * Unpacks `n` codes from bytes written by {@link packInt4}.
 *
 * @example
 * ```ts
 * unpackInt4(new Uint8Array([0x21, 0x0f]), 3); // Uint8Array [1, 2, 15]
 * ```
 */
export function unpackInt4(bytes: Uint8Array, n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0) fail('unpackInt4', 'n', 'be a non-negative integer', show(n));
  if (bytes.length !== Math.ceil(n / 2)) {
    fail('unpackInt4', 'bytes', `hold ceil(${n} / 2) = ${Math.ceil(n / 2)} bytes for ${n} codes`, `${bytes.length} bytes`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = bytes[i >> 1] as number;
    out[i] = i & 1 ? b >> 4 : b & 0x0f;
  }
  return out;
}
