import { describe } from '../../internal/describe.js';
import { SUPPRESSED, checkLevel, type Hierarchy } from './hierarchy.js';

/**
 * A hierarchy given as a table, as in ARX's hierarchy CSV files: each original value maps to its
 * generalizations from fine to coarse; every chain has the same length, and a `*` level is added
 * on top unless the chains already end in `*`. The table must be consistent: values that share a
 * group at one level share the group above it.
 *
 * @example
 * const diagnosis = userHierarchy({
 *   flu: ['respiratory', 'infectious'],
 *   covid: ['respiratory', 'infectious'],
 *   gastritis: ['digestive', 'non-infectious'],
 * });
 * diagnosis.generalize('covid', 1); // 'respiratory'
 * diagnosis.generalize('covid', 3); // '*'
 */
export function userHierarchy(table: Readonly<Record<string, readonly string[]>>): Hierarchy {
  if (!table || typeof table !== 'object') throw new Error(`userHierarchy: table must be an object of value to generalizations, got ${describe(table)}`);
  const entries = Object.entries(table);
  if (entries.length === 0) throw new Error('userHierarchy: table is empty');
  const depth = entries[0]![1].length;
  if (!Array.isArray(entries[0]![1]) || depth === 0) throw new Error('userHierarchy: each value needs at least one generalization');
  entries.forEach(([, chain], i) => {
    if (!Array.isArray(chain) || chain.length !== depth || chain.some((c) => typeof c !== 'string')) {
      throw new Error(`userHierarchy: entry ${i} must be an array of ${depth} strings like the first entry`);
    }
  });
  const endsInStar = entries.every(([, chain]) => chain[depth - 1] === SUPPRESSED);
  const levels = endsInStar ? depth : depth + 1;
  // Consistency: a group at level i must map to a single group at level i + 1.
  for (let lvl = 0; lvl < depth - 1; lvl++) {
    const up = new Map<string, string>();
    for (const [, chain] of entries) {
      const prev = up.get(chain[lvl]!);
      if (prev !== undefined && prev !== chain[lvl + 1]) {
        throw new Error(`userHierarchy: a level-${lvl + 1} group maps to two different level-${lvl + 2} groups; the table is not a hierarchy`);
      }
      up.set(chain[lvl]!, chain[lvl + 1]!);
    }
  }
  const map = new Map(entries);
  return {
    kind: 'user',
    levels,
    generalize(value, level) {
      checkLevel('userHierarchy', level, levels);
      if (level === levels) return SUPPRESSED;
      const key = String(value);
      const chain = map.get(key);
      if (!chain) throw new Error(`userHierarchy: a value (${describe(value)}) is not in the hierarchy table`);
      return level === 0 ? key : chain[level - 1]!;
    },
  };
}
