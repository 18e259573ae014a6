import { describe } from '../internal/describe.js';
import { equivalenceClasses, type CheckOptions } from './equivalence_classes.js';

/**
 * Ground distance for t-closeness (Li et al. 2007, as in ARX): `equal` for categorical values
 * (every two values are distance 1 apart), `ordered` for numbers (values i and j of the m sorted
 * distinct values are |i - j| / (m - 1) apart).
 *
 * @example
 * const d: TClosenessDistance = 'ordered';
 */
export type TClosenessDistance = 'equal' | 'ordered';

function toNumber(caller: string, v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new Error(`${caller}: ordered distance needs numeric sensitive values, got ${describe(v)}`);
  return n;
}

/**
 * Earth mover's distance between the sensitive values of one class and of the whole table:
 * `equal`: half the L1 distance between the two distributions; `ordered`: the mean absolute
 * cumulative difference over the sorted domain, sum_i |sum_{j<=i} (p_j - q_j)| / (m - 1).
 *
 * @example
 * // Li et al.'s salary example: the class {3k, 4k, 5k} in a table of 3k..11k is 0.375 away.
 * earthMoversDistance([3, 4, 5], [3, 4, 5, 6, 7, 8, 9, 10, 11], 'ordered'); // 0.375
 */
export function earthMoversDistance(classValues: readonly unknown[], tableValues: readonly unknown[], distance: TClosenessDistance): number {
  if (!Array.isArray(classValues) || classValues.length === 0) throw new Error(`earthMoversDistance: classValues must be a non-empty array, got ${describe(classValues)}`);
  if (!Array.isArray(tableValues) || tableValues.length === 0) throw new Error(`earthMoversDistance: tableValues must be a non-empty array, got ${describe(tableValues)}`);
  if (distance !== 'equal' && distance !== 'ordered') throw new Error(`earthMoversDistance: distance must be 'equal' or 'ordered', got ${describe(distance)}`);
  if (distance === 'equal') {
    const p = new Map<string, number>();
    const q = new Map<string, number>();
    for (const v of classValues) p.set(String(v), (p.get(String(v)) ?? 0) + 1 / classValues.length);
    for (const v of tableValues) q.set(String(v), (q.get(String(v)) ?? 0) + 1 / tableValues.length);
    let sum = 0;
    for (const key of new Set([...p.keys(), ...q.keys()])) sum += Math.abs((p.get(key) ?? 0) - (q.get(key) ?? 0));
    return sum / 2;
  }
  const cv = classValues.map((v) => toNumber('earthMoversDistance', v));
  const tv = tableValues.map((v) => toNumber('earthMoversDistance', v));
  const domain = [...new Set([...tv, ...cv])].sort((a, b) => a - b);
  const m = domain.length;
  if (m < 2) return 0;
  const index = new Map(domain.map((v, i) => [v, i]));
  const p = new Float64Array(m);
  const q = new Float64Array(m);
  for (const v of cv) p[index.get(v)!]! += 1 / cv.length;
  for (const v of tv) q[index.get(v)!]! += 1 / tv.length;
  let cumulative = 0;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    cumulative += p[i]! - q[i]!;
    sum += Math.abs(cumulative);
  }
  return sum / (m - 1);
}

/**
 * Precomputes the table's distribution once and returns a function giving a class's distance to
 * it; used where many classes are measured against one table.
 */
export function tClosenessMeter(tableValues: readonly unknown[], distance: TClosenessDistance): (classValues: readonly unknown[]) => number {
  if (distance !== 'equal' && distance !== 'ordered') throw new Error(`t-closeness: distance must be 'equal' or 'ordered', got ${describe(distance)}`);
  const keys = distance === 'ordered' ? tableValues.map((v) => toNumber('t-closeness', v)) : tableValues.map((v) => String(v));
  const domain = [...new Set<string | number>(keys)];
  if (distance === 'ordered') (domain as number[]).sort((a, b) => a - b);
  const index = new Map<string | number, number>(domain.map((v, i) => [v, i]));
  const m = domain.length;
  const q = new Float64Array(m);
  for (const k of keys) q[index.get(k)!]! += 1 / keys.length;
  return (classValues) => {
    const p = new Float64Array(m);
    for (const v of classValues) {
      const key = distance === 'ordered' ? toNumber('t-closeness', v) : String(v);
      const i = index.get(key);
      if (i === undefined) throw new Error('t-closeness: a class holds a sensitive value that is not in the table');
      p[i]! += 1 / classValues.length;
    }
    let sum = 0;
    if (distance === 'equal') {
      for (let i = 0; i < m; i++) sum += Math.abs(p[i]! - q[i]!);
      return sum / 2;
    }
    if (m < 2) return 0;
    let cumulative = 0;
    for (let i = 0; i < m; i++) {
      cumulative += p[i]! - q[i]!;
      sum += Math.abs(cumulative);
    }
    return sum / (m - 1);
  };
}

/**
 * Result of {@link checkTCloseness}.
 *
 * @example
 * const r: TClosenessCheck = { satisfied: true, maxDistance: 0.12, violatingClasses: 0 };
 */
export interface TClosenessCheck {
  satisfied: boolean;
  /** Largest distance of any class to the table (0 for an empty table). */
  maxDistance: number;
  violatingClasses: number;
}

/**
 * t-closeness: the distribution of the sensitive attribute in every equivalence class is within
 * earth mover's distance `t` of its distribution in the whole table (all rows, suppressed or not).
 *
 * @example
 * checkTCloseness(rows, ['zip', 'age'], 'salary', 0.2, { distance: 'ordered' }).satisfied;
 */
export function checkTCloseness(
  rows: readonly Record<string, unknown>[],
  quasiIdentifiers: readonly string[],
  sensitive: string,
  t: number,
  options: CheckOptions & { distance?: TClosenessDistance } = {},
): TClosenessCheck {
  if (typeof sensitive !== 'string' || sensitive.length === 0) throw new Error(`checkTCloseness: sensitive must be a field name, got ${describe(sensitive)}`);
  if (typeof t !== 'number' || !(t >= 0 && t <= 1)) throw new Error(`checkTCloseness: t must be in [0, 1], got ${describe(t)}`);
  const distance = options.distance ?? 'equal';
  const classes = equivalenceClasses(rows, quasiIdentifiers, options);
  const meter = tClosenessMeter(rows.map((r) => r[sensitive]), distance);
  let max = 0;
  let violating = 0;
  for (const members of classes.values()) {
    const d = meter(members.map((i) => rows[i]![sensitive]));
    max = Math.max(max, d);
    if (d > t + 1e-12) violating++;
  }
  return { satisfied: violating === 0, maxDistance: max, violatingClasses: violating };
}
