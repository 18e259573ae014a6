/**
 * Column types that file sources convert fields to.
 *
 * @example
 * ```ts
 * const types: Record<string, ColumnType> = { id: 'integer', score: 'number' };
 * ```
 */
export type ColumnType = 'number' | 'integer' | 'string' | 'boolean';

/**
 * A converted field: numbers (NaN when missing), text, booleans, or null (missing boolean).
 *
 * @example
 * ```ts
 * const v: FieldValue = NaN; // a missing number
 * ```
 */
export type FieldValue = number | string | boolean | null;

const NON_DECIMAL = /[xXoObB_]/;

/** Parses a decimal number (also NaN/Infinity/inf); undefined when the text is not one. */
export function parseNumber(text: string): number | undefined {
  const v = Number(text);
  if (Number.isNaN(v)) {
    const t = text.trim().toLowerCase();
    if (t === 'nan') return NaN;
    if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
    if (t === '-inf' || t === '-infinity') return -Infinity;
    return undefined;
  }
  // Number() also accepts hex/octal/binary literals and blank text; a data file means neither.
  if (NON_DECIMAL.test(text) || text.trim().length === 0) return undefined;
  return v;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f']);

/**
 * Converts one text field to `type`. Returns the value, or an error phrase (without the
 * field's content, which may be personal data) for the caller to place in context.
 */
export function convertField(text: string, type: ColumnType, missing: ReadonlySet<string>): { value: FieldValue } | { error: string } {
  if (type === 'string') return { value: text };
  if (missing.has(text)) return { value: type === 'boolean' ? null : NaN };
  if (type === 'boolean') {
    const t = text.trim().toLowerCase();
    if (TRUE.has(t)) return { value: true };
    if (FALSE.has(t)) return { value: false };
    return { error: `expected a boolean (true/false, 1/0, yes/no), got text of ${text.length} character(s) that is not one` };
  }
  const v = parseNumber(text);
  if (v === undefined) return { error: `expected a number, got text of ${text.length} character(s) that is not one` };
  if (type === 'integer' && !Number.isInteger(v) && !Number.isNaN(v)) return { error: 'expected an integer, got a number with a fraction' };
  return { value: v };
}
