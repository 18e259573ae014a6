/**
 * Shapes without the batch axis (`null` = any size), and the checks that turn a wrong input
 * into an error naming the layer, the expected shape and the received one.
 */

/** A shape without the batch axis; `null` stands for a size that may vary (e.g. sequence length). */
export type Shape = readonly (number | null)[];

/**
 * Formats a per-sample shape with its batch axis, as Keras prints it: `[null, 32, 32, 3]`.
 *
 * @example
 * ```ts
 * formatShape([32, 32, 3]); // '[null, 32, 32, 3]'
 * ```
 */
export function formatShape(shape: Shape, withBatch = true): string {
  const dims = (withBatch ? [null, ...shape] : [...shape]).map((d) => (d === null ? 'null' : String(d)));
  return `[${dims.join(', ')}]`;
}

/** Whether `received` (with its batch axis) fits `expected` (without it). */
export function shapeMatches(expected: Shape, received: readonly number[]): boolean {
  if (received.length !== expected.length + 1) return false;
  return expected.every((d, i) => d === null || d === received[i + 1]);
}

/** Throws `"<who>: expected input shape [...], received [...]"` unless `received` fits. */
export function checkShape(who: string, expected: Shape, received: readonly number[], what = 'input'): void {
  if (!shapeMatches(expected, received)) {
    throw new Error(
      `${who}: expected ${what} shape ${formatShape(expected)}, received [${received.join(', ')}]` +
        (received.length !== expected.length + 1
          ? ` (rank ${received.length}, expected rank ${expected.length + 1})`
          : ''),
    );
  }
}

/** Product of the known sizes; throws when one is unknown. */
export function knownSize(who: string, shape: Shape): number {
  let n = 1;
  for (const d of shape) {
    if (d === null) throw new Error(`${who}: needs a fully known input shape, received ${formatShape(shape)}`);
    n *= d;
  }
  return n;
}

/** Output size of a convolution or pooling window along one axis (TensorFlow's rule). */
export function convOutSize(
  size: number | null,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid',
): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.ceil((size - (kernel - 1) * dilation) / stride);
}

/** Reads `n` or `[a, b]` as a pair; names the argument when it is neither. */
export function pair(
  who: string,
  arg: string,
  v: number | readonly number[] | undefined,
  dflt: number,
): [number, number] {
  if (v === undefined) return [dflt, dflt];
  const p = typeof v === 'number' ? [v, v] : [...v];
  if (p.length !== 2 || !p.every((x) => Number.isInteger(x) && x >= 1)) {
    throw new Error(`${who}: ${arg} must be a positive integer or a pair of them; got ${JSON.stringify(v)}`);
  }
  return [p[0] as number, p[1] as number];
}

/** Validates a positive integer option. */
export function positiveInt(who: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new Error(`${who}: ${arg} must be a positive integer; got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Validates a rate in [0, 1). */
export function rate(who: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new Error(`${who}: ${arg} must be a number in [0, 1); got ${JSON.stringify(v)}`);
  }
  return v;
}
