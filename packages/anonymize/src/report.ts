/**
 * Counts of what an anonymization changed, per entity type and per operator. It never holds
 * any of the values, so it can be logged or stored with lineage records.
 *
 * @example
 * const r: AnonymizationReport = { total: 2, byEntityType: { PERSON: 2 }, byOperator: { replace: 2 } };
 */
export interface AnonymizationReport {
  total: number;
  byEntityType: Record<string, number>;
  byOperator: Record<string, number>;
}

/**
 * An empty report.
 *
 * @example
 * emptyReport(); // { total: 0, byEntityType: {}, byOperator: {} }
 */
export function emptyReport(): AnonymizationReport {
  return { total: 0, byEntityType: {}, byOperator: {} };
}

/** Adds one anonymized entity to `report` in place. */
export function countInReport(report: AnonymizationReport, entityType: string, operator: string): void {
  report.total++;
  report.byEntityType[entityType] = (report.byEntityType[entityType] ?? 0) + 1;
  report.byOperator[operator] = (report.byOperator[operator] ?? 0) + 1;
}

/**
 * Sums reports (e.g. over the records of a stream).
 *
 * @example
 * mergeReports(a, b).total === a.total + b.total; // true
 */
export function mergeReports(...reports: readonly AnonymizationReport[]): AnonymizationReport {
  const out = emptyReport();
  for (const r of reports) {
    out.total += r.total;
    for (const [k, v] of Object.entries(r.byEntityType)) out.byEntityType[k] = (out.byEntityType[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.byOperator)) out.byOperator[k] = (out.byOperator[k] ?? 0) + v;
  }
  return out;
}
