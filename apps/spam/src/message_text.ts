/**
 * What the classifier reads from a raw e-mail: the sender, the subject and the start of the body.
 * Routing headers (Received, Message-Id, Return-Path ...) are dropped before anything else
 * happens: they are mostly addresses and hosts the model does not need (data minimisation), and
 * keeping them would let a model learn the corpus' mail servers instead of the messages.
 */

/** Characters of body text kept per message (the models read the first tokens only). */
export const BODY_CHARS = 2000;

/** Splits a message into its header block and body (RFC 5322: the first empty line). */
function splitMessage(text: string): { headers: string; body: string } {
  const normalized = text.replace(/\r\n/g, '\n');
  const at = normalized.indexOf('\n\n');
  return at < 0 ? { headers: normalized, body: '' } : { headers: normalized.slice(0, at), body: normalized.slice(at + 2) };
}

/** The value of one header (folded lines joined), or '' when absent. */
function header(headers: string, name: string): string {
  const re = new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'im');
  const m = re.exec(headers);
  return m ? m[1]!.replace(/\n[ \t]+/g, ' ').trim() : '';
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`) in a header value. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
    try {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(decodeQuotedPrintable(data.replace(/_/g, ' ')), 'latin1');
      return bytes.toString('latin1');
    } catch {
      return data;
    }
  });
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reduces HTML to its text: drops style/script blocks, comments and tags, decodes common entities. */
function htmlToText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(#\d{1,5}|[a-z]{2,6});/gi, (m, e: string) => {
      if (e.startsWith('#')) return String.fromCharCode(Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/**
 * The text a classifier sees for one raw message: `From:` and `Subject:` lines, then the body
 * decoded (quoted-printable or base64 at the top level), HTML reduced to text, whitespace
 * collapsed, cut to {@link BODY_CHARS}. It still holds personal data: anonymize it next.
 *
 * @example
 * ```ts
 * modelText('From: Jo <jo@example.org>\nSubject: Hi\nReceived: x\n\n<p>Lunch?</p>');
 * // 'From: Jo <jo@example.org>\nSubject: Hi\n\nLunch?'
 * ```
 */
export function modelText(raw: string, bodyChars = BODY_CHARS): string {
  if (typeof raw !== 'string') throw new Error(`modelText: raw must be the message text (a string), got ${typeof raw}`);
  const { headers, body } = splitMessage(raw);
  const encoding = header(headers, 'Content-Transfer-Encoding').toLowerCase();
  const type = header(headers, 'Content-Type').toLowerCase();
  let text = body;
  if (encoding.includes('quoted-printable')) text = decodeQuotedPrintable(text);
  else if (encoding.includes('base64') && (type === '' || type.startsWith('text/'))) {
    text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1');
  }
  if (type.includes('html') || /<(html|body|table|font|div|p|br)\b/i.test(text.slice(0, 5000))) text = htmlToText(text);
  text = text.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim().slice(0, bodyChars);
  const from = decodeWords(header(headers, 'From')).slice(0, 200);
  const subject = decodeWords(header(headers, 'Subject')).slice(0, 300);
  return `From: ${from}\nSubject: ${subject}\n\n${text}`;
}
