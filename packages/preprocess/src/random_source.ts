import { getRng, Rng } from '@tessera/backend';

/**
 * Where a random function draws from: a seed (a fresh {@link Rng} per call, so the same seed
 * gives the same result), an `Rng` to advance (so successive calls differ but stay
 * reproducible), or nothing (the process-wide generator set by `seed()` from `@tessera/backend`).
 *
 * @example
 * ```ts
 * randomFlip(images, { rng: 42 });           // same flips every call
 * const rng = new Rng(42);
 * randomFlip(images, { rng });               // different per call, reproducible as a sequence
 * ```
 */
export type RandomSource = number | Rng;

/** Resolves a {@link RandomSource} option to a generator; `where` names the caller in errors. */
export function resolveRng(source: RandomSource | undefined, where: string): Rng {
  if (source === undefined) return getRng();
  if (source instanceof Rng) return source;
  if (typeof source === 'number' && Number.isInteger(source)) return new Rng(source);
  throw new Error(`${where}: rng must be an integer seed or an Rng from @tessera/backend; got ${describe(source)}`);
}

/** A short, PII-free description of a value for error messages (type and shape, never content). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `a string (${value.length} chars)`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return typeof value;
}
