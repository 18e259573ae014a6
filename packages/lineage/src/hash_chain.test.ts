import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealEntry, verifyChain, type RawEntry } from './hash_chain.js';

const T = '2026-01-01T00:00:00.000Z';

function chain(bodies: Record<string, unknown>[]): RawEntry[] {
  let tail = null;
  const out: RawEntry[] = [];
  for (const body of bodies) {
    const { entry, text } = sealEntry(tail, 'dataset', body, T);
    tail = { seq: entry.seq, hash: entry.hash };
    out.push({ position: out.length + 1, text });
  }
  return out;
}

describe('verifyChain', () => {
  it('accepts a sealed chain starting from the genesis hash', () => {
    const raws = chain([{ id: 'a' }, { id: 'b' }]);
    expect(JSON.parse(raws[0]!.text).prev).toBe(GENESIS_HASH);
    expect(verifyChain(raws)).toMatchObject({ ok: true, entries: 2, head: { seq: 2 } });
  });

  it('catches an edit that keeps the meaning but not the bytes (not canonical)', () => {
    // JSON.stringify writes a control character as \u001f; \u001F parses to the same string.
    const raws = chain([{ id: 'a\u001fb' }, { id: 'c' }]);
    expect(raws[0]!.text).toContain('\\u001f');
    const edited = [{ ...raws[0]!, text: raws[0]!.text.replace('\\u001f', '\\u001F') }, raws[1]!];
    expect(JSON.parse(edited[0]!.text)).toEqual(JSON.parse(raws[0]!.text));
    expect(verifyChain(edited)).toMatchObject({ ok: false, firstBad: { expectedSeq: 1, reason: 'not-canonical' } });
  });

  it('catches a re-sealed chain that skips a sequence number', () => {
    const first = sealEntry(null, 'dataset', { id: 'a' }, T);
    // A tail that claims seq 2: the next entry is #3 but links correctly to #1.
    const third = sealEntry({ seq: 2, hash: first.entry.hash }, 'dataset', { id: 'c' }, T);
    const r = verifyChain([{ position: 1, text: first.text }, { position: 2, text: third.text }]);
    expect(r).toMatchObject({ ok: false, firstBad: { position: 2, expectedSeq: 2, reason: 'sequence' } });
  });

  it('catches a chain whose link was re-pointed', () => {
    const first = sealEntry(null, 'dataset', { id: 'a' }, T);
    const second = sealEntry({ seq: 1, hash: `sha256:${'1'.repeat(64)}` }, 'dataset', { id: 'b' }, T);
    const r = verifyChain([{ position: 1, text: first.text }, { position: 2, text: second.text }]);
    expect(r).toMatchObject({ ok: false, firstBad: { expectedSeq: 2, reason: 'broken-link' } });
  });

  it('catches index columns that disagree with the text, and a missing head', () => {
    const raws = chain([{ id: 'a' }, { id: 'b' }]);
    const withCols = raws.map((r, i) => ({ ...r, columns: { seq: i + 1, hash: i === 1 ? 'sha256:x' : JSON.parse(r.text).hash } }));
    expect(verifyChain(withCols)).toMatchObject({ ok: false, firstBad: { expectedSeq: 2, reason: 'column-mismatch' } });
    const head = { seq: 3, hash: `sha256:${'2'.repeat(64)}` as const };
    expect(verifyChain(raws, { heads: [{ head, source: 'the saved head' }] })).toMatchObject({
      ok: false,
      firstBad: { expectedSeq: 3, reason: 'head-mismatch', message: 'entry #3 is missing: the log ends at #2 but the saved head records #3; entries at the end were deleted' },
    });
  });
});
