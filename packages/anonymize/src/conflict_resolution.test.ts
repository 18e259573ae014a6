import { describe, expect, it } from 'vitest';
import { removeDuplicates, resolveConflicts } from './conflict_resolution.js';
import type { RecognizerResult } from './types.js';

const r = (entityType: string, start: number, end: number, score: number, recognizer = 'x'): RecognizerResult => ({ entityType, start, end, score, recognizer });
const spans = (rs: RecognizerResult[]): string[] => rs.map((x) => `${x.entityType}:${x.start}-${x.end}:${x.score}`);

describe('resolveConflicts (Presidio semantics)', () => {
  it('merges intersecting results of one type into their union with the highest score', () => {
    expect(spans(resolveConflicts([r('PERSON', 0, 5, 0.6), r('PERSON', 3, 10, 0.8)]))).toEqual(['PERSON:0-10:0.8']);
  });
  it('does not merge results that only touch', () => {
    expect(spans(resolveConflicts([r('PERSON', 0, 5, 0.6), r('PERSON', 5, 10, 0.8)]))).toEqual(['PERSON:0-5:0.6', 'PERSON:5-10:0.8']);
  });
  it('drops a result contained in a larger one of another type, whatever the scores', () => {
    expect(spans(resolveConflicts([r('URL', 5, 20, 0.5), r('EMAIL_ADDRESS', 0, 20, 0.4)]))).toEqual(['EMAIL_ADDRESS:0-20:0.4']);
  });
  it('keeps the higher score of two equal spans', () => {
    expect(spans(resolveConflicts([r('PHONE_NUMBER', 0, 9, 0.4), r('US_SSN', 0, 9, 0.85)]))).toEqual(['US_SSN:0-9:0.85']);
  });
  it('keeps partial overlaps of different types with merge_similar_or_contained', () => {
    expect(spans(resolveConflicts([r('A', 0, 6, 0.5), r('B', 4, 10, 0.9)]))).toEqual(['A:0-6:0.5', 'B:4-10:0.9']);
  });
  it('trims the lower score with remove_intersections', () => {
    expect(spans(resolveConflicts([r('A', 0, 6, 0.5), r('B', 4, 10, 0.9)], 'remove_intersections'))).toEqual(['A:0-4:0.5', 'B:4-10:0.9']);
    expect(spans(resolveConflicts([r('A', 0, 6, 0.9), r('B', 4, 10, 0.5)], 'remove_intersections'))).toEqual(['A:0-6:0.9', 'B:6-10:0.5']);
  });
  it('keeps the higher score whole and drops the other with exclusive', () => {
    expect(spans(resolveConflicts([r('A', 0, 6, 0.5), r('B', 4, 10, 0.9), r('C', 12, 14, 0.1)], 'exclusive'))).toEqual(['B:4-10:0.9', 'C:12-14:0.1']);
    // Ties: the longer span wins.
    expect(spans(resolveConflicts([r('A', 0, 6, 0.5), r('B', 4, 12, 0.5)], 'exclusive'))).toEqual(['B:4-12:0.5']);
  });
  it('validates its input without echoing it', () => {
    expect(() => resolveConflicts([r('A', 5, 2, 0.5)])).toThrow(/results\[0\] must have integer 0 <= start < end/);
    expect(() => resolveConflicts([r('A', 0, 2, 1.5)])).toThrow(/results\[0\]\.score must be a number in \[0, 1\]/);
    expect(() => resolveConflicts([r('A', 0, 2, 0.5)], 'bogus' as never)).toThrow(/strategy must be one of/);
  });
  it('stays fast on many results', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => r(i % 2 ? 'A' : 'B', i * 3, i * 3 + 4, (i % 7) / 7 + 0.01));
    const out = resolveConflicts(many, 'exclusive');
    for (let i = 1; i < out.length; i++) expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
  });
});

describe('removeDuplicates (Presidio analyzer)', () => {
  it('drops same-type results contained in a higher-ranked one and keeps other types', () => {
    expect(spans(removeDuplicates([r('URL', 0, 20, 0.8), r('URL', 8, 20, 0.5), r('EMAIL_ADDRESS', 8, 20, 0.5), r('URL', 0, 3, 0)]))).toEqual([
      'URL:0-20:0.8',
      'EMAIL_ADDRESS:8-20:0.5',
    ]);
  });
});
