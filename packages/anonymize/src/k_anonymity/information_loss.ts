/**
 * Information-loss measures of a k-anonymized table (as ARX reports them).
 * - `generalizationLoss`: mean over quasi-identifier cells of level / maxLevel, suppressed rows
 *   counting 1 per cell (Sweeney's precision metric, "Prec" loss); 0 = untouched, 1 = all `*`.
 * - `discernibility`: sum over classes of |E|^2, plus n for every suppressed row (Bayardo and
 *   Agrawal); lower is better, n is the minimum.
 * - `averageClassSize`: (rows kept / classes) / k, ARX's normalized C_AVG; 1 is ideal.
 * - per attribute: its level, its hierarchy's height and level / height.
 *
 * @example
 * const loss: InformationLossReport = {
 *   generalizationLoss: 0.25, discernibility: 40, averageClassSize: 1.2, suppressedRows: 1, suppressionRate: 0.05,
 *   perAttribute: { age: { level: 1, maxLevel: 3, loss: 0.333 } },
 * };
 */
export interface InformationLossReport {
  generalizationLoss: number;
  discernibility: number;
  averageClassSize: number;
  suppressedRows: number;
  suppressionRate: number;
  perAttribute: Record<string, { level: number; maxLevel: number; loss: number }>;
}

/** Computes {@link InformationLossReport} from the chosen levels and the class sizes kept. */
export function informationLoss(
  levels: Readonly<Record<string, number>>,
  heights: Readonly<Record<string, number>>,
  rowCount: number,
  keptClassSizes: readonly number[],
  k: number,
): InformationLossReport {
  const names = Object.keys(levels);
  const kept = keptClassSizes.reduce((a, b) => a + b, 0);
  const suppressed = rowCount - kept;
  const perAttribute: InformationLossReport['perAttribute'] = {};
  let genSum = 0;
  for (const name of names) {
    const loss = levels[name]! / heights[name]!;
    perAttribute[name] = { level: levels[name]!, maxLevel: heights[name]!, loss };
    genSum += loss;
  }
  const gen = names.length === 0 ? 0 : genSum / names.length;
  return {
    generalizationLoss: rowCount === 0 ? 0 : (kept * gen + suppressed) / rowCount,
    discernibility: keptClassSizes.reduce((a, s) => a + s * s, 0) + suppressed * rowCount,
    averageClassSize: keptClassSizes.length === 0 ? 0 : kept / keptClassSizes.length / k,
    suppressedRows: suppressed,
    suppressionRate: rowCount === 0 ? 0 : suppressed / rowCount,
    perAttribute,
  };
}
