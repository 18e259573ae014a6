import { Dataset, type ChunkOpener } from './dataset.js';

/**
 * One row that a file source skipped (only with `onInvalid: 'skip'`).
 *
 * @example
 * ```ts
 * ds.report.problems.forEach((p) => console.warn(`row ${p.row} (line ${p.line}): ${p.message}`));
 * ```
 */
export interface ReadProblem {
  /** 1-based data row (the header is not counted). */
  row: number;
  /** 1-based line in the file where the row ends. */
  line: number;
  message: string;
}

/**
 * What a file source read in its latest epoch. Problems beyond the first 100 are counted, not listed.
 *
 * @example
 * ```ts
 * const { rowsSkipped, problems } = ds.report;
 * ```
 */
export interface ReadReport {
  epoch: number;
  /** Data rows parsed (yielded + skipped). */
  rowsRead: number;
  rowsYielded: number;
  rowsSkipped: number;
  /** Blank lines passed over (they hold no row). */
  emptyLines: number;
  problems: ReadProblem[];
  /** True once the epoch read the source to its end. */
  complete: boolean;
}

/**
 * The most problems a report lists; the rest are only counted in `rowsSkipped`.
 *
 * @example
 * ```ts
 * ds.report.problems.length <= MAX_LISTED_PROBLEMS; // true; rowsSkipped counts them all
 * ```
 */
export const MAX_LISTED_PROBLEMS = 100;

/** Mutable report a file source fills while it reads. */
export function newReport(epoch: number): ReadReport {
  return { epoch, rowsRead: 0, rowsYielded: 0, rowsSkipped: 0, emptyLines: 0, problems: [], complete: false };
}

/** Records a skipped row in `report`. */
export function recordSkip(report: ReadReport, problem: ReadProblem): void {
  report.rowsSkipped++;
  if (report.problems.length < MAX_LISTED_PROBLEMS) report.problems.push(problem);
}

/**
 * A file-backed {@link Dataset} that says what it read: `report` describes the latest (or
 * running) epoch, including every row skipped with `onInvalid: 'skip'`.
 *
 * @example
 * ```ts
 * const rows = fromCsv('data.csv', { types: { age: 'number' }, onInvalid: 'skip' });
 * await rows.batch(256).toArray();
 * console.log(rows.report.rowsSkipped, rows.report.problems[0]);
 * ```
 */
export class ReportingDataset<T> extends Dataset<T> {
  readonly #getReport: () => ReadReport;

  /**
   * @example
   * ```ts
   * let last = newReport(0);
   * const ds = new ReportingDataset(async function* () { yield [1, 2]; }, () => last);
   * ```
   */
  constructor(chunks: ChunkOpener<T>, getReport: () => ReadReport) {
    super({ chunks });
    this.#getReport = getReport;
  }

  /** A copy of the report of the latest (or running) epoch. */
  get report(): ReadReport {
    const r = this.#getReport();
    return { ...r, problems: r.problems.map((p) => ({ ...p })) };
  }
}
