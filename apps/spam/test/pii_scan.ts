// An independent PII check for the run folder: it finds e-mail addresses, IPv4 addresses and
// phone numbers in the raw corpus with its own regular expressions (not the anonymizer's
// recognizers, which it is checking) and looks for every one of them in every file written.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
// North American and international numbers with separators, and bare 10-11 digit runs.
const PHONE = [
  /(?<![\w+])(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}(?!\w)/g,
  /(?<![\w+])\+\d{1,3}[-.\s]?\(?\d{1,4}\)?(?:[-.\s]?\d{2,4}){2,4}(?!\w)/g,
  /(?<![\w+])\d{10,11}(?!\w)/g,
];

/** The PII strings of the corpus, by kind. */
export interface PiiNeedles {
  email: Set<string>;
  ip: Set<string>;
  phone: Set<string>;
}

/**
 * Extracts e-mail addresses, IPv4 addresses (octets <= 255) and phone-like numbers (at least 7 digits) from texts.
 */
export function extractPii(texts: Iterable<string>): PiiNeedles {
  const out: PiiNeedles = { email: new Set(), ip: new Set(), phone: new Set() };
  for (const t of texts) {
    for (const m of t.match(EMAIL) ?? []) out.email.add(m.toLowerCase());
    for (const m of t.match(IPV4) ?? []) if (m.split('.').every((o) => Number(o) <= 255)) out.ip.add(m);
    for (const re of PHONE) for (const m of t.match(re) ?? []) if ((m.match(/\d/g) ?? []).length >= 7) out.phone.add(m.trim());
  }
  return out;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Where `needle` occurs in `hay` not as part of a longer run of letters or digits. */
function occurs(hay: string, needle: string): boolean {
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1] ?? ' ';
    const after = hay[at + needle.length] ?? ' ';
    if (!/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after)) return true;
  }
  return false;
}

/**
 * Scans every file under `dir` (read as Latin-1, so binary files are covered too) for the
 * needles; returns `file: kind` for each hit (never the value itself, which is PII).
 */
export function scanForPii(dir: string, needles: PiiNeedles): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file).toString('latin1');
    const lower = text.toLowerCase();
    for (const e of needles.email) if (occurs(lower, e)) hits.push(`${file}: an e-mail address of the corpus`);
    for (const ip of needles.ip) if (occurs(text, ip)) hits.push(`${file}: an IP address of the corpus`);
    for (const p of needles.phone) if (occurs(text, p)) hits.push(`${file}: a phone number of the corpus`);
    // Whatever the corpus holds, no text file may hold anything shaped like an address (weights
    // files are left out: random bytes can spell a short one).
    if (!file.endsWith('.safetensors') && (text.match(EMAIL) ?? []).length > 0) hits.push(`${file}: something shaped like an e-mail address`);
  }
  return hits;
}
