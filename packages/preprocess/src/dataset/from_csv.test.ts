import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCsv } from './from_csv.js';

const text = 'id,age,city,member\n1,34,Paris,true\n2,,"Saint-Denis, Nord",no\n3,51.5,"multi\nline",1\n';
const types = { id: 'integer', age: 'number', member: 'boolean' } as const;
const expected = [
  { id: 1, age: 34, city: 'Paris', member: true },
  { id: 2, age: NaN, city: 'Saint-Denis, Nord', member: false },
  { id: 3, age: 51.5, city: 'multi\nline', member: true },
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fromCsv', () => {
  it('types columns, reads quoted fields and treats empty numbers as NaN (missing)', async () => {
    const ds = fromCsv([text], { types });
    expect(await ds.toArray()).toEqual(expected);
    expect(ds.report).toMatchObject({ epoch: 0, rowsRead: 3, rowsYielded: 3, rowsSkipped: 0, emptyLines: 0, complete: true });
  });

  it('reads the same rows from a path, a file URL, a Node stream, a web stream, a Blob and byte chunks', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, text);
    const bytes = new TextEncoder().encode(text);
    const sources = [
      path,
      pathToFileURL(path),
      () => Readable.from([Buffer.from(bytes)]),
      new Blob([bytes]),
      () => new Blob([bytes]).stream(),
      // every byte its own chunk: multi-byte characters and records straddle chunks
      Array.from(new TextEncoder().encode('a,b\né,"ü\n👋"\n'), (b) => Uint8Array.of(b)),
    ];
    for (const s of sources.slice(0, 5)) expect(await fromCsv(s, { types, chunkSize: 7 }).toArray()).toEqual(expected);
    expect(await fromCsv(sources[5] as Uint8Array[]).toArray()).toEqual([{ a: 'é', b: 'ü\n👋' }]);
  });

  it('re-reads paths every epoch but refuses to re-read a one-shot stream', async () => {
    const path = join(dir, 'again.csv');
    await writeFile(path, text);
    const fromPath = fromCsv(path, { types });
    expect(await fromPath.toArray()).toEqual(await fromPath.toArray());
    const once = fromCsv(Readable.from([text]), { types });
    expect(await once.toArray()).toHaveLength(3);
    await expect(once.toArray()).rejects.toThrow(/fromCsv: the stream source was already read by an earlier epoch; pass a path, a Blob/);
  });

  it('selects columns, reads header-less files, custom delimiters and missing markers', async () => {
    expect(await fromCsv([text], { types, columns: ['city', 'id'] }).toArray()).toEqual([
      { city: 'Paris', id: 1 },
      { city: 'Saint-Denis, Nord', id: 2 },
      { city: 'multi\nline', id: 3 },
    ]);
    const rows = await fromCsv(['1;NA\n2;3.5\n'], { header: false, columns: ['a', 'b'], delimiter: ';', types: { a: 'number', b: 'number' }, missing: ['NA'] }).toArray();
    expect(rows).toEqual([{ a: 1, b: NaN }, { a: 2, b: 3.5 }]);
  });

  it('names row, line and counts for a row with the wrong number of fields', async () => {
    await expect(fromCsv(['a,b,c\n1,2,3\n4,5\n'], {}).toArray()).rejects.toThrow(
      "fromCsv: row 2 (line 3) has 2 fields, expected 3 (a, b, c); pass onInvalid: 'skip' to drop such rows and count them in .report",
    );
    // the quoted newline of row 3 moves line numbers on
    await expect(fromCsv([text + '4,1\n'], { types }).toArray()).rejects.toThrow('fromCsv: row 4 (line 6) has 2 fields, expected 4');
  });

  it('names row, line and column for an unparsable number, without quoting the value', async () => {
    const bad = 'id,age\n1,2\n2,3,5\n'.replace('3,5', '"3,5"');
    const err = await fromCsv([bad], { types: { age: 'number' } }).toArray().catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'fromCsv: row 2 (line 3), column "age": expected a number, got text of 3 character(s) that is not one; ' +
        "pass onInvalid: 'skip' to drop such rows and count them in .report",
    );
    await expect(fromCsv(['x\n0x10\n'], { types: { x: 'number' } }).toArray()).rejects.toThrow('column "x": expected a number');
    await expect(fromCsv(['x\n1.5\n'], { types: { x: 'integer' } }).toArray()).rejects.toThrow('column "x": expected an integer');
    await expect(fromCsv(['x\nmaybe\n'], { types: { x: 'boolean' } }).toArray()).rejects.toThrow('column "x": expected a boolean');
  });

  it("skips bad rows only when asked, and counts each in the report", async () => {
    const ds = fromCsv(['a,b\n1,2\n3\nx,4\n5,6\n'], { types: { a: 'number' }, onInvalid: 'skip' });
    expect(await ds.toArray()).toEqual([{ a: 1, b: '2' }, { a: 5, b: '6' }]);
    expect(ds.report).toEqual({
      epoch: 0,
      rowsRead: 4,
      rowsYielded: 2,
      rowsSkipped: 2,
      emptyLines: 0,
      complete: true,
      problems: [
        { row: 2, line: 3, message: 'row 2 (line 3) has 1 fields, expected 2 (a, b)' },
        { row: 3, line: 4, message: 'row 3 (line 4), column "a": expected a number, got text of 1 character(s) that is not one' },
      ],
    });
  });

  it('counts blank lines (they hold no row) and strips a byte-order mark', async () => {
    const ds = fromCsv(['\uFEFFa,b\n1,2\n\n\n3,4\n'], {});
    expect(await ds.toArray()).toEqual([{ a: '1', b: '2' }, { a: '3', b: '4' }]);
    expect(ds.report.emptyLines).toBe(2);
  });

  it('reports malformed CSV, empty sources, unknown columns and bad options clearly', async () => {
    await expect(fromCsv(['a,b\n1,"2\n'], {}).toArray()).rejects.toThrow('fromCsv: malformed CSV near line 2: Quote Not Closed (CSV_QUOTE_NOT_CLOSED)');
    await expect(fromCsv([''], {}).toArray()).rejects.toThrow('fromCsv: the source is empty; expected a header row');
    await expect(fromCsv(['a,b\n1,2\n'], { columns: ['c'] }).toArray()).rejects.toThrow('fromCsv: options.columns names "c" but the header has a, b');
    await expect(fromCsv(['a,b\n1,2\n'], { types: { z: 'number' } }).toArray()).rejects.toThrow('fromCsv: options.types names "z", not among the columns a, b');
    await expect(fromCsv(['a,a\n1,2\n'], {}).toArray()).rejects.toThrow('fromCsv: the header (line 1) names column "a" twice');
    await expect(fromCsv(join(dir, 'nope.csv')).toArray()).rejects.toThrow(/fromCsv: cannot read ".*nope.csv" \(ENOENT\)/);
    expect(() => fromCsv([text], { header: false })).toThrow('fromCsv: options.columns must name every field when options.header is false');
    expect(() => fromCsv([text], { types: { age: 'float' as never } })).toThrow('fromCsv: options.types["age"] must be one of number, integer, string, boolean');
    expect(() => fromCsv(42 as never)).toThrow(/fromCsv: source must be a path, a URL, a Blob/);
  });

  it('stops reading the file when the consumer stops', async () => {
    const path = join(dir, 'long.csv');
    await writeFile(path, 'a\n' + Array.from({ length: 50_000 }, (_, i) => i).join('\n'));
    const ds = fromCsv(path, { types: { a: 'integer' }, chunkSize: 1024 });
    expect(await ds.take(3).toArray()).toEqual([{ a: 0 }, { a: 1 }, { a: 2 }]);
    expect(ds.report.complete).toBe(false);
    expect(ds.report.rowsRead).toBeLessThan(1000);
  });
});
