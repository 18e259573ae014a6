/**
 * Numbers in JSON without loss: JSON has no NaN, ±Infinity or -0, so those travel as the
 * strings "NaN", "Infinity", "-Infinity" and "-0". Finite doubles round-trip exactly through
 * JSON.stringify/parse already (shortest round-trip formatting).
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** Encodes one number. */
export function encodeNumber(v: number): JsonNumber {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

/** Decodes one number; `where` names the field in errors. */
export function decodeNumber(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  throw new Error(`${where}: expected a number; got ${JSON.stringify(v)}`);
}

/** Encodes an array (null stays null). */
export function encodeNumbers(a: readonly number[] | null): JsonNumber[] | null {
  return a === null ? null : a.map(encodeNumber);
}

/** Decodes an array (null stays null). */
export function decodeNumbers(a: unknown, where: string): number[] | null {
  if (a === null || a === undefined) return null;
  if (!Array.isArray(a)) throw new Error(`${where}: expected an array of numbers`);
  return a.map((v, i) => decodeNumber(v, `${where}[${i}]`));
}
