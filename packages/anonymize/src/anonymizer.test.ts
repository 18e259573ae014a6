import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.js';
import { anonymize, anonymizeText } from './anonymizer.js';
import { deanonymize } from './deanonymizer.js';
import { encrypt } from './operators/encrypt.js';
import { generateKey } from './operators/keys.js';
import { mask } from './operators/mask.js';
import { pseudonymize } from './operators/pseudonymize.js';
import { redact } from './operators/redact.js';
import { keep } from './operators/keep.js';
import { luhnValid } from './validators/luhn.js';
import { IBAN_LENGTHS } from './validators/iban_checksum.js';

describe('anonymize', () => {
  it('replaces by default with <TYPE>, applies per-type operators, and reports counts only', async () => {
    const text = 'Call Sarah Jackson at (333) 956-4056 or mail sarah@example.org';
    const out = await anonymize(text, analyze(text), { operators: { PHONE_NUMBER: mask({ charsToMask: 8, fromEnd: true }), EMAIL_ADDRESS: redact() } });
    expect(out.text).toBe('Call <PERSON> at (333) ******** or mail ');
    expect(out.report).toEqual({ total: 3, byEntityType: { PERSON: 1, PHONE_NUMBER: 1, EMAIL_ADDRESS: 1 }, byOperator: { replace: 1, mask: 1, redact: 1 } });
    expect(JSON.stringify(out.report)).not.toMatch(/Sarah|956|example/);
    // Items point into the output text.
    for (const item of out.items) expect(out.text.slice(item.start, item.end)).toBe(item.text);
    expect(out.items.map((i) => i.operator)).toEqual(['replace', 'mask', 'redact']);
  });

  it('uses DEFAULT for types without their own operator', async () => {
    const out = await anonymizeText('SSN 609-64-9502 on 23 June 1990', { operators: { DEFAULT: redact(), DATE_TIME: keep() } });
    expect(out.text).toBe('SSN  on 23 June 1990');
  });

  it('resolves overlapping input so each character is replaced once', async () => {
    const text = 'abcdefghij';
    const out = await anonymize(text, [
      { entityType: 'A', start: 0, end: 6, score: 0.5, recognizer: 'x' },
      { entityType: 'B', start: 4, end: 10, score: 0.9, recognizer: 'y' },
    ]);
    expect(out.text).toBe('<A><B>');
  });

  it('validates results against the text', async () => {
    await expect(anonymize('short', [{ entityType: 'A', start: 0, end: 9, score: 1, recognizer: 'x' }])).rejects.toThrow(
      'anonymize: results[0] ends at 9, beyond the text length 5',
    );
    await expect(anonymize('x', [], { operators: { PERSON: 'replace' as never } })).rejects.toThrow(/operators\.PERSON must be an operator/);
  });
});

describe('deanonymize', () => {
  it('restores encrypted values and leaves other operators alone', async () => {
    const key = generateKey();
    const text = 'Mail jo@example.org, SSN 609-64-9502, Dr. Fatima Anderson';
    const a = await anonymizeText(text, { operators: { DEFAULT: encrypt({ key }), PERSON: mask() } });
    expect(a.text).not.toContain('jo@example.org');
    expect(a.text).not.toContain('609-64-9502');
    const d = await deanonymize(a.text, a.items, { key });
    expect(d.text).toBe('Mail jo@example.org, SSN 609-64-9502, Dr. ***************');
    for (const item of d.items) expect(d.text.slice(item.start, item.end)).toBe(item.text);
  });
  it('fails on a wrong key, a tampered text or items that do not fit the text', async () => {
    const key = generateKey();
    const a = await anonymizeText('SSN 609-64-9502', { operators: { DEFAULT: encrypt({ key }) } });
    await expect(deanonymize(a.text, a.items, { key: generateKey() })).rejects.toThrow(/authentication failed/);
    const tampered = a.text.slice(0, -3) + 'AAA';
    await expect(deanonymize(tampered, a.items, { key })).rejects.toThrow(/items\[0\] does not match the text/);
  });
});

// Generators of PII embedded in neutral words, for the property tests.
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 4, maxLength: 10 }),
  fc.constantFrom('the', 'und', 'für', 'naïve', 'страна', '東京', 'ok!', 'yes,', 'done.', '👋'),
);
const words = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const label = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
const email = fc
  .tuple(label, fc.option(label, { nil: undefined }), fc.constantFrom('.', '_', '+', '-'), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'net', 'io', 'de', 'co.uk'))
  .map(([a, b, sep, domain, tld]) => `${a}${b ? sep + b : ''}@${domain.join('.')}.${tld}`);
const withLuhn = (body: string): string => {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};
const card = fc
  .tuple(fc.constantFrom('4', '51', '55', '6011', '34', '37', '2221'), digits(18), fc.constantFrom('', ' ', '-'))
  .map(([prefix, rest, sep]) => {
    const amex = prefix === '34' || prefix === '37';
    const n = withLuhn((prefix + rest).slice(0, (amex ? 15 : 16) - 1));
    if (sep === '') return n;
    return amex ? [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep) : n.match(/.{4}/g)!.join(sep);
  });
const ibanWithChecksum = (country: string, bban: string): string => {
  const numeric = [...(bban + country + '00')].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return country + String(98 - r).padStart(2, '0') + bban;
};
const iban = fc
  .tuple(fc.constantFrom('DE', 'FR', 'NL', 'ES', 'IT', 'BE', 'AT'), digits(30), fc.boolean())
  .map(([country, raw, grouped]) => {
    const code = ibanWithChecksum(country, raw.slice(0, IBAN_LENGTHS[country]! - 4));
    return grouped ? code.match(/.{1,4}/g)!.join(' ') : code;
  });
const ssn = fc
  .tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([a, g, s]) => `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`)
  .filter((s) => !['123-45-6789', '078-05-1120', '219-09-9999'].includes(s) && !/^(\d)\1\1-\1\1-\1\1\1\1$/.test(s));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const ipv6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));

describe('properties (fast-check)', () => {
  it.each([
    ['email', email],
    ['card', card],
    ['IBAN', iban],
    ['SSN', ssn],
    ['IPv4', ipv4],
    ['IPv6', ipv6],
  ])('a generated %s embedded in random text never survives replace', async (_name, arb) => {
    await fc.assert(
      fc.asyncProperty(words, arb as fc.Arbitrary<string>, words, async (before, pii, after) => {
        const text = `${before} ${pii} ${after}`;
        const out = await anonymizeText(text);
        expect(out.text).not.toContain(pii);
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('anonymization never throws on arbitrary Unicode (including lone surrogates)', async () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
    );
    const key = generateKey();
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const out = await anonymizeText(text, { operators: { DEFAULT: encrypt({ key }), PERSON: mask() } });
        expect(typeof out.text).toBe('string');
        expect((await deanonymize(out.text, out.items, { key })).items.length).toBe(out.items.length);
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('pseudonyms are stable under one key and unlinkable across keys', async () => {
    const k1 = generateKey();
    const k2 = generateKey();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), async (x, y) => {
        const ctx = { entityType: 'PERSON' };
        const a1 = await pseudonymize({ key: k1 }).apply(x, ctx);
        const a1again = await pseudonymize({ key: k1 }).apply(x, ctx);
        const b1 = await pseudonymize({ key: k2 }).apply(x, ctx);
        expect(a1again).toBe(a1);
        expect(b1).not.toBe(a1);
        if (x !== y) expect(await pseudonymize({ key: k1 }).apply(y, ctx)).not.toBe(a1);
      }),
      { numRuns: 150, seed: 10 },
    );
  });
});
