import type { RecognizerResult } from '../types.js';

/**
 * A detector for one or more entity types. `analyze` returns every candidate it finds for the
 * requested entity types; the {@link Analyzer} applies context words, the score threshold and
 * overlap resolution afterwards.
 *
 * @example
 * const shouting: Recognizer = {
 *   name: 'ShoutRecognizer',
 *   supportedEntities: ['SHOUT'],
 *   analyze: (text) => [...text.matchAll(/\b[A-Z]{5,}\b/g)].map((m) => ({
 *     entityType: 'SHOUT', start: m.index, end: m.index + m[0].length, score: 0.5, recognizer: 'ShoutRecognizer',
 *   })),
 * };
 */
export interface Recognizer {
  /** Name reported in every result (Presidio's recognizer name). */
  readonly name: string;
  /** Entity types this recognizer can return. */
  readonly supportedEntities: readonly string[];
  /**
   * Context words: when one appears among the few words before a result, the analyzer raises that
   * result's score (Presidio's context-aware enhancement).
   */
  readonly context?: readonly string[];
  /** Finds candidates in `text`; `entities` holds the requested types (a subset of `supportedEntities`). */
  analyze(text: string, entities: ReadonlySet<string>): RecognizerResult[];
}

/** Boundary classes shared by the built-in recognizers: a "word character" in any script. */
export const WORD_CHAR = String.raw`\p{L}\p{M}\p{N}_`;
