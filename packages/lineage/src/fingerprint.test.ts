import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, createReadStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hashFile } from './file_fingerprint.js';
import { fingerprintValue, hashBytes, hashJson, hashRecords, hashStream, hashText } from './fingerprint.js';

const ref = (data: string | Uint8Array) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('content fingerprints', () => {
  it('hash bytes and text like node:crypto', async () => {
    expect(await hashBytes(new Uint8Array([1, 2, 3]))).toBe(ref(new Uint8Array([1, 2, 3])));
    expect(await hashText('héllo')).toBe(ref(Buffer.from('héllo', 'utf8')));
  });

  it('hash JSON canonically, independent of key order and number spelling', async () => {
    expect(await hashJson({ a: 1, b: [2.5, 'x'] })).toBe(await hashJson({ b: [2.50, 'x'], a: 1.0 }));
    expect(await hashJson({ a: 1 })).toBe(ref('{"a":1}'));
    expect(await hashJson({ a: 1 })).not.toBe(await hashJson({ a: 2 }));
    await expect(hashJson({ a: Number.POSITIVE_INFINITY })).rejects.toThrow('hashJson: value.a is Infinity');
  });

  it('hash streams chunk by chunk: Node Readable, web ReadableStream, iterables', async () => {
    const parts = ['alpha ', 'beta ', 'gamma'];
    const expected = ref(parts.join(''));
    expect(await hashStream(Readable.from(parts.map((p) => Buffer.from(p))))).toBe(expected);
    expect(await hashStream(parts)).toBe(expected);
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    expect(await hashStream(web)).toBe(expected);
    await expect(hashStream(42 as never)).rejects.toThrow('hashStream: source must be');
    await expect(hashStream([new Uint8Array(1), 7 as never])).rejects.toThrow('chunk 1 is the number 7');
  });

  it('hash a file in a streaming way that matches hashing its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lineage-fp-'));
    const file = join(dir, 'big.bin');
    // 3.5 MiB: several of hashFile's 1 MiB chunks.
    const data = Buffer.alloc(3.5 * (1 << 20));
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    writeFileSync(file, data);
    expect(await hashFile(file)).toBe(ref(data));
    expect(await hashStream(createReadStream(file))).toBe(ref(data));
    await expect(hashFile(join(dir, 'missing.csv'))).rejects.toThrow(/hashFile: cannot read '.*missing\.csv' \(no such file\)/);
    mkdirSync(join(dir, 'sub'));
    await expect(hashFile(join(dir, 'sub'))).rejects.toThrow('it is a directory');
    await expect(hashFile('')).rejects.toThrow('hashFile: path must be a non-empty string');
  });

  it('hash records as their canonical JSONL text', async () => {
    const records = [{ b: 2, a: 'x' }, { a: 'y', b: 3 }];
    const jsonl = '{"a":"x","b":2}\n{"a":"y","b":3}\n';
    expect(await hashRecords(records)).toBe(ref(jsonl));
    async function* gen() {
      yield* records;
    }
    expect(await hashRecords(gen())).toBe(ref(jsonl));
    expect(await hashRecords([records[1], records[0]])).not.toBe(ref(jsonl));
    await expect(hashRecords('abc' as never)).rejects.toThrow('hashRecords: records must be');
  });

  it('replaces tensors and bytes inside values by their fingerprints', async () => {
    const t = { dtype: 'float32', shape: [2], dataSync: () => new Float32Array([1, 2]) };
    const out = (await fingerprintValue({ xs: t, raw: new Uint8Array([9]), label: 3 })) as Record<string, Record<string, string>>;
    expect(out.label).toBe(3);
    expect(out.raw!.$bytes).toBe(ref(new Uint8Array([9])));
    expect(out.xs!.$tensor).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
