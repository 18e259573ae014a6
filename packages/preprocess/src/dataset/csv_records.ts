/** The subset of a csv-parse parser this module drives (Node build and browser build alike). */
interface CsvParserLike {
  write(chunk: Uint8Array | string, callback: (error?: Error | null) => void): boolean;
  end(callback: (error?: Error | null) => void): unknown;
  read(): string[] | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy?: () => unknown;
}

/** csv-parse's `parse(options)` from either build. */
export type CsvParseFunction = (options: Record<string, unknown>) => unknown;

/** A csv-parse build: its `parse` and whether it takes raw bytes. */
export interface CsvEngine {
  parse: CsvParseFunction;
  acceptsBytes: boolean;
}

/** Tokenizer options passed through to csv-parse. */
export interface CsvSyntax {
  delimiter: string;
  quote: string;
}

/**
 * A tokenizer error in our words: its kind and line, not csv-parse's full message, which may
 * quote field content (possibly personal data).
 */
function malformed(error: Error, where: string): Error {
  const e = error as Error & { code?: string; lines?: number };
  const kind = e.message.split(':')[0] ?? 'parse error';
  return new Error(`${where}: malformed CSV near line ${e.lines ?? '?'}: ${kind} (${e.code ?? 'CSV_ERROR'})`);
}

/** True for the record csv-parse makes of a blank line. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/**
 * Tokenizes CSV chunks into records, yielding them in groups (one group per input chunk) with
 * the 1-based line each record ends on. Blank lines come through as `['']` records (see
 * {@link isBlankRecord}); field counts are not checked here. The caller does both, so that it
 * can name rows and honour `onInvalid`.
 *
 * Records are read synchronously off the parser after each write: both csv-parse builds
 * produce them during `write`, and csv-parse's per-record `on_record`/`info` hooks cost more
 * than the parsing itself. Lines are counted here instead, from the newlines inside fields.
 */
export async function* csvRecordGroups(
  chunks: AsyncIterable<Uint8Array | string>,
  engine: CsvEngine,
  syntax: CsvSyntax,
  where: string,
): AsyncGenerator<Array<[string[], number]>, void, undefined> {
  const parser = engine.parse({
    delimiter: syntax.delimiter,
    quote: syntax.quote,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as CsvParserLike;
  // Node's build reports errors to write/end callbacks; the browser build's stream shim only
  // emits 'error' for a failing flush, so both paths are watched.
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  const check = () => {
    if (failure !== null) throw malformed(failure, where);
  };
  let line = 1;
  let pending: Array<[string[], number]> = [];
  const drain = () => {
    for (let record = parser.read(); record !== null; record = parser.read()) {
      let newlines = 0;
      for (const field of record) {
        for (let k = field.indexOf('\n'); k !== -1; k = field.indexOf('\n', k + 1)) newlines++;
      }
      line += newlines;
      pending.push([record, line]);
      line++;
    }
  };
  const take = () => {
    const group = pending;
    pending = [];
    return group;
  };
  const decoder = engine.acceptsBytes ? null : new TextDecoder('utf-8');
  const write = async (chunk: Uint8Array | string) => {
    const done = new Promise<void>((resolve, reject) => {
      parser.write(chunk, (error) => (error ? reject(malformed(error, where)) : resolve()));
    });
    drain(); // also lets a Transform whose read buffer is full call back
    await done;
    drain();
    check();
  };
  let ended = false;
  try {
    for await (const chunk of chunks) {
      const input = decoder !== null && typeof chunk !== 'string' ? decoder.decode(chunk, { stream: true }) : chunk;
      if (input.length > 0) await write(input);
      if (pending.length > 0) yield take();
    }
    if (decoder !== null) {
      const tail = decoder.decode();
      if (tail.length > 0) await write(tail);
    }
    const finished = new Promise<void>((resolve, reject) => {
      parser.on('error', (error) => reject(malformed(error, where)));
      parser.end((error) => (error ? reject(malformed(error, where)) : resolve()));
    });
    drain();
    await finished;
    drain();
    check();
    ended = true;
    if (pending.length > 0) yield take();
  } finally {
    if (!ended) parser.destroy?.();
  }
}
