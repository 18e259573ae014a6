import { describe, expect, it } from 'vitest';
import type { RecognizerResult } from '../types.js';
import { parseLabelledCorpus } from './corpus.js';
import { evaluate, fBeta, scoresFromCounts } from './evaluate.js';

const res = (entityType: string, start: number, end: number): RecognizerResult => ({ entityType, start, end, score: 1, recognizer: 't' });

describe('fBeta and scoresFromCounts', () => {
  it('match the textbook formulas', () => {
    expect(fBeta(0.5, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(fBeta(0.5, 1, 2)).toBeCloseTo((5 * 0.5) / (4 * 0.5 + 1), 12);
    expect(fBeta(0, 0, 2)).toBe(0);
    const s = scoresFromCounts(8, 2, 4);
    expect(s.precision).toBeCloseTo(0.8, 12);
    expect(s.recall).toBeCloseTo(8 / 12, 12);
    expect(scoresFromCounts(0, 0, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0, f2: 0 });
    expect(() => scoresFromCounts(-1, 0, 0)).toThrow('scoresFromCounts: tp must be a non-negative integer, got the number -1');
  });
});

describe('evaluate', () => {
  it('scores exact and overlap matches per type and overall (hand-computed)', () => {
    const corpus = [
      { text: 'Jo Lee at jo@x.org', spans: [{ start: 0, end: 6, type: 'PERSON' }, { start: 10, end: 18, type: 'EMAIL_ADDRESS' }] },
      { text: 'no pii here', spans: [] },
    ];
    // Exact email, a person span one character short (overlap only), one false positive.
    const predict = (t: string): RecognizerResult[] => (t.startsWith('Jo') ? [res('PERSON', 0, 5), res('EMAIL_ADDRESS', 10, 18)] : [res('URL', 3, 6)]);
    const report = evaluate(predict, corpus);
    expect(report.examples).toBe(2);
    expect(report.exact.perType['EMAIL_ADDRESS']).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    expect(report.exact.perType['PERSON']).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(report.exact.perType['URL']).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 0 });
    expect(report.exact.overall).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 1 });
    expect(report.exact.overall.precision).toBeCloseTo(1 / 3, 12);
    expect(report.exact.overall.recall).toBeCloseTo(1 / 2, 12);
    expect(report.exact.overall.f2).toBeCloseTo((5 * (1 / 3) * (1 / 2)) / (4 * (1 / 3) + 1 / 2), 12);
    expect(report.overlap.perType['PERSON']).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    // A stricter IoU makes the short person span a miss again (IoU 5/6).
    expect(evaluate(predict, corpus, { minIou: 0.9 }).overlap.perType['PERSON']!.truePositives).toBe(0);
    // Restricting the types ignores the URL false positive.
    expect(evaluate(predict, corpus, { entityTypes: ['EMAIL_ADDRESS', 'PERSON'] }).exact.overall.falsePositives).toBe(1);
  });

  it('accepts an analyzer object and rejects bad input by position', () => {
    const analyzer = { analyze: () => [] };
    expect(evaluate(analyzer, []).exact.overall.recall).toBe(0);
    expect(() => evaluate(analyzer, [{ text: 'x', spans: [{ start: 0, end: 5, type: 'A' }] }])).toThrow(
      'evaluate: corpus example 0: spans[0] must have integers 0 <= start < end <= text length 1, got start the number 0 and end the number 5',
    );
    expect(() => evaluate(42 as never, [])).toThrow(/analyzer must be a function or have an analyze method/);
  });
});

describe('parseLabelledCorpus', () => {
  it('parses JSON lines and names bad lines by number, never by content', () => {
    const corpus = parseLabelledCorpus('{"id":1,"text":"Hi Jo Lee","spans":[{"start":3,"end":9,"type":"PERSON"}]}\r\n\n');
    expect(corpus).toEqual([{ id: 1, text: 'Hi Jo Lee', spans: [{ start: 3, end: 9, type: 'PERSON' }] }]);
    expect(() => parseLabelledCorpus('{"text":"a"}\n{bad secret jo@x.org')).toThrow('parseLabelledCorpus: line 1: spans must be an array, got undefined');
    let message = '';
    try {
      parseLabelledCorpus('{"text":"a","spans":[]}\n{bad secret jo@x.org');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('parseLabelledCorpus: line 2 is not valid JSON');
  });
});
