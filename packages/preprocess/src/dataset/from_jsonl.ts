import { describe } from '../random_source.js';
import { chunkOpener, type TextSource } from './chunk_source.js';
import { newReport, recordSkip, ReportingDataset, type ReadReport } from './read_report.js';

/**
 * Options for {@link fromJsonl}.
 *
 * @example
 * ```ts
 * fromJsonl('docs.jsonl', { onInvalid: 'skip', chunkSize: 1 << 16 });
 * ```
 */
export interface FromJsonlOptions {
  /**
   * A line that is not valid JSON: `'error'` (default) throws naming the line; `'skip'` drops
   * it and records it in `report`.
   */
  onInvalid?: 'error' | 'skip';
  /** Bytes per read when the source is a path. Default 256 KiB. */
  chunkSize?: number;
}

/**
 * Streams a JSON Lines file (one JSON value per line) as parsed values. Blank lines are
 * passed over and counted in `report.emptyLines`; `\r\n` line ends are accepted.
 *
 * @example
 * ```ts
 * const docs = fromJsonl<{ text: string; label: number }>('corpus.jsonl');
 * for await (const doc of docs.take(3)) console.log(doc.label);
 * ```
 */
export function fromJsonl<T = unknown>(source: TextSource, options: FromJsonlOptions = {}): ReportingDataset<T> {
  const where = 'fromJsonl';
  const onInvalid = options.onInvalid ?? 'error';
  const chunkSize = options.chunkSize ?? 1 << 18;
  if (onInvalid !== 'error' && onInvalid !== 'skip') throw new Error(`${where}: options.onInvalid must be 'error' or 'skip'; got ${describe(onInvalid)}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`${where}: options.chunkSize must be an integer >= 1; got ${describe(chunkSize)}`);
  const open = chunkOpener(source, where, chunkSize);
  let latest: ReadReport = newReport(0);
  return new ReportingDataset<T>(
    async function* (ctx) {
      const report = newReport(ctx.epoch);
      latest = report;
      const decoder = new TextDecoder('utf-8');
      let rest = '';
      let line = 0;
      let row = 0;
      function lines(text: string, final: boolean): T[] {
        const out: T[] = [];
        let start = 0;
        for (;;) {
          const nl = text.indexOf('\n', start);
          if (nl === -1 && !final) break;
          const end = nl === -1 ? text.length : nl;
          if (nl === -1 && start === text.length) break;
          let content = text.slice(start, end);
          start = nl === -1 ? text.length : nl + 1;
          line++;
          if (content.endsWith('\r')) content = content.slice(0, -1);
          if (content.trim().length === 0) {
            report.emptyLines++;
            continue;
          }
          row++;
          report.rowsRead++;
          let value: T;
          try {
            value = JSON.parse(content) as T;
          } catch {
            // JSON.parse's message quotes the text, which may be personal data: say where only.
            const problem = `row ${row} (line ${line}) is not valid JSON`;
            if (onInvalid === 'error') throw new Error(`${where}: ${problem}; pass onInvalid: 'skip' to drop such lines and count them in .report`);
            recordSkip(report, { row, line, message: problem });
            continue;
          }
          report.rowsYielded++;
          out.push(value);
          if (nl === -1) break;
        }
        rest = text.slice(start);
        return out;
      }
      for await (const chunk of open()) {
        const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
        rest = '';
        const rows = lines(text, false);
        if (rows.length > 0) yield rows;
      }
      const last = lines(rest + decoder.decode(), true);
      if (last.length > 0) yield last;
      report.complete = true;
    },
    () => latest,
  );
}
