import { describe } from '../internal/describe.js';
import type { Operator } from './operator.js';

/**
 * Options of {@link mask} (Presidio: `masking_char`, `chars_to_mask`, `from_end`).
 *
 * @example
 * const opts: MaskOptions = { maskingChar: '#', charsToMask: 4, fromEnd: true };
 */
export interface MaskOptions {
  /** One character (code point); default `*`. */
  maskingChar?: string;
  /** How many characters to mask; default all. More than the value's length masks it all. */
  charsToMask?: number;
  /** Mask the last characters instead of the first. */
  fromEnd?: boolean;
}

/**
 * Masks characters of the value, counting Unicode code points (an emoji is one character).
 *
 * @example
 * await mask({ charsToMask: 7, fromEnd: true }).apply('944-865-1683', { entityType: 'PHONE_NUMBER' }); // '944-8*******'
 * await mask({ maskingChar: '#', charsToMask: 3 }).apply('Sarah', { entityType: 'PERSON' }); // '###ah'
 */
export function mask(options: MaskOptions = {}): Operator {
  if (!options || typeof options !== 'object') throw new Error(`mask: options must be an object, got ${describe(options)}`);
  const maskingChar = options.maskingChar ?? '*';
  if (typeof maskingChar !== 'string' || [...maskingChar].length !== 1) {
    throw new Error(`mask: maskingChar must be exactly one character, got ${describe(maskingChar)}`);
  }
  const charsToMask = options.charsToMask ?? Number.POSITIVE_INFINITY;
  if (typeof charsToMask !== 'number' || !(charsToMask >= 0) || (Number.isFinite(charsToMask) && !Number.isInteger(charsToMask))) {
    throw new Error(`mask: charsToMask must be a non-negative integer, got ${describe(charsToMask)}`);
  }
  const fromEnd = options.fromEnd ?? false;
  if (typeof fromEnd !== 'boolean') throw new Error(`mask: fromEnd must be a boolean, got ${describe(fromEnd)}`);
  return {
    name: 'mask',
    apply(value) {
      const chars = [...value];
      const n = Math.min(chars.length, charsToMask);
      const from = fromEnd ? chars.length - n : 0;
      for (let i = from; i < from + n; i++) chars[i] = maskingChar;
      return chars.join('');
    },
  };
}
