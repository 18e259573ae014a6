/**
 * The digits asset's format (written by vite/mnist_digits.ts at build time): decoded and
 * checked here, with no browser API, so Node tests can run it too.
 */

/** Digits as bytes: `images` is `count * 28 * 28` grey levels (0 = background), row-major. */
export interface Digits {
  readonly count: number;
  readonly side: number;
  readonly labels: Uint8Array;
  readonly images: Uint8Array;
  /** The inflated asset, for hashing into the lineage log. */
  readonly bytes: Uint8Array;
}

const MAGIC = 'TMNI';
const HEADER = 12;

/**
 * Decodes the asset layout `TMNI v1 rows cols _ count(u32 LE) labels[count] pixels[count*rows*cols]`.
 *
 * @example
 * ```ts
 * const digits = decodeDigits(bytes);
 * digits.labels[0]; // 0: the asset is interleaved by class
 * ```
 */
export function decodeDigits(bytes: Uint8Array): Digits {
  if (bytes.length < HEADER || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC || bytes[4] !== 1) {
    throw new Error(`decodeDigits: bytes must start with the "${MAGIC}" v1 header, got ${bytes.length} bytes that do not`);
  }
  const rows = bytes[5]!;
  const cols = bytes[6]!;
  if (rows !== 28 || cols !== 28) throw new Error(`decodeDigits: expected 28x28 digits, got ${rows}x${cols}`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const expected = HEADER + count + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`decodeDigits: ${count} digits need ${expected} bytes, got ${bytes.length}`);
  const labels = bytes.subarray(HEADER, HEADER + count);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`decodeDigits: label ${bad} is ${labels[bad]}, expected 0..9`);
  return { count, side: rows, labels, images: bytes.subarray(HEADER + count), bytes };
}
