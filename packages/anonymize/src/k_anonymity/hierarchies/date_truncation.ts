import { describe } from '../../internal/describe.js';
import { SUPPRESSED, checkLevel, type Hierarchy } from './hierarchy.js';

/**
 * Granularities of {@link dateTruncationHierarchy}, finest first.
 *
 * @example
 * const g: DateGranularity = 'year';
 */
export type DateGranularity = 'month' | 'quarter' | 'year' | 'decade' | 'century';

const ORDER: readonly DateGranularity[] = ['month', 'quarter', 'year', 'decade', 'century'];

function parts(value: unknown): { y: number; m: number } | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return { y: value.getUTCFullYear(), m: value.getUTCMonth() + 1 };
  }
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})(?:-\d{2})?(?:[T ].*)?$/.exec(value.trim());
    if (!m) return undefined;
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return { y: Number(m[1]), m: month };
  }
  return undefined;
}

/**
 * Truncates dates (a `Date`, or an ISO string `YYYY-MM[-DD][THH:MM...]`) level by level:
 * with the default levels, 1990-06-23 becomes `1990-06-23`, `1990-06`, `1990`, `1990s`, `*`.
 * Dates are read in UTC.
 *
 * @example
 * const birth = dateTruncationHierarchy(['month', 'year', 'decade']);
 * birth.generalize('1990-06-23', 2); // '1990'
 * birth.generalize('1990-06-23', 3); // '1990s'
 */
export function dateTruncationHierarchy(granularities: readonly DateGranularity[] = ['month', 'year', 'decade']): Hierarchy {
  if (!Array.isArray(granularities) || granularities.length === 0) {
    throw new Error(`dateTruncationHierarchy: granularities must be a non-empty array, got ${describe(granularities)}`);
  }
  let last = -1;
  for (const [i, g] of granularities.entries()) {
    const idx = ORDER.indexOf(g);
    if (idx < 0) throw new Error(`dateTruncationHierarchy: granularities[${i}] must be one of ${ORDER.join(', ')}, got ${describe(g)}`);
    if (idx <= last) throw new Error(`dateTruncationHierarchy: granularities must go from fine to coarse (${ORDER.join(' < ')})`);
    last = idx;
  }
  const levels = granularities.length + 1;
  return {
    kind: 'date',
    levels,
    generalize(value, level) {
      checkLevel('dateTruncationHierarchy', level, levels);
      if (level === levels) return SUPPRESSED;
      const p = parts(value);
      if (!p) throw new Error(`dateTruncationHierarchy: value must be a valid Date or an ISO date string, got ${describe(value)}`);
      if (level === 0) return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      switch (granularities[level - 1]!) {
        case 'month':
          return `${p.y}-${String(p.m).padStart(2, '0')}`;
        case 'quarter':
          return `${p.y}-Q${Math.ceil(p.m / 3)}`;
        case 'year':
          return String(p.y);
        case 'decade':
          return `${Math.floor(p.y / 10) * 10}s`;
        default:
          return `${Math.floor(p.y / 100) * 100}s`;
      }
    },
  };
}
