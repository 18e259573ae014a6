import { describe, expect, it } from 'vitest';
import { Analyzer, analyze, defaultRecognizers } from './analyzer.js';
import { PatternRecognizer } from './recognizers/pattern_recognizer.js';
import type { Recognizer } from './recognizers/recognizer.js';

describe('Analyzer', () => {
  it('returns type, span, score and recognizer name for every built-in type', () => {
    const text =
      'Hi Sarah Jackson, mail jo@example.org, call (333) 956-4056, from 62.24.142.109 on 23 June 1990; card 4111 1111 1111 1111, IBAN DE89370400440532013000, SSN 609-64-9502, see https://example.com/x';
    const results = analyze(text);
    expect(results.map((r) => r.entityType)).toEqual([
      'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS', 'DATE_TIME', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'URL',
    ]);
    for (const r of results) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(typeof r.recognizer).toBe('string');
      expect(r.end).toBeGreaterThan(r.start);
    }
    expect(results.find((r) => r.entityType === 'US_SSN')!.recognizer).toBe('UsSsnRecognizer');
  });

  it('boosts scores next to context words (Presidio: +0.35, at least 0.4)', () => {
    const plain = analyze('reference 609-64-9502');
    const withContext = analyze('my ssn is 609-64-9502');
    expect(plain[0]!.score).toBeCloseTo(0.5);
    expect(withContext[0]!.score).toBeCloseTo(0.85);
  });

  it('filters by entities, threshold and allow list', () => {
    const text = 'Mail support@example.org or jo@example.org, SSN 609-64-9502';
    expect(analyze(text, { entities: ['US_SSN'] }).map((r) => r.entityType)).toEqual(['US_SSN']);
    expect(analyze(text, { scoreThreshold: 0.9 }).map((r) => r.entityType)).toEqual(['EMAIL_ADDRESS', 'EMAIL_ADDRESS']);
    expect(analyze(text, { allowList: ['support@example.org'] }).map((r) => text.slice(r.start, r.end))).toEqual(['jo@example.org', '609-64-9502']);
  });

  it('resolves overlaps: the larger span wins over one it contains', () => {
    const text = 'see https://example.com/u?mail=jo@example.org now';
    const results = analyze(text);
    expect(results.map((r) => [r.entityType, text.slice(r.start, r.end)])).toEqual([['URL', 'https://example.com/u?mail=jo@example.org']]);
    const raw = analyze(text, { conflictResolution: 'none' });
    expect(raw.map((r) => r.entityType).sort()).toEqual(['EMAIL_ADDRESS', 'URL']);
  });

  it('runs user-defined recognizers: regex with validator, deny list, context words', () => {
    const employee = new PatternRecognizer({
      supportedEntity: 'EMPLOYEE_ID',
      patterns: [{ name: 'emp', regex: /\bEMP-(\d{6})\b/, score: 0.3 }],
      context: ['employee', 'staff'],
      validate: (m) => (m.endsWith('000000') ? false : undefined),
    });
    const titles = new PatternRecognizer({ supportedEntity: 'PROJECT', denyList: ['Project Falcon', 'Falcon'] });
    const analyzer = new Analyzer({ extraRecognizers: [employee, titles] });
    const text = 'staff member EMP-123456 and EMP-000000 work on Project Falcon; EMP-654321 too';
    const out = analyzer.analyze(text, { entities: ['EMPLOYEE_ID', 'PROJECT'] });
    expect(out.map((r) => [r.entityType, text.slice(r.start, r.end), Number(r.score.toFixed(6))])).toEqual([
      ['EMPLOYEE_ID', 'EMP-123456', 0.65],
      ['PROJECT', 'Project Falcon', 1],
    ]);
  });

  it('reports only a named pii group of a pattern', () => {
    const rec = new PatternRecognizer({ supportedEntity: 'USERNAME', patterns: [{ name: 'user', regex: /user=(?<pii>\w+)/, score: 0.9 }] });
    const a = new Analyzer({ recognizers: [rec] });
    const text = 'GET /?user=alice&x=1';
    expect(a.analyze(text).map((r) => text.slice(r.start, r.end))).toEqual(['alice']);
  });

  it('handles Unicode and CRLF text', () => {
    const text = 'Grüße 👋\r\nDr. Zoë Müller\r\nE-Mail: zoë.müller@example.de\r\n☎ +49 30 901820\r\n';
    const out = analyze(text).map((r) => [r.entityType, text.slice(r.start, r.end)]);
    expect(out).toEqual([
      ['PERSON', 'Zoë Müller'],
      ['EMAIL_ADDRESS', 'zoë.müller@example.de'],
      ['PHONE_NUMBER', '+49 30 901820'],
    ]);
  });

  it('manages its registry and validates arguments with clear messages', () => {
    const a = new Analyzer();
    expect(a.recognizers.length).toBe(defaultRecognizers().length);
    expect(a.removeRecognizer('PersonRecognizer')).toBe(true);
    expect(a.supportedEntities).not.toContain('PERSON');
    expect(() => a.addRecognizer(defaultRecognizers()[0]!)).toThrow(/already registered/);
    expect(() => a.analyze(42 as unknown as string)).toThrow('analyze: text must be a string, got the number 42');
    expect(() => a.analyze('x', { entities: ['PERSON'] })).toThrow(/entities contains 'PERSON', which no recognizer supports/);
    expect(() => new Analyzer({ scoreThreshold: 2 })).toThrow('Analyzer: scoreThreshold must be in [0, 1], got the number 2');
    const broken = { name: 'b', supportedEntities: [], analyze: () => [] } as Recognizer;
    expect(() => a.addRecognizer(broken)).toThrow(/supportedEntities of 'b' must be a non-empty array/);
    expect(() => new PatternRecognizer({ supportedEntity: 'X' })).toThrow(/at least one of patterns or denyList/);
    expect(() => new PatternRecognizer({ supportedEntity: 'X', patterns: [{ name: 'p', regex: '(', score: 0.5 }] })).toThrow(/patterns\[0\]\.regex is not a valid regular expression/);
  });

  it('errors never contain the analyzed text', () => {
    const secret = 'jo@example.org';
    try {
      analyze(secret, { entities: ['NOPE'] });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });

  it('is linear on 1 MB adversarial lines (completes well within the test timeout)', () => {
    const MB = 1 << 20;
    const line = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    // Each line targets a backtracking hazard: long runs for unbounded quantifiers, separators that
    // almost form an email/URL/IP/number, capitalised runs for the name scanner.
    const lines = ['a'.repeat(MB), line('1 '), line('a.b@c.'), 'http://' + line('a'), line('a:'), line('Sarah '), line('(1'), line('12:')];
    let total = 0;
    for (const l of lines) total += analyze(l).length;
    expect(total).toBeLessThan(10);
  });
});
