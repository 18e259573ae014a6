import { describe } from '../internal/describe.js';
import { SUPPRESSED } from './hierarchies/hierarchy.js';

/**
 * Options shared by the privacy-model checks.
 *
 * @example
 * const opts: CheckOptions = { excludeSuppressed: false };
 */
export interface CheckOptions {
  /**
   * Ignore rows whose quasi-identifiers are all `*` (records suppressed by {@link kAnonymize}, which
   * ARX treats as removed). Default true.
   */
  excludeSuppressed?: boolean;
}

/** Validates rows and field names for the checks; errors name the argument, never cell values. */
export function checkTable(caller: string, rows: readonly unknown[], fields: readonly string[]): void {
  if (!Array.isArray(rows)) throw new Error(`${caller}: rows must be an array of objects, got ${describe(rows)}`);
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    throw new Error(`${caller}: quasiIdentifiers must be a non-empty array of field names, got ${describe(fields)}`);
  }
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') throw new Error(`${caller}: rows[${i}] must be an object, got ${describe(r)}`);
  });
}

const isSuppressed = (row: Record<string, unknown>, fields: readonly string[]): boolean => fields.every((f) => row[f] === SUPPRESSED);

/**
 * Groups row indices by their quasi-identifier values (the equivalence classes).
 *
 * @example
 * equivalenceClasses([{ a: 1 }, { a: 1 }, { a: 2 }], ['a']); // Map { '1' => [0, 1], '2' => [2] }
 */
export function equivalenceClasses(
  rows: readonly Record<string, unknown>[],
  quasiIdentifiers: readonly string[],
  options: CheckOptions = {},
): Map<string, number[]> {
  checkTable('equivalenceClasses', rows, quasiIdentifiers);
  const exclude = options.excludeSuppressed ?? true;
  const classes = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (exclude && isSuppressed(row, quasiIdentifiers)) return;
    const key = quasiIdentifiers.length === 1 ? String(row[quasiIdentifiers[0]!]) : JSON.stringify(quasiIdentifiers.map((f) => String(row[f])));
    const list = classes.get(key);
    if (list) list.push(i);
    else classes.set(key, [i]);
  });
  return classes;
}

/**
 * Result of {@link checkKAnonymity}.
 *
 * @example
 * const r: KAnonymityCheck = { satisfied: true, minClassSize: 5, classCount: 3, violatingRows: 0 };
 */
export interface KAnonymityCheck {
  satisfied: boolean;
  /** Smallest equivalence class (0 for an empty table). */
  minClassSize: number;
  classCount: number;
  /** Rows in classes smaller than k. */
  violatingRows: number;
}

/**
 * Does every combination of quasi-identifier values occur at least `k` times?
 *
 * @example
 * checkKAnonymity([{ zip: '816**' }, { zip: '816**' }], ['zip'], 2).satisfied; // true
 */
export function checkKAnonymity(
  rows: readonly Record<string, unknown>[],
  quasiIdentifiers: readonly string[],
  k: number,
  options: CheckOptions = {},
): KAnonymityCheck {
  if (!Number.isInteger(k) || k < 1) throw new Error(`checkKAnonymity: k must be an integer >= 1, got ${describe(k)}`);
  const classes = equivalenceClasses(rows, quasiIdentifiers, options);
  let min = Number.POSITIVE_INFINITY;
  let violating = 0;
  for (const members of classes.values()) {
    min = Math.min(min, members.length);
    if (members.length < k) violating += members.length;
  }
  return { satisfied: violating === 0, minClassSize: classes.size === 0 ? 0 : min, classCount: classes.size, violatingRows: violating };
}
