import { describe, expect, it } from 'vitest';
import { Analyzer } from '../analyzer.js';
import { ibanValid } from '../validators/iban_checksum.js';
import { isIpv4, isIpv6 } from '../validators/ip_address.js';
import { luhnValid } from '../validators/luhn.js';
import { cardSchemeAccepts } from './credit_card.js';
import { personRecognizer } from './person.js';
import { ssnValid } from './us_ssn.js';

const analyzer = new Analyzer();
/** The [text, type] pairs the default analyzer reports, in order. */
const found = (text: string, entities?: string[]): [string, string][] =>
  analyzer.analyze(text, entities ? { entities } : {}).map((r) => [text.slice(r.start, r.end), r.entityType]);

describe('validators', () => {
  it('luhnValid agrees with a digit-by-digit reference on published test numbers', () => {
    // Reference: double every second digit from the right, sum digits, check mod 10.
    const reference = (s: string): boolean => {
      const d = [...s.replace(/\D/g, '')].reverse().map(Number);
      return d.reduce((a, x, i) => a + (i % 2 ? (x * 2 > 9 ? x * 2 - 9 : x * 2) : x), 0) % 10 === 0;
    };
    for (const n of ['4111111111111111', '378282246310005', '5555555555554444', '6011111111111117', '3530111333300000', '4111111111111112', '1234567812345678']) {
      expect(luhnValid(n)).toBe(reference(n));
    }
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(luhnValid('0')).toBe(false);
  });

  it('ibanValid accepts registry examples and rejects one changed digit, a wrong length or an unknown country', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300', 'ES9121000418450200051332', 'DE89 3704 0044 0532 0130 00']) {
      expect(ibanValid(iban)).toBe(true);
    }
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(ibanValid('QQ89370400440532013000')).toBe(false);
  });

  it('isIpv4 and isIpv6 follow the RFC text forms', () => {
    expect(isIpv4('192.168.0.1')).toBe(true);
    expect(isIpv4('256.1.1.1')).toBe(false);
    expect(isIpv4('01.2.3.4')).toBe(false);
    for (const ok of ['2001:db8::8a2e:370:7334', '::1', 'fe80::1ff:fe23:4567:890a', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8']) expect(isIpv6(ok)).toBe(true);
    for (const bad of ['12:30:45', '1:2:3:4:5:6:7', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9', '00:1a:2b:3c:4d:5e']) expect(isIpv6(bad)).toBe(false);
  });

  it('ssnValid applies the SSA area, group and serial rules', () => {
    expect(ssnValid('609-64-9502')).toBe(true);
    for (const bad of ['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-4567', '123-45-0000', '078-05-1120', '111-11-1111']) {
      expect(ssnValid(bad)).toBe(false);
    }
  });

  it('cardSchemeAccepts checks issuer prefixes and lengths', () => {
    expect(cardSchemeAccepts('4111111111111111')).toBe(true);
    expect(cardSchemeAccepts('378282246310005')).toBe(true);
    expect(cardSchemeAccepts('3782822463100050')).toBe(false); // Amex is 15 digits
    expect(cardSchemeAccepts('9111111111111111')).toBe(false);
  });
});

describe('EMAIL_ADDRESS', () => {
  it('finds addresses without trailing punctuation, in brackets, with plus tags and Unicode', () => {
    expect(found('reply to jo.doe@example.org.')).toEqual([['jo.doe@example.org', 'EMAIL_ADDRESS']]);
    expect(found('<john+billing@Example.COM>')).toEqual([['john+billing@Example.COM', 'EMAIL_ADDRESS']]);
    expect(found('mail björn@exempel.se now')).toEqual([['björn@exempel.se', 'EMAIL_ADDRESS']]);
  });
  it('ignores things that only look like addresses', () => {
    expect(found('user@localhost and @handle and a@b', ['EMAIL_ADDRESS'])).toEqual([]);
  });
});

describe('PHONE_NUMBER', () => {
  it.each([
    ['call +44 20 4517 1614 today', '+44 20 4517 1614'],
    ['call (333) 956-4056?', '(333) 956-4056'],
    ['at 691.868.5636', '691.868.5636'],
    ['at 944-865-1683', '944-865-1683'],
    ['Berlin: +49 30 649199.', '+49 30 649199'],
    ['US: +1 456 472 7147', '+1 456 472 7147'],
    ['Paris +33 1 42 68 53 00', '+33 1 42 68 53 00'],
    ['Tokyo +81 3-1234-5678', '+81 3-1234-5678'],
    ['London +44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
    ['UK 020 7946 0958', '020 7946 0958'],
    ['free 1-800-555-0199', '1-800-555-0199'],
    ['glued (415)555-2671', '(415)555-2671'],
  ])('%s', (text, phone) => {
    expect(found(text, ['PHONE_NUMBER'])).toEqual([[phone, 'PHONE_NUMBER']]);
  });
  it('needs a context word for bare digit strings and 7-digit local numbers', () => {
    expect(found('code 2025550143 sent', ['PHONE_NUMBER'])).toEqual([]);
    expect(found('my phone is 2025550143', ['PHONE_NUMBER'])).toEqual([['2025550143', 'PHONE_NUMBER']]);
    expect(found('room 555-1234', ['PHONE_NUMBER'])).toEqual([]);
    expect(found('call 555-1234', ['PHONE_NUMBER'])).toEqual([['555-1234', 'PHONE_NUMBER']]);
  });
  it('does not read cards, SSNs, IPs, dates, versions, amounts or references as phones', () => {
    const text =
      'card 5108-2462-8194-8215, SSN 609-64-9502, ip 62.24.142.109, on 1976-08-20 and 10/04/1957, build v8.9.24, $4680.81, #7624039, order 555-234-5678, IBAN NL75 YOUB 0094 9480 91 (bad checksum), area 123-456-7890';
    expect(found(text, ['PHONE_NUMBER'])).toEqual([]);
  });
});

describe('CREDIT_CARD', () => {
  it('finds Luhn-valid numbers in the common groupings', () => {
    expect(found('pay 4111 1111 1111 1111 or 378282246310005 or 5555-5555-5555-4444 or 3782-822463-10005', ['CREDIT_CARD'])).toEqual([
      ['4111 1111 1111 1111', 'CREDIT_CARD'],
      ['378282246310005', 'CREDIT_CARD'],
      ['5555-5555-5555-4444', 'CREDIT_CARD'],
      ['3782-822463-10005', 'CREDIT_CARD'],
    ]);
  });
  it('never reports a Luhn-invalid number, whatever the context', () => {
    expect(found('credit card 4111 1111 1111 1112, visa 4351819093786570', ['CREDIT_CARD'])).toEqual([]);
    expect(found('do not use the old number 4351819093786570.')).toEqual([]);
  });
  it('does not absorb a following number', () => {
    expect(found('card 4111 1111 1111 1111 2024', ['CREDIT_CARD'])).toEqual([['4111 1111 1111 1111', 'CREDIT_CARD']]);
  });
});

describe('IBAN_CODE', () => {
  it('finds compact and grouped IBANs and stops at the country length', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00, thanks')).toEqual([['DE89 3704 0044 0532 0130 00', 'IBAN_CODE']]);
    expect(found('to GB82WEST12345698765432 (holder: x)', ['IBAN_CODE'])).toEqual([['GB82WEST12345698765432', 'IBAN_CODE']]);
    expect(found('FR14 2004 1010 0505 0001 3M02 606 AB12', ['IBAN_CODE'])).toEqual([['FR14 2004 1010 0505 0001 3M02 606', 'IBAN_CODE']]);
  });
  it('rejects a wrong checksum and odd spacing', () => {
    expect(found('DE89 3704 0044 0532 0130 01 and DE89 37040 044 0532 0130 00', ['IBAN_CODE'])).toEqual([]);
  });
});

describe('US_SSN', () => {
  it('finds dashed SSNs; a bare 9-digit number only next to a context word', () => {
    expect(found('SSN 609-64-9502.', ['US_SSN'])).toEqual([['609-64-9502', 'US_SSN']]);
    expect(found('id 609649502', ['US_SSN'])).toEqual([]);
    expect(found('social security number 609649502', ['US_SSN'])).toEqual([['609649502', 'US_SSN']]);
  });
  it('rejects invalid areas and mixed delimiters', () => {
    expect(found('SSN 900-64-9502, 666-12-3456, 609-64 9502', ['US_SSN'])).toEqual([]);
  });
});

describe('IP_ADDRESS', () => {
  it('finds IPv4 and IPv6 (full and compressed)', () => {
    expect(found('from 62.24.142.109 and 6c0d:e55:80f0:6cf1:95ff:7b27:a6e8:84cb and fe80::1.', ['IP_ADDRESS'])).toEqual([
      ['62.24.142.109', 'IP_ADDRESS'],
      ['6c0d:e55:80f0:6cf1:95ff:7b27:a6e8:84cb', 'IP_ADDRESS'],
      ['fe80::1', 'IP_ADDRESS'],
    ]);
  });
  it('ignores versions, times and out-of-range octets', () => {
    expect(found('v1.2.3.4, version 10.2.0.1, 1.2.3.4.5, 999.1.1.1, at 10:30:00', ['IP_ADDRESS'])).toEqual([]);
  });
});

describe('URL', () => {
  it('finds URLs with a scheme or www, and bare domains with a path, without trailing punctuation', () => {
    expect(found('See https://example.com/a?b=1. Or (www.example.org/x).', ['URL'])).toEqual([
      ['https://example.com/a?b=1', 'URL'],
      ['www.example.org/x', 'URL'],
    ]);
    expect(found('reset at example.net/reset?token=abc.', ['URL'])).toEqual([['example.net/reset?token=abc', 'URL']]);
  });
  it('leaves e-mail domains and file names alone', () => {
    expect(found('jo@mail.example.org wrote readme.md and index.html')).toEqual([['jo@mail.example.org', 'EMAIL_ADDRESS']]);
  });
});

describe('DATE_TIME', () => {
  it.each([
    '10/04/1957', '23 June 1990', 'February 7, 1974', '1976-08-20', '2024-06-01T08:30:00Z', '5th of March, 2023',
    'Tuesday, April 9, 2024', 'Jan. 5, 2024', '03.04.2021', 'June 2019', '10:30 AM', '05-Jan-2024', '2024/01/05',
  ])('%s', (date) => {
    expect(found(`on ${date} we met`, ['DATE_TIME'])).toEqual([[date, 'DATE_TIME']]);
  });
  it('rejects impossible dates and version strings', () => {
    expect(found('13/32/2020, build 1.2.24, release 2.10.2024, 2024-13-01', ['DATE_TIME'])).toEqual([]);
  });
});

describe('PERSON', () => {
  it.each([
    ['Hi William Jones, your order ships.', 'William Jones'],
    ['Patient Sarah Jackson was seen.', 'Sarah Jackson'],
    ['seen by Dr. Fatima Anderson.', 'Fatima Anderson'],
    ['Dear Kwabena Asante, welcome', 'Kwabena Asante'],
    ['escalated to Hiroshi Tanaka today', 'Hiroshi Tanaka'],
    ['Holder: Zorblax Quintarr, closed', 'Zorblax Quintarr'],
    ['Prof. Okonkwo will review', 'Okonkwo'],
    ["Sarah Jackson's file", 'Sarah Jackson'],
    ['Hello Aisha, thanks', 'Aisha'],
    ['met Chloé Dubois there', 'Chloé Dubois'],
    ['Jean-Luc Picard said', 'Jean-Luc Picard'],
    ['composer Ludwig van Beethoven wrote', 'Ludwig van Beethoven'],
    ['Zorblax Quintarr <zq@example.org> wrote', 'Zorblax Quintarr'],
    ['The ticket was reassigned to Thandeka Mbeki on Tuesday.', 'Thandeka Mbeki'],
    ['Nizhoni Begay called about the refund.', 'Nizhoni Begay'],
    ['Approved by Hye-jin Park.', 'Hye-jin Park'],
    ['Notes from Tanaka Hiroshi attached', 'Tanaka Hiroshi'],
    ['Sarah Price joined', 'Sarah Price'],
    ['signed by J. R. Okonkwo today', 'J. R. Okonkwo'],
  ])('%s', (text, name) => {
    expect(found(text, ['PERSON'])).toEqual([[name, 'PERSON']]);
  });
  it('does not take capitalised common words, months or places for names', () => {
    const text =
      'Whatever happens, Summer Sale ends Monday. Mark the form as Done. Contact Customer Support in New York on June 5. Will Start soon. Dear Customer, ' +
      'the Machine Learning Platform moved to Visual Studio Code; Penny Lane and Buenos Aires are on the Quarterly Business Review.';
    expect(found(text, ['PERSON'])).toEqual([]);
  });
  it('accepts extra name lists', () => {
    // Two ordinary English words are not a name ...
    const text = 'yesterday Rally Tower approved it';
    expect(found(text, ['PERSON'])).toEqual([]);
    // ... unless the lists say so.
    const custom = new Analyzer({ recognizers: [personRecognizer({ extraGivenNames: ['Rally'], extraSurnames: ['Tower'] })] });
    expect(custom.analyze(text).map((r) => text.slice(r.start, r.end))).toEqual(['Rally Tower']);
  });
});
