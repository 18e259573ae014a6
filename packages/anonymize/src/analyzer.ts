import { resolveConflicts, removeDuplicates, type ConflictResolution } from './conflict_resolution.js';
import { checkRange, describe } from './internal/describe.js';
import { enhanceWithContext, type ContextOptions } from './recognizers/context.js';
import { creditCardRecognizer } from './recognizers/credit_card.js';
import { dateTimeRecognizer } from './recognizers/date_time.js';
import { emailRecognizer } from './recognizers/email.js';
import { ibanRecognizer } from './recognizers/iban.js';
import { ipRecognizer } from './recognizers/ip_address.js';
import { personRecognizer } from './recognizers/person.js';
import { phoneRecognizer } from './recognizers/phone.js';
import type { Recognizer } from './recognizers/recognizer.js';
import { urlRecognizer } from './recognizers/url.js';
import { usSsnRecognizer } from './recognizers/us_ssn.js';
import type { RecognizerResult } from './types.js';

/**
 * The built-in recognizers: EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS, CREDIT_CARD, IBAN_CODE,
 * US_SSN, URL, DATE_TIME and PERSON. Fresh instances on every call.
 *
 * @example
 * defaultRecognizers().map((r) => r.name); // ['EmailRecognizer', 'PhoneRecognizer', ...]
 */
export function defaultRecognizers(): Recognizer[] {
  return [
    emailRecognizer(),
    phoneRecognizer(),
    ipRecognizer(),
    creditCardRecognizer(),
    ibanRecognizer(),
    usSsnRecognizer(),
    urlRecognizer(),
    dateTimeRecognizer(),
    personRecognizer(),
  ];
}

/**
 * Options of {@link Analyzer}.
 *
 * @example
 * const opts: AnalyzerOptions = { scoreThreshold: 0.5, extraRecognizers: [] };
 */
export interface AnalyzerOptions {
  /** Replaces the built-in recognizers. */
  recognizers?: readonly Recognizer[];
  /** Added to the built-in (or given) recognizers. */
  extraRecognizers?: readonly Recognizer[];
  /** Results scoring below this are dropped (after context enhancement). Default 0.35. */
  scoreThreshold?: number;
  /** Overlap resolution; default `exclusive` (no two results overlap). */
  conflictResolution?: ConflictResolution;
  /** Context enhancement parameters (Presidio's defaults). */
  context?: ContextOptions;
}

/**
 * Per-call options of {@link Analyzer.analyze}.
 *
 * @example
 * const opts: AnalyzeOptions = { entities: ['EMAIL_ADDRESS'], allowList: ['support@example.com'] };
 */
export interface AnalyzeOptions {
  /** Only these entity types (default: every type the recognizers support). */
  entities?: readonly string[];
  /** Overrides the analyzer's threshold for this call. */
  scoreThreshold?: number;
  /**
   * Overrides the analyzer's overlap resolution; `none` returns every result above the threshold
   * after Presidio's analyzer-side duplicate removal only (same-type contained results).
   */
  conflictResolution?: ConflictResolution | 'none';
  /** Exact matched texts never reported (Presidio's `allow_list`), e.g. a public support address. */
  allowList?: readonly string[];
}

const DEFAULT_THRESHOLD = 0.35;

/**
 * The text analyzer: runs recognizers, raises scores next to context words, drops low scores and
 * resolves overlaps (Presidio's `AnalyzerEngine`). Pure and synchronous; no tensors, no network.
 *
 * @example
 * const analyzer = new Analyzer();
 * analyzer.analyze('Mail jo@example.org or call (333) 956-4056.');
 * // [{ entityType: 'EMAIL_ADDRESS', start: 5, end: 19, ... }, { entityType: 'PHONE_NUMBER', start: 28, end: 42, ... }]
 */
export class Analyzer {
  private readonly list: Recognizer[];
  private readonly threshold: number;
  private readonly strategy: ConflictResolution;
  private readonly contextOptions: ContextOptions;
  private supportedCache: string[] | undefined;

  constructor(options: AnalyzerOptions = {}) {
    if (!options || typeof options !== 'object') throw new Error(`Analyzer: options must be an object, got ${describe(options)}`);
    const base = options.recognizers ?? defaultRecognizers();
    const extra = options.extraRecognizers ?? [];
    if (!Array.isArray(base)) throw new Error(`Analyzer: recognizers must be an array, got ${describe(base)}`);
    if (!Array.isArray(extra)) throw new Error(`Analyzer: extraRecognizers must be an array, got ${describe(extra)}`);
    this.list = [];
    for (const r of [...base, ...extra]) this.addRecognizer(r);
    this.threshold = checkRange('Analyzer: scoreThreshold', options.scoreThreshold ?? DEFAULT_THRESHOLD, 0, 1);
    this.strategy = options.conflictResolution ?? 'exclusive';
    if (!['merge_similar_or_contained', 'remove_intersections', 'exclusive'].includes(this.strategy)) {
      throw new Error(`Analyzer: conflictResolution must be merge_similar_or_contained, remove_intersections or exclusive, got ${describe(this.strategy)}`);
    }
    this.contextOptions = options.context ?? {};
  }

  /** The registered recognizers, in order. */
  get recognizers(): readonly Recognizer[] {
    return [...this.list];
  }

  /** Entity types some recognizer supports. */
  get supportedEntities(): string[] {
    this.supportedCache ??= [...new Set(this.list.flatMap((r) => r.supportedEntities))];
    return [...this.supportedCache];
  }

  /** Registers a recognizer; its name must be unique. */
  addRecognizer(recognizer: Recognizer): void {
    if (!recognizer || typeof recognizer !== 'object' || typeof recognizer.analyze !== 'function') {
      throw new Error(`Analyzer.addRecognizer: recognizer must have an analyze function, got ${describe(recognizer)}`);
    }
    if (typeof recognizer.name !== 'string' || recognizer.name.length === 0) {
      throw new Error(`Analyzer.addRecognizer: recognizer.name must be a non-empty string, got ${describe(recognizer.name)}`);
    }
    if (!Array.isArray(recognizer.supportedEntities) || recognizer.supportedEntities.length === 0) {
      throw new Error(`Analyzer.addRecognizer: recognizer.supportedEntities of '${recognizer.name}' must be a non-empty array`);
    }
    if (this.list.some((r) => r.name === recognizer.name)) {
      throw new Error(`Analyzer.addRecognizer: a recognizer named '${recognizer.name}' is already registered`);
    }
    this.list.push(recognizer);
    this.supportedCache = undefined;
  }

  /** Removes the recognizer with this name; returns whether one was removed. */
  removeRecognizer(name: string): boolean {
    const i = this.list.findIndex((r) => r.name === name);
    if (i < 0) return false;
    this.list.splice(i, 1);
    this.supportedCache = undefined;
    return true;
  }

  private readonly allSets = new WeakMap<Recognizer, ReadonlySet<string>>();

  private allOf(recognizer: Recognizer): ReadonlySet<string> {
    let set = this.allSets.get(recognizer);
    if (!set) {
      set = new Set(recognizer.supportedEntities);
      this.allSets.set(recognizer, set);
    }
    return set;
  }

  /** Finds PII in `text`; results are sorted by start. */
  analyze(text: string, options: AnalyzeOptions = {}): RecognizerResult[] {
    if (typeof text !== 'string') throw new Error(`analyze: text must be a string, got ${describe(text)}`);
    if (!options || typeof options !== 'object') throw new Error(`analyze: options must be an object, got ${describe(options)}`);
    this.supportedCache ??= [...new Set(this.list.flatMap((r) => r.supportedEntities))];
    const supported = this.supportedCache;
    let requested: Set<string> | undefined;
    if (options.entities !== undefined) {
      if (!Array.isArray(options.entities)) throw new Error(`analyze: entities must be an array of strings, got ${describe(options.entities)}`);
      for (const e of options.entities) {
        if (!supported.includes(e)) {
          throw new Error(`analyze: entities contains '${String(e)}', which no recognizer supports (supported: ${supported.join(', ')})`);
        }
      }
      requested = new Set(options.entities);
    }
    const threshold = checkRange('analyze: scoreThreshold', options.scoreThreshold ?? this.threshold, 0, 1);
    const strategy = options.conflictResolution ?? this.strategy;
    const allow = new Set(options.allowList ?? []);

    let results: RecognizerResult[] = [];
    for (const recognizer of this.list) {
      const wanted = requested ? new Set(recognizer.supportedEntities.filter((e) => requested.has(e))) : this.allOf(recognizer);
      if (wanted.size === 0) continue;
      let found = recognizer.analyze(text, wanted);
      if (found.some((r) => !wanted.has(r.entityType))) found = found.filter((r) => wanted.has(r.entityType));
      const context = recognizer.context ?? [];
      const enhanced = context.length > 0 ? enhanceWithContext(text, found, context, this.contextOptions) : found;
      // No push(...spread): a long text can yield more results than the call stack takes arguments.
      for (const r of enhanced) results.push(r);
    }
    results = results.filter((r) => r.score >= threshold && r.end > r.start);
    if (allow.size > 0) results = results.filter((r) => !allow.has(text.slice(r.start, r.end)));
    if (strategy === 'none') return removeDuplicates(results).sort((a, b) => a.start - b.start || a.end - b.end);
    return resolveConflicts(results, strategy);
  }
}

let defaultAnalyzer: Analyzer | undefined;

/**
 * Analyzes `text` with a shared default {@link Analyzer}.
 *
 * @example
 * analyze('SSN 609-64-9502'); // [{ entityType: 'US_SSN', start: 4, end: 15, score: 0.85, recognizer: 'UsSsnRecognizer' }]
 */
export function analyze(text: string, options: AnalyzeOptions = {}): RecognizerResult[] {
  defaultAnalyzer ??= new Analyzer();
  return defaultAnalyzer.analyze(text, options);
}
