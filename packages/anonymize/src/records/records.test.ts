import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKey } from '../operators/keys.js';
import { mask } from '../operators/mask.js';
import { pseudonymize } from '../operators/pseudonymize.js';
import { redact } from '../operators/redact.js';
import { replace } from '../operators/replace.js';
import { formatCsv, parseCsv } from './csv.js';
import { formatJsonLines, parseJsonLines } from './json_lines.js';
import { RecordAnonymizer, anonymizeRecords } from './record_anonymizer.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('RecordAnonymizer', () => {
  it('anonymizes chosen fields (whole values and free text), copies records and keeps a PII-free report', async () => {
    const key = generateKey();
    const rows = [
      { id: 1, email: 'jo@example.org', contact: { phone: '944-865-1683' }, notes: 'Call Sarah Jackson on 23 June 1990', age: 34 },
      { id: 2, email: 'jo@example.org', contact: { phone: null }, notes: 'nothing here', age: 51 },
    ];
    const anonymizer = new RecordAnonymizer({
      fields: {
        email: { operator: pseudonymize({ key }), entityType: 'EMAIL_ADDRESS' },
        'contact.phone': { operator: mask({ charsToMask: 4, fromEnd: true }) },
        notes: { analyze: true, operators: { DATE_TIME: redact() } },
      },
    });
    const out = await collect(anonymizer.stream(rows));
    expect(out[0]!.email).toBe(out[1]!.email); // joins survive pseudonymization
    expect(out[0]!.email).toMatch(/^<EMAIL_ADDRESS_[0-9a-f]{16}>$/);
    expect(out[0]!.contact.phone).toBe('944-865-****');
    expect(out[1]!.contact.phone).toBeNull();
    expect(out[0]!.notes).toBe('Call <PERSON> on ');
    expect(out[0]!.age).toBe(34);
    expect(rows[0]!.email).toBe('jo@example.org'); // input untouched
    const report = anonymizer.report();
    expect(report).toEqual({
      total: 5,
      records: 2,
      byEntityType: { EMAIL_ADDRESS: 2, CONTACT_PHONE: 1, PERSON: 1, DATE_TIME: 1 },
      byOperator: { pseudonymize: 2, mask: 1, replace: 1, redact: 1 },
    });
    expect(JSON.stringify(report)).not.toMatch(/jo@|Sarah|944/);
  });

  it('streams from an async iterable lazily, one record at a time', async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield { name: `user ${i}`, email: `u${i}@example.org` };
      }
    }
    const stream = anonymizeRecords(source(), { fields: { email: { operator: replace(), entityType: 'EMAIL_ADDRESS' } } });
    const first = await stream.next();
    expect(first.value).toEqual({ name: 'user 0', email: '<EMAIL_ADDRESS>' });
    expect(produced).toBeLessThanOrEqual(2);
    await stream.return(undefined);
  });

  it('validates configuration and records, naming the field and record but not the value', async () => {
    expect(() => new RecordAnonymizer({ fields: {} })).toThrow(/fields must be a non-empty object/);
    expect(() => new RecordAnonymizer({ fields: { a: {} as never } })).toThrow("RecordAnonymizer: fields['a'] must be { operator } or { analyze: true }");
    const strict = new RecordAnonymizer({ fields: { email: { operator: replace() } }, missingField: 'error' });
    await expect(strict.anonymizeRecord({ name: 'x' })).rejects.toThrow("RecordAnonymizer: record 0 has no field 'email'");
    const nested = new RecordAnonymizer({ fields: { email: { operator: replace() } } });
    await expect(nested.anonymizeRecord({ email: { secret: 'jo@example.org' } })).rejects.toThrow(/field 'email' of record 0 holds an object/);
    await expect(collect(nested.stream(42 as never))).rejects.toThrow('RecordAnonymizer.stream: source must be an iterable or async iterable, got the number 42');
  });
});

describe('CSV', () => {
  it('parses RFC 4180: quotes, doubled quotes, embedded delimiters and line breaks, CRLF, BOM', async () => {
    const text = '\ufeffid,name,note\r\n1,"Jackson, Sarah","said ""hi""\r\nand left"\r\n2,Lee,\r\n';
    expect(await collect(parseCsv(text))).toEqual([
      { id: '1', name: 'Jackson, Sarah', note: 'said "hi"\r\nand left' },
      { id: '2', name: 'Lee', note: '' },
    ]);
  });
  it('gives the same rows whatever the chunking, including UTF-8 bytes split inside a character', async () => {
    const text = 'a;b\n"x;y";Zoë 😀\n3;"q""r"\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await collect(parseCsv(text, { delimiter: ';' }));
    for (const size of [1, 2, 3, 5]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await collect(parseCsv(chunks, { delimiter: ';' }))).toEqual(whole);
    }
  });
  it('round-trips arbitrary records through formatCsv and parseCsv', async () => {
    const cell = fc.string({ maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 10 }), async (rows) => {
        const records = rows.map(([a, b, c]) => ({ a, b, c }));
        const lines = await collect(formatCsv(records));
        const parsed = await collect(parseCsv(lines));
        expect(parsed).toEqual(records);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
  it('reports malformed input by row number', async () => {
    await expect(collect(parseCsv('a,b\n1,2,3\n'))).rejects.toThrow('parseCsv: row 2 has 3 fields but the header has 2');
    await expect(collect(parseCsv('a\n"open'))).rejects.toThrow('parseCsv: row 2 ends inside a quoted field');
    expect(() => parseCsv('a', { delimiter: '"' }).next()).rejects.toThrow(/delimiter must be one character/);
  });
});

describe('JSON Lines', () => {
  it('parses chunked input and round-trips', async () => {
    const records = [{ a: 1, b: 'Zoë' }, { a: 2, b: null }];
    const lines = await collect(formatJsonLines(records));
    expect(lines).toEqual(['{"a":1,"b":"Zoë"}\n', '{"a":2,"b":null}\n']);
    const joined = lines.join('');
    const chunks = [joined.slice(0, 5), joined.slice(5, 21), joined.slice(21)];
    expect(await collect(parseJsonLines(chunks))).toEqual(records);
    await expect(collect(parseJsonLines('{"a":1}\n\nnot json\n'))).rejects.toThrow('parseJsonLines: line 3 is not valid JSON');
  });
  it('feeds the record anonymizer end to end', async () => {
    const input = '{"user":"jo@example.org","msg":"hi from Dr. Okafor"}\n';
    const out = await collect(
      formatJsonLines(
        anonymizeRecords(parseJsonLines(input) as AsyncIterable<Record<string, unknown>>, {
          fields: { user: { operator: replace(), entityType: 'EMAIL_ADDRESS' }, msg: { analyze: true } },
        }),
      ),
    );
    expect(out).toEqual(['{"user":"<EMAIL_ADDRESS>","msg":"hi from Dr. <PERSON>"}\n']);
  });
});
