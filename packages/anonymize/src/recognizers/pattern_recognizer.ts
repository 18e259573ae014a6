import { describe, checkRange } from '../internal/describe.js';
import type { RecognizerResult } from '../types.js';
import { WORD_CHAR, type Recognizer } from './recognizer.js';

/**
 * A named regular expression with the score its matches get (Presidio's `Pattern`).
 * A string regex is compiled with flags `gims` (Presidio's default: case-insensitive,
 * multiline, dot-all); a `RegExp` keeps its own flags. If the regex has a named group `pii`, only
 * that group is reported, so a pattern can require surrounding text without reporting it.
 *
 * @example
 * const employeeId: Pattern = { name: 'employee id', regex: /\bEMP-\d{6}\b/, score: 0.6 };
 */
export interface Pattern {
  name: string;
  regex: RegExp | string;
  score: number;
}

/**
 * Options of {@link PatternRecognizer}: patterns and/or a deny list, context words, and optional
 * checksum hooks.
 *
 * @example
 * const opts: PatternRecognizerOptions = { supportedEntity: 'TITLE', denyList: ['Mr', 'Mrs'] };
 */
export interface PatternRecognizerOptions {
  /** Entity type of every result. */
  supportedEntity: string;
  /** Recognizer name in results; defaults to `${supportedEntity}Recognizer`-style `PatternRecognizer:<entity>`. */
  name?: string;
  patterns?: readonly Pattern[];
  /** Exact words or phrases (matched case-insensitively on word boundaries) that are always this entity. */
  denyList?: readonly string[];
  /** Score of deny-list matches (Presidio: 1.0). */
  denyListScore?: number;
  /** Context words that raise the score when found shortly before a match. */
  context?: readonly string[];
  /**
   * Checksum hook: `true` sets the score to 1, `false` drops the match, `undefined` keeps the
   * pattern's score (Presidio's `validate_result`).
   */
  validate?: (match: string) => boolean | undefined;
  /** Drops a match when it returns true (Presidio's `invalidate_result`). */
  invalidate?: (match: string) => boolean;
}

interface CompiledPattern {
  name: string;
  regex: RegExp;
  score: number;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(p: Pattern, index: number): CompiledPattern {
  if (!p || typeof p !== 'object') throw new Error(`PatternRecognizer: patterns[${index}] must be an object, got ${describe(p)}`);
  if (typeof p.name !== 'string') throw new Error(`PatternRecognizer: patterns[${index}].name must be a string, got ${describe(p.name)}`);
  checkRange(`PatternRecognizer: patterns[${index}].score`, p.score, 0, 1);
  let regex: RegExp;
  if (typeof p.regex === 'string') {
    try {
      regex = new RegExp(p.regex, 'gims');
    } catch (e) {
      throw new Error(`PatternRecognizer: patterns[${index}].regex is not a valid regular expression (${(e as Error).message})`, { cause: e });
    }
  } else if (p.regex instanceof RegExp) {
    const flags = new Set(p.regex.flags);
    flags.add('g');
    flags.delete('y');
    regex = new RegExp(p.regex.source, [...flags].join(''));
  } else {
    throw new Error(`PatternRecognizer: patterns[${index}].regex must be a RegExp or a string, got ${describe(p.regex)}`);
  }
  if (/\(\?<pii>/.test(regex.source) && !regex.flags.includes('d')) regex = new RegExp(regex.source, regex.flags + 'd');
  return { name: p.name, regex, score: p.score };
}

/**
 * A recognizer built from regular expressions and/or a deny list, with optional context words and
 * checksum hooks: Presidio's `PatternRecognizer`. Keep user regexes free of nested unbounded
 * quantifiers (`(a+)+`): JavaScript regexes backtrack, and the analyzer's linear-time guarantee
 * covers the built-in recognizers only.
 *
 * @example
 * const employees = new PatternRecognizer({
 *   supportedEntity: 'EMPLOYEE_ID',
 *   patterns: [{ name: 'emp', regex: /\bEMP-\d{6}\b/, score: 0.4 }],
 *   context: ['employee', 'staff'],
 * });
 * const analyzer = new Analyzer({ extraRecognizers: [employees] });
 * analyzer.analyze('staff member EMP-123456 left');
 * // [{ entityType: 'EMPLOYEE_ID', start: 13, end: 23, score: 0.75, recognizer: 'PatternRecognizer:EMPLOYEE_ID' }]
 */
export class PatternRecognizer implements Recognizer {
  readonly name: string;
  readonly supportedEntities: readonly string[];
  readonly context: readonly string[];
  private readonly patterns: CompiledPattern[];
  private readonly validate?: (match: string) => boolean | undefined;
  private readonly invalidate?: (match: string) => boolean;

  constructor(options: PatternRecognizerOptions) {
    if (!options || typeof options !== 'object') throw new Error(`PatternRecognizer: options must be an object, got ${describe(options)}`);
    const { supportedEntity } = options;
    if (typeof supportedEntity !== 'string' || supportedEntity.length === 0) {
      throw new Error(`PatternRecognizer: supportedEntity must be a non-empty string, got ${describe(supportedEntity)}`);
    }
    const patterns = options.patterns ?? [];
    if (!Array.isArray(patterns)) throw new Error(`PatternRecognizer: patterns must be an array, got ${describe(patterns)}`);
    const denyList = options.denyList ?? [];
    if (!Array.isArray(denyList) || denyList.some((w) => typeof w !== 'string' || w.length === 0)) {
      throw new Error(`PatternRecognizer: denyList must be an array of non-empty strings, got ${describe(denyList)}`);
    }
    if (patterns.length === 0 && denyList.length === 0) {
      throw new Error('PatternRecognizer: give at least one of patterns or denyList (both are empty)');
    }
    const context = options.context ?? [];
    if (!Array.isArray(context) || context.some((w) => typeof w !== 'string')) {
      throw new Error(`PatternRecognizer: context must be an array of strings, got ${describe(context)}`);
    }
    this.name = options.name ?? `PatternRecognizer:${supportedEntity}`;
    this.supportedEntities = [supportedEntity];
    this.context = context.map((w) => w.toLowerCase());
    this.patterns = patterns.map(compile);
    if (denyList.length > 0) {
      const score = options.denyListScore ?? 1;
      checkRange('PatternRecognizer: denyListScore', score, 0, 1);
      // Longest first so that "New York City" wins over "New York" at the same position.
      const alternatives = [...denyList].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
      this.patterns.push({
        name: 'deny_list',
        regex: new RegExp(`(?<![${WORD_CHAR}])(?:${alternatives})(?![${WORD_CHAR}])`, 'giu'),
        score,
      });
    }
    if (options.validate !== undefined && typeof options.validate !== 'function') {
      throw new Error(`PatternRecognizer: validate must be a function, got ${describe(options.validate)}`);
    }
    if (options.invalidate !== undefined && typeof options.invalidate !== 'function') {
      throw new Error(`PatternRecognizer: invalidate must be a function, got ${describe(options.invalidate)}`);
    }
    if (options.validate) this.validate = options.validate;
    if (options.invalidate) this.invalidate = options.invalidate;
  }

  analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[] {
    const entityType = this.supportedEntities[0]!;
    if (!entities.has(entityType)) return [];
    const out: RecognizerResult[] = [];
    for (const p of this.patterns) {
      p.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = p.regex.exec(text)) !== null) {
        if (m[0].length === 0) {
          p.regex.lastIndex++;
          continue;
        }
        let start = m.index;
        let end = m.index + m[0].length;
        const group = m.indices?.groups?.['pii'];
        if (group) [start, end] = group;
        if (end <= start) continue;
        const matched = text.slice(start, end);
        let score = p.score;
        if (this.validate) {
          const v = this.validate(matched);
          if (v === true) score = 1;
          else if (v === false) continue;
        }
        if (this.invalidate?.(matched)) continue;
        if (score <= 0) continue;
        out.push({ entityType, start, end, score, recognizer: this.name });
      }
    }
    return out;
  }
}
