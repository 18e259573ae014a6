/**
 * A generalization hierarchy for one quasi-identifier (ARX's hierarchies): level 0 is the value
 * itself, each level above is coarser, and level `levels` is always `*` (the attribute suppressed).
 * Two values equal at one level are equal at every higher level.
 *
 * @example
 * const yesNo: Hierarchy = { kind: 'user', levels: 1, generalize: (v, level) => (level === 0 ? String(v) : '*') };
 */
export interface Hierarchy {
  /** What kind of hierarchy this is ("numeric_range", "date", "prefix_mask", "user"). */
  readonly kind: string;
  /** Number of generalization levels above the original value. */
  readonly levels: number;
  /** The value generalized to `level` (0..levels). Throws on values the hierarchy cannot place. */
  generalize(value: unknown, level: number): string;
}

/** The top of every hierarchy. */
export const SUPPRESSED = '*';

/** Shared level check; names the hierarchy kind, never the value. */
export function checkLevel(kind: string, level: number, levels: number): void {
  if (!Number.isInteger(level) || level < 0 || level > levels) {
    throw new Error(`${kind}: level must be an integer in [0, ${levels}], got ${String(level)}`);
  }
}
