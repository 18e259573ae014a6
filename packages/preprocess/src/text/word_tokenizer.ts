import { describe } from '../random_source.js';
import { checkJSON, type TransformerJSON } from '../tabular/transformer.js';
import { padSequences, type EncodedBatch, type PaddingOptions } from './padding.js';

/**
 * Options for {@link WordTokenizer}.
 *
 * @example
 * ```ts
 * new WordTokenizer({ minCount: 2, maxSize: 20_000, specialTokens: ['[CLS]'] });
 * ```
 */
export interface WordTokenizerOptions {
  /** Lower-case text before splitting. Default true. */
  lowercase?: boolean;
  /** Minimum corpus count for a word to enter the vocabulary. Default 1. */
  minCount?: number;
  /** Vocabulary size cap, reserved tokens included. Default: no cap. */
  maxSize?: number;
  /** Padding token (id 0). Default `'[PAD]'`. */
  padToken?: string;
  /** Out-of-vocabulary token (id 1). Default `'[UNK]'`. */
  unkToken?: string;
  /** More reserved tokens, ids 2, 3, ... (e.g. `['[CLS]', '[SEP]']`). */
  specialTokens?: readonly string[];
}

// Words (letters, marks and digits, with inner apostrophes) or single punctuation characters.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

function compareWords(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A word-level tokenizer with a vocabulary built from a corpus: reserved tokens first
 * (pad = 0, unk = 1, then `specialTokens`), then words by descending count (ties in
 * alphabetical order, so the vocabulary does not depend on corpus order), keeping those
 * seen at least `minCount` times, up to `maxSize` in all. Unknown words map to unk.
 * `decode` joins words with spaces: it is not a lossless inverse (use BpeTokenizer for that).
 *
 * @example
 * ```ts
 * const tok = new WordTokenizer({ minCount: 1, maxSize: 10_000 }).fit(['The cat sat.', 'The dog sat!']);
 * tok.encode('the cat ran');          // [the, cat, [UNK]] as ids
 * tok.encodeBatch(['the cat', 'sat'], { padding: 'max_length', maxLength: 4 });
 * ```
 */
export class WordTokenizer {
  readonly lowercase: boolean;
  readonly minCount: number;
  readonly maxSize: number | undefined;
  readonly padToken: string;
  readonly unkToken: string;
  readonly specialTokens: readonly string[];
  #vocab: string[] | null = null;
  #ids: Map<string, number> | null = null;
  #counts: Map<string, number> = new Map();

  constructor(options: WordTokenizerOptions = {}) {
    const where = 'WordTokenizer';
    this.lowercase = options.lowercase ?? true;
    this.minCount = options.minCount ?? 1;
    this.maxSize = options.maxSize;
    this.padToken = options.padToken ?? '[PAD]';
    this.unkToken = options.unkToken ?? '[UNK]';
    this.specialTokens = [...(options.specialTokens ?? [])];
    if (!Number.isInteger(this.minCount) || this.minCount < 1) throw new Error(`${where}: options.minCount must be an integer >= 1; got ${describe(this.minCount)}`);
    const reserved = this.#reserved();
    if (new Set(reserved).size !== reserved.length) throw new Error(`${where}: padToken, unkToken and specialTokens must all differ`);
    if (reserved.some((t) => typeof t !== 'string' || t.length === 0)) throw new Error(`${where}: reserved tokens must be non-empty strings`);
    if (this.maxSize !== undefined && (!Number.isInteger(this.maxSize) || this.maxSize < reserved.length)) {
      throw new Error(`${where}: options.maxSize must be an integer >= ${reserved.length} (the reserved tokens); got ${describe(this.maxSize)}`);
    }
  }

  #reserved(): string[] {
    return [this.padToken, this.unkToken, ...this.specialTokens];
  }

  get fitted(): boolean {
    return this.#vocab !== null;
  }

  /** Id of the padding token (0). */
  get padId(): number {
    return 0;
  }

  /** Id of the unknown-word token (1). */
  get unkId(): number {
    return 1;
  }

  /** The vocabulary, id order. */
  get vocabulary(): string[] {
    if (this.#vocab === null) throw new Error('WordTokenizer.vocabulary: not fitted yet; call fit(texts) first');
    return [...this.#vocab];
  }

  /** Splits a text into words (after lower-casing when enabled). */
  tokenize(text: string): string[] {
    if (typeof text !== 'string') throw new Error(`WordTokenizer.tokenize: text must be a string; got ${describe(text)}`);
    return (this.lowercase ? text.toLowerCase() : text).match(WORD) ?? [];
  }

  /** Builds the vocabulary from texts (replacing any earlier one). */
  fit(texts: Iterable<string>): this {
    if (texts === null || typeof texts !== 'object' || !(Symbol.iterator in texts)) {
      throw new Error(`WordTokenizer.fit: texts must be an iterable of strings; got ${describe(texts)}`);
    }
    this.#counts = new Map();
    let i = 0;
    for (const t of texts) this.#count(t, i++, 'WordTokenizer.fit');
    return this.#build();
  }

  /**
   * Builds the vocabulary from an async stream of texts (e.g. a Dataset).
   *
   * @example
   * ```ts
   * await tok.fitAsync(fromJsonl('corpus.jsonl').map((d) => d.text));
   * ```
   */
  async fitAsync(texts: AsyncIterable<string> | Iterable<string>): Promise<this> {
    this.#counts = new Map();
    let i = 0;
    for await (const t of texts) this.#count(t, i++, 'WordTokenizer.fitAsync');
    return this.#build();
  }

  #count(text: unknown, i: number, where: string): void {
    if (typeof text !== 'string') throw new Error(`${where}: texts[${i}] must be a string; got ${describe(text)}`);
    for (const w of this.tokenize(text)) this.#counts.set(w, (this.#counts.get(w) ?? 0) + 1);
  }

  #build(): this {
    const reserved = this.#reserved();
    const words = [...this.#counts]
      .filter(([w, c]) => c >= this.minCount && !reserved.includes(w))
      .sort((a, b) => b[1] - a[1] || compareWords(a[0], b[0]))
      .map(([w]) => w);
    const room = this.maxSize === undefined ? words.length : this.maxSize - reserved.length;
    this.#setVocab([...reserved, ...words.slice(0, room)]);
    this.#counts = new Map();
    return this;
  }

  #setVocab(vocab: string[]): void {
    this.#vocab = vocab;
    this.#ids = new Map(vocab.map((w, i) => [w, i]));
  }

  /** Token ids of a text (unknown words become `unkId`). */
  encode(text: string): number[] {
    const ids = this.#ids;
    if (ids === null) throw new Error('WordTokenizer.encode: not fitted yet; call fit(texts) first');
    return this.tokenize(text).map((w) => ids.get(w) ?? 1);
  }

  /**
   * Encodes many texts into one padded batch with attention masks.
   *
   * @example
   * ```ts
   * const b = tok.encodeBatch(texts, { padding: 'max_length', maxLength: 32, truncation: true });
   * ```
   */
  encodeBatch(texts: readonly string[], options: PaddingOptions = {}): EncodedBatch {
    if (!Array.isArray(texts)) throw new Error(`WordTokenizer.encodeBatch: texts must be an array of strings; got ${describe(texts)}`);
    return padSequences(texts.map((t) => this.encode(t)), 0, options);
  }

  /** Words for ids, joined by spaces (pad and special tokens skipped unless asked; unknown words show as `unkToken`). */
  decode(ids: ArrayLike<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    const where = 'WordTokenizer.decode';
    const vocab = this.#vocab;
    if (vocab === null) throw new Error(`${where}: not fitted yet; call fit(texts) first`);
    const skip = options.skipSpecialTokens ?? true;
    const nReserved = 2 + this.specialTokens.length;
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!Number.isInteger(id) || id < 0 || id >= vocab.length) throw new Error(`${where}: ids[${i}] must be an integer in [0, ${vocab.length - 1}]; got ${describe(id)}`);
      if (skip && id < nReserved && id !== 1) continue;
      out.push(vocab[id] as string);
    }
    return out.join(' ');
  }

  /** Options and vocabulary. */
  toJSON(): TransformerJSON {
    return {
      type: 'WordTokenizer',
      version: 1,
      lowercase: this.lowercase,
      minCount: this.minCount,
      maxSize: this.maxSize ?? null,
      padToken: this.padToken,
      unkToken: this.unkToken,
      specialTokens: [...this.specialTokens],
      vocabulary: this.#vocab,
    };
  }

  /**
   * Restores a tokenizer saved with `toJSON`.
   *
   * @example
   * ```ts
   * const tok = WordTokenizer.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): WordTokenizer {
    const j = checkJSON(json, 'WordTokenizer');
    const tok = new WordTokenizer({
      lowercase: j.lowercase as boolean,
      minCount: j.minCount as number,
      ...(j.maxSize === null ? {} : { maxSize: j.maxSize as number }),
      padToken: j.padToken as string,
      unkToken: j.unkToken as string,
      specialTokens: j.specialTokens as string[],
    });
    if (Array.isArray(j.vocabulary)) {
      const vocab = j.vocabulary as string[];
      const reserved = tok.#reserved();
      if (reserved.some((r, i) => vocab[i] !== r)) throw new Error('WordTokenizer.fromJSON: the vocabulary must start with the reserved tokens');
      if (new Set(vocab).size !== vocab.length) throw new Error('WordTokenizer.fromJSON: the vocabulary lists a word twice');
      tok.#setVocab([...vocab]);
    }
    return tok;
  }
}
