import type { Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { checkInteger } from '../internal/inputs.js';
import { foldFromTest, readKeys, type Fold } from './fold.js';

/**
 * K-fold splits that keep each group in a single fold, with scikit-learn 1.2's `GroupKFold`
 * assignment: groups, largest first, each go to the fold with the fewest samples so far
 * (lowest fold index on a tie). Groups of equal size are taken in descending order of their
 * sorted group key, which is what NumPy's argsort does for small inputs; NumPy's order for
 * large inputs with tied sizes is unspecified. Indices are ascending.
 *
 * @example
 * ```ts
 * groupKFold(['a', 'a', 'b', 'c', 'c', 'c'], 2).map((f) => f.test); // [[3, 4, 5], [0, 1, 2]]
 * ```
 */
export function groupKFold(groups: Vector | readonly (string | number)[], k = 5): Fold[] {
  const fn = 'groupKFold';
  const keys = readKeys(fn, 'groups', groups);
  const n = keys.length;
  if (n === 0) fail(fn, 'groups', 'not be empty', '0 samples');
  checkInteger(fn, 'k', k, 2);
  // Groups numbered in sorted key order (np.unique), numbers before strings.
  const unique = [...new Set(keys)].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  if (k > unique.length) fail(fn, 'k', `be at most the number of groups (${unique.length})`, `${k}`);
  const index = new Map(unique.map((g, i) => [g, i] as const));
  const groupOf = keys.map((g) => index.get(g) as number);
  const sizes = new Array<number>(unique.length).fill(0);
  for (const g of groupOf) sizes[g] = (sizes[g] as number) + 1;
  // Stable ascending argsort by size, reversed: largest first, later group first on ties.
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[a] as number) - (sizes[b] as number) || a - b).reverse();
  const foldSize = new Array<number>(k).fill(0);
  const groupFold = new Array<number>(unique.length).fill(0);
  for (const g of order) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if ((foldSize[f] as number) < (foldSize[lightest] as number)) lightest = f;
    foldSize[lightest] = (foldSize[lightest] as number) + (sizes[g] as number);
    groupFold[g] = lightest;
  }
  const tests: number[][] = Array.from({ length: k }, () => []);
  groupOf.forEach((g, i) => (tests[groupFold[g] as number] as number[]).push(i));
  return tests.map((test) => foldFromTest(n, test));
}
