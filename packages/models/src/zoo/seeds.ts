import { getRng, Rng } from '@tessera/backend';

/** A seed stream for a model's layers: from `seed`, or from the process-wide generator. */
export function seedStream(who: string, seed: number | undefined): () => number {
  if (seed !== undefined && !Number.isInteger(seed))
    throw new Error(`${who}: seed must be an integer; got ${String(seed)}`);
  const rng = new Rng(seed ?? getRng().nextSeed());
  return () => rng.nextSeed();
}

/** Checks `v` is an array of positive integers (possibly empty when `allowEmpty`). */
export function positiveInts(who: string, arg: string, v: unknown, allowEmpty: boolean): number[] {
  if (!Array.isArray(v) || (!allowEmpty && v.length === 0) || !v.every((x) => Number.isInteger(x) && x >= 1)) {
    throw new Error(
      `${who}: ${arg} must be ${allowEmpty ? 'an' : 'a non-empty'} array of positive integers; got ${JSON.stringify(v)}`,
    );
  }
  return v as number[];
}
