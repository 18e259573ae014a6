import { describe } from '../random_source.js';
import { chunkOpener, type TextSource } from './chunk_source.js';
import { csvRecordGroups, isBlankRecord } from './csv_records.js';
import { convertField, type ColumnType, type FieldValue } from './parse_value.js';
import { newReport, recordSkip, ReportingDataset, type ReadReport } from './read_report.js';

/**
 * Options for {@link fromCsv}.
 *
 * @example
 * ```ts
 * fromCsv('a.csv', { types: { age: 'number' }, columns: ['age', 'city'], onInvalid: 'skip' });
 * ```
 */
export interface FromCsvOptions {
  /** The first row names the columns. Default true. */
  header?: boolean;
  /**
   * With a header: the columns to keep, in output order (default all). Without a header:
   * the names of all fields, in file order (required).
   */
  columns?: readonly string[];
  /** Type per column name; other columns get `defaultType`. */
  types?: Readonly<Record<string, ColumnType>>;
  /** Default `'string'` (fields kept verbatim). */
  defaultType?: ColumnType;
  /** Field separator, default `','`. */
  delimiter?: string;
  /** Quote character, default `'"'`. */
  quote?: string;
  /** Field texts that mean "missing" in number/integer (NaN) and boolean (null) columns. Default `['']`. */
  missing?: readonly string[];
  /**
   * A row with the wrong field count or a field that does not convert: `'error'` (default)
   * throws naming the row, line and column; `'skip'` drops it and records it in `report`.
   */
  onInvalid?: 'error' | 'skip';
  /** Bytes per read when the source is a path. Default 256 KiB. */
  chunkSize?: number;
}

/**
 * One CSV row as `fromCsv` yields it.
 *
 * @example
 * ```ts
 * const row: CsvRow = { age: 34, city: 'Paris', member: true };
 * ```
 */
export type CsvRow = Record<string, FieldValue>;

interface Plan {
  names: string[];
  indices: number[];
  types: ColumnType[];
  width: number;
  fieldNames: string[];
}

const TYPES: readonly ColumnType[] = ['number', 'integer', 'string', 'boolean'];

/**
 * Streams a CSV file (or stream) as one record per row, typed per column. Memory stays
 * bounded by one read chunk plus what the pipeline buffers, whatever the file size.
 *
 * Bad rows are errors that name the row (1-based, header excluded), the line and the column:
 * `fromCsv: row 5 (line 6) has 4 fields, expected 3 (id, age, city)`. With
 * `onInvalid: 'skip'` they are dropped and counted in `report` instead.
 *
 * @example
 * ```ts
 * const rows = fromCsv('data/train.csv', { types: { age: 'number', label: 'integer' } });
 * for await (const batch of rows.batch(256)) {
 *   // batch: Array<{ age: number; label: number; city: string; ... }>
 * }
 * ```
 */
export function fromCsv<T extends CsvRow = CsvRow>(source: TextSource, options: FromCsvOptions = {}): ReportingDataset<T> {
  const where = 'fromCsv';
  const header = options.header ?? true;
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const onInvalid = options.onInvalid ?? 'error';
  const defaultType = options.defaultType ?? 'string';
  const chunkSize = options.chunkSize ?? 1 << 18;
  const types = options.types ?? {};
  const missing = new Set(options.missing ?? ['']);
  if (typeof header !== 'boolean') throw new Error(`${where}: options.header must be a boolean; got ${describe(header)}`);
  if (typeof delimiter !== 'string' || delimiter.length === 0) throw new Error(`${where}: options.delimiter must be a non-empty string; got ${describe(delimiter)}`);
  if (typeof quote !== 'string' || quote.length !== 1) throw new Error(`${where}: options.quote must be one character; got ${describe(quote)}`);
  if (onInvalid !== 'error' && onInvalid !== 'skip') throw new Error(`${where}: options.onInvalid must be 'error' or 'skip'; got ${describe(onInvalid)}`);
  if (!TYPES.includes(defaultType)) throw new Error(`${where}: options.defaultType must be one of ${TYPES.join(', ')}; got ${describe(defaultType)}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`${where}: options.chunkSize must be an integer >= 1; got ${describe(chunkSize)}`);
  for (const [name, t] of Object.entries(types)) {
    if (!TYPES.includes(t)) throw new Error(`${where}: options.types[${JSON.stringify(name)}] must be one of ${TYPES.join(', ')}; got ${describe(t)}`);
  }
  if (options.columns !== undefined) {
    if (!Array.isArray(options.columns) || options.columns.some((c) => typeof c !== 'string')) {
      throw new Error(`${where}: options.columns must be an array of column names; got ${describe(options.columns)}`);
    }
    const dup = options.columns.find((c, i) => options.columns?.indexOf(c) !== i);
    if (dup !== undefined) throw new Error(`${where}: options.columns names ${JSON.stringify(dup)} twice`);
  }
  if (!header && options.columns === undefined) {
    throw new Error(`${where}: options.columns must name every field when options.header is false`);
  }
  const open = chunkOpener(source, where, chunkSize);

  const makePlan = (fieldNames: string[], line: number): Plan => {
    const dup = fieldNames.find((c, i) => fieldNames.indexOf(c) !== i);
    if (dup !== undefined) throw new Error(`${where}: the header (line ${line}) names column ${JSON.stringify(dup)} twice`);
    const names = header ? [...(options.columns ?? fieldNames)] : [...fieldNames];
    const indices = names.map((n) => fieldNames.indexOf(n));
    const unknown = names.filter((_, i) => indices[i] === -1);
    if (unknown.length > 0) {
      throw new Error(`${where}: options.columns names ${unknown.map((u) => JSON.stringify(u)).join(', ')} but the header has ${fieldNames.join(', ')}`);
    }
    const extraTypes = Object.keys(types).filter((n) => !fieldNames.includes(n));
    if (extraTypes.length > 0) {
      throw new Error(`${where}: options.types names ${extraTypes.map((u) => JSON.stringify(u)).join(', ')}, not among the columns ${fieldNames.join(', ')}`);
    }
    return { names, indices, types: names.map((n) => types[n] ?? defaultType), width: fieldNames.length, fieldNames };
  };

  let latest: ReadReport = newReport(0);
  return new ReportingDataset<T>(
    async function* (ctx) {
      const report = newReport(ctx.epoch);
      latest = report;
      const engine = await import('./csv_engine.js');
      let plan: Plan | null = header ? null : makePlan([...(options.columns as readonly string[])], 0);
      let row = 0;
      for await (const group of csvRecordGroups(open(), engine, { delimiter, quote }, where)) {
        const rows: T[] = [];
        for (const [record, line] of group) {
          // A blank line is an empty row only in a one-column file (an empty value there).
          if (isBlankRecord(record) && (plan === null || plan.width > 1)) {
            report.emptyLines++;
            continue;
          }
          if (plan === null) {
            plan = makePlan(record, line);
            continue;
          }
          row++;
          report.rowsRead++;
          let problem: string | null = null;
          let out: Record<string, FieldValue> | null = null;
          if (record.length !== plan.width) {
            problem = `row ${row} (line ${line}) has ${record.length} fields, expected ${plan.width} (${plan.fieldNames.join(', ')})`;
          } else {
            out = {};
            for (let k = 0; k < plan.names.length; k++) {
              const name = plan.names[k] as string;
              const converted = convertField(record[plan.indices[k] as number] as string, plan.types[k] as ColumnType, missing);
              if ('error' in converted) {
                problem = `row ${row} (line ${line}), column ${JSON.stringify(name)}: ${converted.error}`;
                break;
              }
              out[name] = converted.value;
            }
          }
          if (problem !== null) {
            if (onInvalid === 'error') throw new Error(`${where}: ${problem}; pass onInvalid: 'skip' to drop such rows and count them in .report`);
            recordSkip(report, { row, line, message: problem });
            continue;
          }
          report.rowsYielded++;
          rows.push(out as T);
        }
        if (rows.length > 0) yield rows;
      }
      if (plan === null) throw new Error(`${where}: the source is empty; expected a header row (or pass header: false with columns)`);
      report.complete = true;
    },
    () => latest,
  );
}
