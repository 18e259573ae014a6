/**
 * Anonymization of every message before anything else sees it, with `@tessera/anonymize`:
 * e-mail addresses, names, phone numbers, IP addresses and URLs become keyed pseudonyms
 * (`<EMAIL_ADDRESS_3f9a0c1b2d4e5f60>`: the same sender always gets the same token, so senders
 * stay distinguishable, but a token says nothing about its value without the key); card numbers,
 * SSNs, IBANs and long digit runs are replaced by their type. Only counts leave this module.
 */
import {
  Analyzer,
  PatternRecognizer,
  anonymize,
  emptyReport,
  mergeReports,
  pseudonymize,
  replace,
  type AnonymizationReport,
  type Operator,
  type OperatorMap,
} from '@tessera/anonymize';
import { modelText } from './message_text.js';
import type { RawMessage } from './corpus.js';
import type { PseudonymKey } from './secret_key.js';

/** A message ready for tokenizing: no personal data left in `text`. */
export interface CleanMessage {
  id: string;
  label: 0 | 1;
  /** SHA-256 of the raw message (for erasure requests); not of `text`. */
  sha256: string;
  text: string;
}

/** Entity types replaced by keyed pseudonyms. */
export const PSEUDONYMIZED = ['EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER', 'IP_ADDRESS', 'URL'] as const;
/** Entity types replaced by their type name only. */
export const REPLACED = ['CREDIT_CARD', 'US_SSN', 'IBAN_CODE', 'LONG_NUMBER'] as const;

/**
 * Digit runs of 7 or more digits (with spaces, dots, dashes or parentheses between them) that the
 * phone recognizer scored too low to report without a context word: order numbers, fax numbers,
 * phone numbers in unusual formats. None of them helps tell spam from ham, and any of them may be
 * a phone number, so they go too.
 */
const longNumbers = new PatternRecognizer({
  supportedEntity: 'LONG_NUMBER',
  patterns: [{ name: 'digit run', regex: /(?<![\w.])\+?\(?\d(?:[\d\s().-]{0,3}\d){6,}(?![\w])/g, score: 0.5 }],
});

/** The analyzer the app uses: the default recognizers plus long digit runs. */
export function buildAnalyzer(): Analyzer {
  return new Analyzer({ extraRecognizers: [longNumbers] });
}

/** Operators per entity type: keyed pseudonyms or type names. */
export function buildOperators(key: PseudonymKey): OperatorMap {
  const p = pseudonymize({ key: key.bytes });
  const ops: Record<string, Operator> = {};
  for (const t of PSEUDONYMIZED) ops[t] = p;
  for (const t of REPLACED) ops[t] = replace({ newValue: t === 'LONG_NUMBER' ? '<NUMBER>' : `<${t}>` });
  return ops;
}

/**
 * Turns raw messages into anonymized model texts and counts what was removed (by type, never the
 * values). Dates are kept: they are not identifying here and the analyzer is not asked for them.
 *
 * @example
 * ```ts
 * const { messages, report } = await anonymizeMessages(raw, key);
 * report.byEntityType.EMAIL_ADDRESS; // how many addresses were pseudonymized
 * ```
 */
export async function anonymizeMessages(raw: readonly RawMessage[], key: PseudonymKey): Promise<{ messages: CleanMessage[]; report: AnonymizationReport; messagesWithPii: number }> {
  const analyzer = buildAnalyzer();
  const operators = buildOperators(key);
  const entities = [...PSEUDONYMIZED, ...REPLACED];
  let report = emptyReport();
  let messagesWithPii = 0;
  const messages: CleanMessage[] = [];
  for (const m of raw) {
    const text = modelText(m.text);
    const results = analyzer.analyze(text, { entities });
    const out = await anonymize(text, results, { operators });
    if (out.report.total > 0) messagesWithPii++;
    report = mergeReports(report, out.report);
    messages.push({ id: m.id, label: m.label, sha256: m.sha256, text: out.text });
  }
  return { messages, report, messagesWithPii };
}
