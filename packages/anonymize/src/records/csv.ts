import { describe } from '../internal/describe.js';
import { iterate, type RecordSource } from './sources.js';

/**
 * Options of {@link parseCsv}.
 *
 * @example
 * const opts: ParseCsvOptions = { delimiter: ';', header: ['id', 'name'] };
 */
export interface ParseCsvOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** `true` (default): the first row names the columns; or the column names to use. */
  header?: true | readonly string[];
}

/**
 * Streaming RFC 4180 CSV parser: quoted fields, doubled quotes, delimiters and line breaks inside
 * quotes, CRLF or LF, a UTF-8 byte-order mark. Input may arrive in chunks of any size (strings or
 * UTF-8 bytes, e.g. a Node read stream), and rows are yielded as soon as they are complete.
 *
 * @example
 * for await (const row of parseCsv('id,name\n1,"Jackson, Sarah"\n')) row; // { id: '1', name: 'Jackson, Sarah' }
 */
export async function* parseCsv(
  source: string | RecordSource<string | Uint8Array>,
  options: ParseCsvOptions = {},
): AsyncGenerator<Record<string, string>> {
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`parseCsv: delimiter must be one character other than a quote or line break, got ${describe(delimiter)}`);
  }
  let header: string[] | undefined = options.header === undefined || options.header === true ? undefined : [...options.header];
  if (options.header !== undefined && options.header !== true && !Array.isArray(options.header)) {
    throw new Error(`parseCsv: header must be true or an array of column names, got ${describe(options.header)}`);
  }
  const decoder = new TextDecoder('utf-8');
  let field = '';
  let row: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // the previous character was a quote inside a quoted field
  let pendingCr = false;
  let rowNumber = 0;
  let first = true;
  let fieldStarted = false;

  const finishRow = (): Record<string, string> | undefined => {
    row.push(field);
    field = '';
    fieldStarted = false;
    const cells = row;
    row = [];
    rowNumber++;
    if (cells.length === 1 && cells[0] === '') return undefined; // blank line
    if (!header) {
      header = cells;
      if (new Set(header).size !== header.length) throw new Error('parseCsv: the header row has duplicate column names');
      return undefined;
    }
    if (cells.length !== header.length) {
      throw new Error(`parseCsv: row ${rowNumber} has ${cells.length} fields but the header has ${header.length}`);
    }
    const out: Record<string, string> = {};
    header.forEach((h, i) => (out[h] = cells[i]!));
    return out;
  };

  const chunks = typeof source === 'string' ? [source] : source;
  for await (const chunk of iterate('parseCsv', 'source', chunks as RecordSource<string | Uint8Array>)) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else if (chunk instanceof Uint8Array) text = decoder.decode(chunk, { stream: true });
    else throw new Error(`parseCsv: source chunks must be strings or Uint8Arrays, got ${describe(chunk)}`);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // closing quote; fall through to handle c outside quotes
        } else if (c === '"') {
          quoteSeen = true;
          continue;
        } else {
          field += c;
          continue;
        }
      }
      if (c === '"' && !fieldStarted) {
        inQuotes = true;
        fieldStarted = true;
      } else if (c === delimiter) {
        row.push(field);
        field = '';
        fieldStarted = false;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') pendingCr = true;
        const rec = finishRow();
        if (rec) yield rec;
      } else {
        field += c;
        fieldStarted = true;
      }
    }
  }
  // A quote that was the last character closes the field.
  if (quoteSeen) inQuotes = false;
  if (inQuotes) throw new Error(`parseCsv: row ${rowNumber + 1} ends inside a quoted field`);
  if (field !== '' || row.length > 0) {
    const rec = finishRow();
    if (rec) yield rec;
  }
}

/**
 * Options of {@link formatCsv}.
 *
 * @example
 * const opts: FormatCsvOptions = { columns: ['id', 'name'], delimiter: ';' };
 */
export interface FormatCsvOptions {
  /** Column order; default the keys of the first record. */
  columns?: readonly string[];
  delimiter?: string;
}

/**
 * Streams records as CSV lines (header first, each line ending in `\n`), quoting fields that
 * contain the delimiter, quotes or line breaks. `null`/`undefined` become empty fields.
 *
 * @example
 * for await (const line of formatCsv([{ id: 1, name: 'Jackson, Sarah' }])) line; // 'id,name\n', then '1,"Jackson, Sarah"\n'
 */
export async function* formatCsv(records: RecordSource<Record<string, unknown>>, options: FormatCsvOptions = {}): AsyncGenerator<string> {
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw new Error(`formatCsv: delimiter must be one character, got ${describe(delimiter)}`);
  let columns = options.columns ? [...options.columns] : undefined;
  const quote = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') throw new Error(`formatCsv: fields must be strings, numbers or booleans, got ${describe(v)}`);
    const s = String(v);
    return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  let n = 0;
  for await (const rec of iterate('formatCsv', 'records', records)) {
    if (rec === null || typeof rec !== 'object') throw new Error(`formatCsv: record ${n} must be an object, got ${describe(rec)}`);
    if (!columns) columns = Object.keys(rec);
    if (n === 0) yield columns.map(quote).join(delimiter) + '\n';
    yield columns.map((c) => quote(rec[c])).join(delimiter) + '\n';
    n++;
  }
}
