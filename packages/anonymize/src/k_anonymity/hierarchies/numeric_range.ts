import { describe } from '../../internal/describe.js';
import { SUPPRESSED, checkLevel, type Hierarchy } from './hierarchy.js';

/**
 * Options of {@link numericRangeHierarchy}.
 *
 * @example
 * const opts: NumericRangeOptions = { widths: [5, 10, 20], origin: 0 };
 */
export interface NumericRangeOptions {
  /** Interval widths per level, increasing, each a multiple of the previous so intervals nest. */
  widths: readonly number[];
  /** Where intervals start (default 0): with width 10, intervals are [origin + 10i, origin + 10(i+1)). */
  origin?: number;
}

/**
 * Generalizes numbers to nested half-open intervals, then `*`: with widths [5, 10], 23 becomes
 * `23`, `[20, 25)`, `[20, 30)`, `*`. Numeric strings are accepted.
 *
 * @example
 * const age = numericRangeHierarchy({ widths: [5, 10] });
 * age.generalize(23, 1); // '[20, 25)'
 * age.generalize(23, 3); // '*'
 */
export function numericRangeHierarchy(options: NumericRangeOptions): Hierarchy {
  if (!options || typeof options !== 'object') throw new Error(`numericRangeHierarchy: options must be an object with widths, got ${describe(options)}`);
  const { widths } = options;
  const origin = options.origin ?? 0;
  if (!Array.isArray(widths) || widths.length === 0) throw new Error(`numericRangeHierarchy: widths must be a non-empty array, got ${describe(widths)}`);
  widths.forEach((w, i) => {
    if (typeof w !== 'number' || !(w > 0) || !Number.isFinite(w)) throw new Error(`numericRangeHierarchy: widths[${i}] must be a positive number, got ${describe(w)}`);
    if (i > 0) {
      const ratio = w / widths[i - 1]!;
      if (!(ratio > 1) || Math.abs(ratio - Math.round(ratio)) > 1e-9) {
        throw new Error(`numericRangeHierarchy: widths[${i}] (${w}) must be a multiple > 1 of widths[${i - 1}] (${widths[i - 1]}) so that intervals nest`);
      }
    }
  });
  if (typeof origin !== 'number' || !Number.isFinite(origin)) throw new Error(`numericRangeHierarchy: origin must be a finite number, got ${describe(origin)}`);
  const levels = widths.length + 1;
  return {
    kind: 'numeric_range',
    levels,
    generalize(value, level) {
      checkLevel('numericRangeHierarchy', level, levels);
      if (level === levels) return SUPPRESSED;
      const v = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(v)) throw new Error(`numericRangeHierarchy: value must be a finite number or numeric string, got ${describe(value)}`);
      if (level === 0) return String(value);
      const w = widths[level - 1]!;
      const lo = origin + Math.floor((v - origin) / w) * w;
      const fmt = (x: number): string => String(Number(x.toPrecision(12)));
      return `[${fmt(lo)}, ${fmt(lo + w)})`;
    },
  };
}
