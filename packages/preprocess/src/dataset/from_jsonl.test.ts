import { describe, expect, it } from 'vitest';
import { fromJsonl } from './from_jsonl.js';

describe('fromJsonl', () => {
  it('parses one value per line across chunk boundaries, CRLF and blank lines', async () => {
    const text = '{"t":"héllo","y":1}\r\n\n[1,2]\n"👋"';
    const bytes = new TextEncoder().encode(text);
    const ds = fromJsonl(Array.from(bytes, (b) => Uint8Array.of(b)));
    expect(await ds.toArray()).toEqual([{ t: 'héllo', y: 1 }, [1, 2], '👋']);
    expect(ds.report).toMatchObject({ rowsRead: 3, rowsYielded: 3, emptyLines: 1, complete: true });
  });

  it('names the line of invalid JSON without quoting it; skips and counts only when asked', async () => {
    const src = ['{"a":1}\n{"a":\n{"a":3}\n'];
    await expect(fromJsonl(src).toArray()).rejects.toThrow("fromJsonl: row 2 (line 2) is not valid JSON; pass onInvalid: 'skip'");
    const ds = fromJsonl(src, { onInvalid: 'skip' });
    expect(await ds.toArray()).toEqual([{ a: 1 }, { a: 3 }]);
    expect(ds.report.rowsSkipped).toBe(1);
    expect(ds.report.problems).toEqual([{ row: 2, line: 2, message: 'row 2 (line 2) is not valid JSON' }]);
  });

  it('validates its options', () => {
    expect(() => fromJsonl([''], { onInvalid: 'drop' as never })).toThrow("fromJsonl: options.onInvalid must be 'error' or 'skip'");
  });
});
