/**
 * Summation in the same order as NumPy's `np.add.reduce` on a contiguous float64 array
 * (pairwise summation, 8 accumulators, blocks of 128). scikit-learn averages with
 * `np.mean`/`np.average`/`np.sum`, so reproducing NumPy's order is what lets our results agree
 * with scikit-learn bit for bit instead of merely to ~1e-15.
 */

const BLOCK = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const j = start + i;
      r0 += a[j] as number;
      r1 += a[j + 1] as number;
      r2 += a[j + 2] as number;
      r3 += a[j + 3] as number;
      r4 += a[j + 4] as number;
      r5 += a[j + 5] as number;
      r6 += a[j + 6] as number;
      r7 += a[j + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/**
 * Sum of `a[start .. start + n)` in NumPy's pairwise order.
 *
 * @example
 * ```ts
 * pairwiseSum([1, 2, 3]); // 6
 * ```
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwise(a, start, n);
}

/** Mean in NumPy's order (`np.mean`): the pairwise sum divided by the count. */
export function npMean(a: ArrayLike<number>): number {
  return pairwiseSum(a) / a.length;
}

/**
 * Weighted mean in `np.average(a, weights=w)`'s order: `sum(a * w) / sum(w)`, both sums pairwise.
 */
export function npWeightedMean(a: ArrayLike<number>, w: ArrayLike<number>): number {
  const prod = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) prod[i] = (a[i] as number) * (w[i] as number);
  return pairwiseSum(prod) / pairwiseSum(w);
}
