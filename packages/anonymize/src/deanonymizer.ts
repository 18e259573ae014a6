import type { AnonymizedItem } from './anonymizer.js';
import { describe } from './internal/describe.js';
import { decryptValue } from './operators/encrypt.js';
import type { KeyInput } from './operators/keys.js';

/**
 * Output of {@link deanonymize}: the restored text and the items with their new positions.
 *
 * @example
 * const r: DeanonymizeResult = { text: 'SSN 609-64-9502', items: [] };
 */
export interface DeanonymizeResult {
  text: string;
  items: AnonymizedItem[];
}

/**
 * Reverses the reversible operators (Presidio's `DeanonymizeEngine` with `decrypt`): every item
 * made by `encrypt` is decrypted with `key`; other items stay as they are. Items must describe
 * `text` exactly (as returned by `anonymize`); a wrong key or tampered ciphertext throws.
 *
 * @example
 * const key = generateKey();
 * const a = await anonymizeText('Mail jo@example.org', { operators: { DEFAULT: encrypt({ key }) } });
 * (await deanonymize(a.text, a.items, { key })).text; // 'Mail jo@example.org'
 */
export async function deanonymize(
  text: string,
  items: readonly AnonymizedItem[],
  options: { key: KeyInput },
): Promise<DeanonymizeResult> {
  if (typeof text !== 'string') throw new Error(`deanonymize: text must be a string, got ${describe(text)}`);
  if (!Array.isArray(items)) throw new Error(`deanonymize: items must be an array, got ${describe(items)}`);
  if (!options || typeof options !== 'object' || options.key === undefined) throw new Error('deanonymize: options.key is required');
  const sorted = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.start - b.item.start);
  let prevEnd = 0;
  for (const { item, index } of sorted) {
    if (!item || !Number.isInteger(item.start) || !Number.isInteger(item.end) || item.start < prevEnd || item.end > text.length || item.end < item.start) {
      throw new Error(`deanonymize: items[${index}] has a span outside the text or overlapping another item`);
    }
    if (text.slice(item.start, item.end) !== item.text) {
      throw new Error(`deanonymize: items[${index}] does not match the text at [${item.start}, ${item.end})`);
    }
    prevEnd = item.end;
  }
  let out = '';
  let cursor = 0;
  const restored: AnonymizedItem[] = [];
  for (const { item } of sorted) {
    const value = item.operator === 'encrypt' ? await decryptValue(item.text, options.key) : item.text;
    out += text.slice(cursor, item.start);
    restored.push({ ...item, start: out.length, end: out.length + value.length, text: value, operator: item.operator === 'encrypt' ? 'decrypt' : item.operator });
    out += value;
    cursor = item.end;
  }
  out += text.slice(cursor);
  return { text: out, items: restored };
}
