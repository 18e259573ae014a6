import { describe, expect, it } from 'vitest';
import * as nodeEngine from './csv_engine.js';
import * as browserEngine from './csv_engine_browser.js';
import { csvRecordGroups, isBlankRecord } from './csv_records.js';

async function records(chunks: Array<string | Uint8Array>, engine: typeof nodeEngine | typeof browserEngine) {
  const out: Array<[string[], number]> = [];
  for await (const group of csvRecordGroups((async function* () { yield* chunks; })(), engine, { delimiter: ',', quote: '"' }, 'test')) out.push(...group);
  return out;
}

// The browser build is what package.json's "browser" field swaps in; it runs in Node too.
describe.each([
  ['node', nodeEngine],
  ['browser', browserEngine],
] as const)('csvRecordGroups with the %s csv-parse build', (_name, engine) => {
  it('tokenizes records across chunk boundaries with their end lines', async () => {
    const bytes = new TextEncoder().encode('a,b\n"x\ny",é\n\n1,2');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const out = await records(chunks, engine);
    expect(out).toEqual([
      [['a', 'b'], 1],
      [['x\ny', 'é'], 3],
      [[''], 4],
      [['1', '2'], 5],
    ]);
    expect(out.map(([r]) => isBlankRecord(r))).toEqual([false, false, true, false]);
  });

  it('counts CRLF lines and quoted CRLF newlines', async () => {
    expect(await records(['a,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n'], engine)).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\r\ny'], 3],
      [[''], 4],
      [['2', '3'], 5],
    ]);
  });

  it('reports malformed input with its line, not its content', async () => {
    await expect(records(['a\n"secret'], engine)).rejects.toThrow('test: malformed CSV near line 2: Quote Not Closed (CSV_QUOTE_NOT_CLOSED)');
  });
});
