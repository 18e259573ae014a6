import { describe } from '../../internal/describe.js';
import { SUPPRESSED, checkLevel, type Hierarchy } from './hierarchy.js';

/**
 * Masks trailing characters one more per level (ZIP codes, phone prefixes): with `maxMasked` 3,
 * `81675` becomes `81675`, `8167*`, `816**`, `81***`, `*`.
 *
 * @example
 * const zip = prefixMaskHierarchy({ maxMasked: 3 });
 * zip.generalize('81675', 2); // '816**'
 */
export function prefixMaskHierarchy(options: { maxMasked: number; maskChar?: string }): Hierarchy {
  if (!options || typeof options !== 'object') throw new Error(`prefixMaskHierarchy: options must be an object with maxMasked, got ${describe(options)}`);
  const { maxMasked } = options;
  const maskChar = options.maskChar ?? '*';
  if (!Number.isInteger(maxMasked) || maxMasked < 1) throw new Error(`prefixMaskHierarchy: maxMasked must be an integer >= 1, got ${describe(maxMasked)}`);
  if (typeof maskChar !== 'string' || [...maskChar].length !== 1) throw new Error(`prefixMaskHierarchy: maskChar must be one character, got ${describe(maskChar)}`);
  const levels = maxMasked + 1;
  return {
    kind: 'prefix_mask',
    levels,
    generalize(value, level) {
      checkLevel('prefixMaskHierarchy', level, levels);
      if (level === levels) return SUPPRESSED;
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new Error(`prefixMaskHierarchy: value must be a string or number, got ${describe(value)}`);
      }
      const chars = [...String(value)];
      const n = Math.min(level, chars.length);
      for (let i = chars.length - n; i < chars.length; i++) chars[i] = maskChar;
      return chars.join('');
    },
  };
}
