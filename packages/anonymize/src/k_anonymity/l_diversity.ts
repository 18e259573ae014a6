import { describe } from '../internal/describe.js';
import { equivalenceClasses, type CheckOptions } from './equivalence_classes.js';

/**
 * Result of {@link checkDistinctLDiversity}.
 *
 * @example
 * const r: LDiversityCheck = { satisfied: false, minDistinct: 1, violatingClasses: 2 };
 */
export interface LDiversityCheck {
  satisfied: boolean;
  /** Fewest distinct sensitive values in any class (0 for an empty table). */
  minDistinct: number;
  violatingClasses: number;
}

/** Distinct sensitive values in one class. */
export function distinctCount(rows: readonly Record<string, unknown>[], members: readonly number[], sensitive: string): number {
  return new Set(members.map((i) => String(rows[i]![sensitive]))).size;
}

/**
 * Distinct l-diversity (Machanavajjhala et al.; ARX's `DistinctLDiversity`): every equivalence
 * class holds at least `l` distinct values of the sensitive attribute, so knowing someone's
 * class does not reveal their value.
 *
 * @example
 * const rows = [{ zip: '816**', disease: 'flu' }, { zip: '816**', disease: 'flu' }];
 * checkDistinctLDiversity(rows, ['zip'], 'disease', 2).satisfied; // false
 */
export function checkDistinctLDiversity(
  rows: readonly Record<string, unknown>[],
  quasiIdentifiers: readonly string[],
  sensitive: string,
  l: number,
  options: CheckOptions = {},
): LDiversityCheck {
  if (typeof sensitive !== 'string' || sensitive.length === 0) throw new Error(`checkDistinctLDiversity: sensitive must be a field name, got ${describe(sensitive)}`);
  if (!Number.isInteger(l) || l < 1) throw new Error(`checkDistinctLDiversity: l must be an integer >= 1, got ${describe(l)}`);
  const classes = equivalenceClasses(rows, quasiIdentifiers, options);
  let min = Number.POSITIVE_INFINITY;
  let violating = 0;
  for (const members of classes.values()) {
    const d = distinctCount(rows, members, sensitive);
    min = Math.min(min, d);
    if (d < l) violating++;
  }
  return { satisfied: violating === 0, minDistinct: classes.size === 0 ? 0 : min, violatingClasses: violating };
}
