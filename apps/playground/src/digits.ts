/**
 * The bundled MNIST digits: fetched from the build's own asset (vite/mnist_digits.ts), inflated
 * with the browser's DecompressionStream and checked before use.
 */
import { digitsUrl, digitCount } from 'virtual:mnist-digits';
import { decodeDigits, type Digits } from './digit_asset.js';

export type { Digits } from './digit_asset.js';

/**
 * Fetches and decodes the bundled digits.
 *
 * @example
 * ```ts
 * const { count, images, labels } = await loadDigits();
 * ```
 */
export async function loadDigits(): Promise<Digits> {
  const res = await fetch(digitsUrl);
  if (!res.ok || !res.body) throw new Error(`loadDigits: ${digitsUrl} answered ${res.status}`);
  const inflated = res.body.pipeThrough(new DecompressionStream('gzip'));
  const digits = decodeDigits(new Uint8Array(await new Response(inflated).arrayBuffer()));
  if (digits.count !== digitCount) throw new Error(`loadDigits: the asset holds ${digits.count} digits, the build said ${digitCount}`);
  return digits;
}
