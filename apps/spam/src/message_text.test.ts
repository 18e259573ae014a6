import { describe, expect, it } from 'vitest';
import { modelText } from './message_text.js';

describe('modelText', () => {
  it('keeps From and Subject, drops routing headers, keeps the body', () => {
    const raw = 'Received: from mx.example.net ([10.1.2.3])\nFrom: Jo Bloggs <jo@example.org>\nSubject: Lunch\nMessage-Id: <abc@host>\n\nSee you at noon.\n';
    expect(modelText(raw)).toBe('From: Jo Bloggs <jo@example.org>\nSubject: Lunch\n\nSee you at noon.');
  });

  it('joins folded headers and decodes RFC 2047 words', () => {
    const raw = 'Subject: =?iso-8859-1?Q?Caf=E9?=\n  menu\nFrom: a@b.example\n\nbody';
    expect(modelText(raw)).toBe('From: a@b.example\nSubject: Café menu\n\nbody');
  });

  it('decodes quoted-printable and base64 bodies', () => {
    const qp = 'Content-Transfer-Encoding: quoted-printable\nSubject: x\n\nso=\nft caf=E9';
    expect(modelText(qp).split('\n\n')[1]).toBe('soft café');
    const b64 = `Content-Type: text/plain\nContent-Transfer-Encoding: base64\nSubject: y\n\n${Buffer.from('hello world').toString('base64')}`;
    expect(modelText(b64).split('\n\n')[1]).toBe('hello world');
  });

  it('reduces HTML to its text', () => {
    const raw = 'Content-Type: text/html\nSubject: z\n\n<html><style>p{color:red}</style><body><p>Buy&nbsp;<b>now</b> &amp; save</p></body></html>';
    expect(modelText(raw).split('\n\n')[1]).toBe('Buy now & save');
  });

  it('cuts the body to the given length and copes with a message without a body', () => {
    expect(modelText('Subject: s\n\n' + 'a'.repeat(50), 10).split('\n\n')[1]).toBe('a'.repeat(10));
    expect(modelText('Subject: only headers')).toBe('From: \nSubject: only headers\n\n');
  });
});
