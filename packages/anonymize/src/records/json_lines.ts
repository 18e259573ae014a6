import { describe } from '../internal/describe.js';
import { iterate, type RecordSource } from './sources.js';

/**
 * Streaming JSON Lines parser: one JSON value per line, blank lines skipped, input in chunks of
 * strings or UTF-8 bytes. Errors name the line number, never its content.
 *
 * @example
 * for await (const r of parseJsonLines('{"a":1}\n{"a":2}\n')) r; // { a: 1 }, then { a: 2 }
 */
export async function* parseJsonLines(source: string | RecordSource<string | Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let line = 0;
  const parse = (text: string): unknown => {
    line++;
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`parseJsonLines: line ${line} is not valid JSON`);
    }
  };
  const chunks = typeof source === 'string' ? [source] : source;
  for await (const chunk of iterate('parseJsonLines', 'source', chunks as RecordSource<string | Uint8Array>)) {
    if (typeof chunk === 'string') buffer += chunk;
    else if (chunk instanceof Uint8Array) buffer += decoder.decode(chunk, { stream: true });
    else throw new Error(`parseJsonLines: source chunks must be strings or Uint8Arrays, got ${describe(chunk)}`);
    let pos = 0;
    let nl: number;
    while ((nl = buffer.indexOf('\n', pos)) >= 0) {
      const text = buffer.slice(pos, nl).replace(/\r$/, '');
      pos = nl + 1;
      if (text.trim() === '') {
        line++;
        continue;
      }
      yield parse(text);
    }
    buffer = buffer.slice(pos);
  }
  buffer += decoder.decode();
  if (buffer.trim() !== '') yield parse(buffer.replace(/\r$/, ''));
}

/**
 * Streams values as JSON Lines (each line ends in `\n`).
 *
 * @example
 * for await (const line of formatJsonLines([{ a: 1 }])) line; // '{"a":1}\n'
 */
export async function* formatJsonLines(records: RecordSource<unknown>): AsyncGenerator<string> {
  for await (const r of iterate('formatJsonLines', 'records', records)) yield JSON.stringify(r) + '\n';
}
