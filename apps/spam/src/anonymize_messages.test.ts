import { describe, expect, it } from 'vitest';
import { anonymizeMessages } from './anonymize_messages.js';
import type { RawMessage } from './corpus.js';
import type { PseudonymKey } from './secret_key.js';

const key = (fill: number): PseudonymKey => ({ bytes: new Uint8Array(32).fill(fill), source: 'flag', id: 'test' });
const msg = (id: string, text: string): RawMessage => ({ id, group: 'easy-ham-1', label: 0, sha256: '0'.repeat(64), text });

describe('anonymizeMessages', () => {
  const a = msg('easy-ham-1/00001', 'From: Sarah Jackson <sarah.jackson@example.org>\nSubject: call me\n\nRing me on +44 20 4517 1614 or at (212) 555-0187, server 192.168.14.7, see http://example.org/x order 4417 1234 5678 99.');
  const b = msg('easy-ham-1/00002', 'From: sarah.jackson@example.org\nSubject: again\n\nsecond mail');

  it('removes addresses, names, phones, IPs, URLs and long numbers, counting them by type', async () => {
    const { messages, report, messagesWithPii } = await anonymizeMessages([a, b], key(1));
    const text = messages[0]!.text;
    for (const pii of ['sarah.jackson@example.org', 'Sarah Jackson', '4517 1614', '555-0187', '192.168.14.7', 'http://example.org/x', '5678']) {
      expect(text).not.toContain(pii);
    }
    expect(report.byEntityType).toMatchObject({ EMAIL_ADDRESS: 2, PERSON: 1, IP_ADDRESS: 1, URL: 1 });
    expect(report.byEntityType.PHONE_NUMBER! + (report.byEntityType.LONG_NUMBER ?? 0)).toBeGreaterThanOrEqual(3);
    expect(messagesWithPii).toBe(2);
  });

  it('gives the same sender the same pseudonym under one key, and unlinkable ones under another', async () => {
    const token = (t: string) => /<EMAIL_ADDRESS_[0-9a-f]{16}>/.exec(t)![0];
    const one = await anonymizeMessages([a, b], key(1));
    const two = await anonymizeMessages([a], key(2));
    expect(token(one.messages[0]!.text)).toBe(token(one.messages[1]!.text));
    expect(token(two.messages[0]!.text)).not.toBe(token(one.messages[0]!.text));
  });
});
