import { describe } from '../random_source.js';
import { checkJSON, type TransformerJSON } from '../tabular/transformer.js';
import { BYTE_TO_CHAR, bytesToToken, tokenToBytes } from './byte_level.js';
import { padSequences, type EncodedBatch, type PaddingOptions } from './padding.js';
import { assertWellFormed } from './well_formed.js';

/**
 * Options for {@link BpeTokenizer.train}.
 *
 * @example
 * ```ts
 * BpeTokenizer.train(texts, { vocabSize: 8000, minFrequency: 2, specialTokens: ['<pad>', '<eos>'] });
 * ```
 */
export interface BpeTrainOptions {
  /** Final vocabulary size: special tokens + 256 bytes + merges. */
  vocabSize: number;
  /** A pair must occur at least this often to be merged. Default 2. */
  minFrequency?: number;
  /** Reserved tokens, ids 0, 1, ... Default `['<pad>']`. */
  specialTokens?: readonly string[];
  /** The special token used for padding. Default: the first special token. */
  padToken?: string;
}

// GPT-2's pre-tokenizer: contractions, letters, digits, other symbols (each optionally after
// one space), and runs of whitespace. Its matches tile any string, so nothing is lost.
const PRE_TOKEN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const MAX_ID = 2 ** 21; // pair keys a * MAX_ID + b stay exact doubles
const CACHE_LIMIT = 50_000;
const encoder = new TextEncoder();

function preTokenize(text: string): string[] {
  const pieces = text.match(PRE_TOKEN) ?? [];
  let total = 0;
  for (const p of pieces) total += p.length;
  if (total !== text.length) throw new Error('BpeTokenizer: internal error, pre-tokens do not cover the text');
  return pieces;
}

/** A max-heap of [count, pairKey] with lazy deletion; ties go to the smaller key. */
class PairHeap {
  private readonly items: Array<[number, number]> = [];

  push(count: number, key: number): void {
    const a = this.items;
    a.push([count, key]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(a[i] as [number, number], a[p] as [number, number])) break;
      [a[i], a[p]] = [a[p] as [number, number], a[i] as [number, number]];
      i = p;
    }
  }

  pop(): [number, number] | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0] as [number, number];
    const last = a.pop() as [number, number];
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.better(a[l] as [number, number], a[m] as [number, number])) m = l;
        if (r < a.length && this.better(a[r] as [number, number], a[m] as [number, number])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as [number, number], a[i] as [number, number]];
        i = m;
      }
    }
    return top;
  }

  private better(x: [number, number], y: [number, number]): boolean {
    return x[0] > y[0] || (x[0] === y[0] && x[1] < y[1]);
  }
}

/**
 * A byte-level byte-pair-encoding tokenizer (GPT-2 style), trainable on a corpus. Text is
 * split by GPT-2's pre-tokenizer, encoded as UTF-8 bytes, and merged pair by pair in the
 * learned order, so any Unicode text encodes and decodes back exactly (no unknown token).
 * Ids: special tokens first, then the 256 bytes, then merges. Saved as JSON with readable
 * tokens (GPT-2's byte-to-character table: "Ġ" is a leading space).
 *
 * @example
 * ```ts
 * const bpe = BpeTokenizer.train(corpus, { vocabSize: 1000, specialTokens: ['<pad>', '<eos>'] });
 * const ids = bpe.encode('héllo wörld 👋');
 * bpe.decode(ids) === 'héllo wörld 👋'; // true
 * const same = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(bpe)));
 * ```
 */
export class BpeTokenizer {
  readonly specialTokens: readonly string[];
  readonly padToken: string;
  /** Merged pair key (internal ids) -> [rank, merged internal id]. */
  readonly #merges: Map<number, [number, number]>;
  readonly #mergeList: Array<[number, number, number]>;
  /** Bytes of every internal (non-special) token. */
  readonly #tokenBytes: Uint8Array[];
  readonly #tokenIds: Map<string, number>;
  readonly #cache = new Map<string, number[]>();

  private constructor(specialTokens: readonly string[], padToken: string, merges: Array<[number, number, number]>, tokenBytes: Uint8Array[]) {
    this.specialTokens = [...specialTokens];
    this.padToken = padToken;
    this.#mergeList = merges;
    this.#merges = new Map(merges.map(([a, b, z], r) => [a * MAX_ID + b, [r, z]]));
    this.#tokenBytes = tokenBytes;
    this.#tokenIds = new Map();
    specialTokens.forEach((t, i) => this.#tokenIds.set(t, i));
    tokenBytes.forEach((b, i) => {
      const s = bytesToToken(b);
      if (!this.#tokenIds.has(s)) this.#tokenIds.set(s, i + specialTokens.length);
    });
  }

  /**
   * Learns merges from texts until the vocabulary reaches `vocabSize` (or no pair occurs
   * `minFrequency` times).
   */
  static train(texts: Iterable<string>, options: BpeTrainOptions): BpeTokenizer {
    if (texts === null || typeof texts !== 'object' || !(Symbol.iterator in texts)) {
      throw new Error(`BpeTokenizer.train: texts must be an iterable of strings; got ${describe(texts)}`);
    }
    const counts = new Map<string, number>();
    let i = 0;
    for (const t of texts) countPieces(counts, t, i++, 'BpeTokenizer.train');
    return BpeTokenizer.#learn(counts, options, 'BpeTokenizer.train');
  }

  /**
   * {@link BpeTokenizer.train} over an async stream of texts (e.g. a Dataset).
   *
   * @example
   * ```ts
   * const bpe = await BpeTokenizer.trainAsync(fromJsonl('corpus.jsonl').map((d) => d.text), { vocabSize: 8000 });
   * ```
   */
  static async trainAsync(texts: AsyncIterable<string> | Iterable<string>, options: BpeTrainOptions): Promise<BpeTokenizer> {
    const counts = new Map<string, number>();
    let i = 0;
    for await (const t of texts) countPieces(counts, t, i++, 'BpeTokenizer.trainAsync');
    return BpeTokenizer.#learn(counts, options, 'BpeTokenizer.trainAsync');
  }

  static #learn(pieceCounts: Map<string, number>, options: BpeTrainOptions, where: string): BpeTokenizer {
    const specials = [...(options?.specialTokens ?? ['<pad>'])];
    if (specials.some((s) => typeof s !== 'string' || s.length === 0) || new Set(specials).size !== specials.length) {
      throw new Error(`${where}: options.specialTokens must be distinct non-empty strings`);
    }
    const padToken = options.padToken ?? specials[0];
    if (padToken === undefined || !specials.includes(padToken)) throw new Error(`${where}: options.padToken must be one of the special tokens; got ${describe(padToken)}`);
    const vocabSize = options.vocabSize;
    const base = specials.length + 256;
    if (!Number.isInteger(vocabSize) || vocabSize < base || vocabSize > MAX_ID) {
      throw new Error(`${where}: options.vocabSize must be an integer in [${base}, ${MAX_ID}] (special tokens + 256 bytes at least); got ${describe(vocabSize)}`);
    }
    const minFrequency = options.minFrequency ?? 2;
    if (!Number.isInteger(minFrequency) || minFrequency < 1) throw new Error(`${where}: options.minFrequency must be an integer >= 1; got ${describe(minFrequency)}`);

    const tokenBytes: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
    const byKey = new Map<string, number>(tokenBytes.map((b, i) => [bytesToToken(b), i]));
    const words: number[][] = [];
    const freqs: number[] = [];
    for (const [piece, c] of pieceCounts) {
      words.push(Array.from(encoder.encode(piece)));
      freqs.push(c);
    }
    const pairCounts = new Map<number, number>();
    const pairWords = new Map<number, Set<number>>();
    const addPairs = (w: number, sign: 1 | -1, touched: Set<number>) => {
      const s = words[w] as number[];
      const f = (freqs[w] as number) * sign;
      for (let k = 0; k + 1 < s.length; k++) {
        const key = (s[k] as number) * MAX_ID + (s[k + 1] as number);
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + f);
        touched.add(key);
        if (sign === 1) {
          let set = pairWords.get(key);
          if (set === undefined) pairWords.set(key, (set = new Set()));
          set.add(w);
        }
      }
    };
    const heap = new PairHeap();
    const initial = new Set<number>();
    for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
    for (const key of initial) heap.push(pairCounts.get(key) as number, key);

    const merges: Array<[number, number, number]> = [];
    let vocab = base;
    while (vocab < vocabSize) {
      const top = heap.pop();
      if (top === undefined) break;
      const [count, key] = top;
      if (pairCounts.get(key) !== count) continue; // stale entry
      if (count < minFrequency) break;
      const a = Math.floor(key / MAX_ID);
      const b = key - a * MAX_ID;
      const joined = new Uint8Array([...(tokenBytes[a] as Uint8Array), ...(tokenBytes[b] as Uint8Array)]);
      const text = bytesToToken(joined);
      let z = byKey.get(text);
      if (z === undefined) {
        z = tokenBytes.length;
        tokenBytes.push(joined);
        byKey.set(text, z);
        vocab++;
      }
      merges.push([a, b, z]);
      const touched = new Set<number>();
      for (const w of pairWords.get(key) ?? []) {
        const s = words[w] as number[];
        let has = false;
        for (let k = 0; k + 1 < s.length; k++) if (s[k] === a && s[k + 1] === b) has = true;
        if (!has) continue;
        addPairs(w, -1, touched);
        words[w] = mergeAll(s, a, b, z);
        addPairs(w, 1, touched);
      }
      pairCounts.delete(key);
      pairWords.delete(key);
      for (const t of touched) {
        const c = pairCounts.get(t);
        if (c !== undefined && c > 0) heap.push(c, t);
        else if (c !== undefined) pairCounts.delete(t);
      }
    }
    return new BpeTokenizer(specials, padToken, merges, tokenBytes);
  }

  /** Vocabulary size (special tokens + bytes + merged tokens). */
  get vocabSize(): number {
    return this.specialTokens.length + this.#tokenBytes.length;
  }

  /** Id of the padding token. */
  get padId(): number {
    return this.specialTokens.indexOf(this.padToken);
  }

  /** Number of learned merges. */
  get mergeCount(): number {
    return this.#mergeList.length;
  }

  /** The id of a token in its readable form (special tokens by their text), or undefined. */
  tokenToId(token: string): number | undefined {
    return this.#tokenIds.get(token);
  }

  /** The readable form of a token id. */
  idToToken(id: number): string {
    const n = this.specialTokens.length;
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) throw new Error(`BpeTokenizer.idToToken: id must be an integer in [0, ${this.vocabSize - 1}]; got ${describe(id)}`);
    return id < n ? (this.specialTokens[id] as string) : bytesToToken(this.#tokenBytes[id - n] as Uint8Array);
  }

  #encodePiece(piece: string): number[] {
    const cached = this.#cache.get(piece);
    if (cached !== undefined) return cached;
    let s = Array.from(encoder.encode(piece));
    for (;;) {
      let bestRank = Infinity;
      let best: [number, number] | null = null;
      for (let k = 0; k + 1 < s.length; k++) {
        const m = this.#merges.get((s[k] as number) * MAX_ID + (s[k + 1] as number));
        if (m !== undefined && m[0] < bestRank) {
          bestRank = m[0];
          best = m;
        }
      }
      if (best === null) break;
      const [a, b] = this.#mergeList[best[0]] as [number, number, number];
      s = mergeAll(s, a, b, best[1]);
    }
    const n = this.specialTokens.length;
    const ids = s.map((t) => t + n);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(piece, ids);
    return ids;
  }

  /**
   * Token ids of a text. Special-token text inside `text` is encoded as plain text (it is
   * never turned into a special id); add special ids yourself with `tokenToId`.
   */
  encode(text: string): number[] {
    const where = 'BpeTokenizer.encode';
    if (typeof text !== 'string') throw new Error(`${where}: text must be a string; got ${describe(text)}`);
    assertWellFormed(text, where);
    const out: number[] = [];
    for (const piece of preTokenize(text)) for (const id of this.#encodePiece(piece)) out.push(id);
    return out;
  }

  /**
   * Encodes many texts into one padded batch with attention masks (pieces are cached across
   * texts, which is what makes large batches fast).
   *
   * @example
   * ```ts
   * const b = bpe.encodeBatch(texts, { maxLength: 128, truncation: true, padding: 'max_length' });
   * ```
   */
  encodeBatch(texts: readonly string[], options: PaddingOptions = {}): EncodedBatch {
    if (!Array.isArray(texts)) throw new Error(`BpeTokenizer.encodeBatch: texts must be an array of strings; got ${describe(texts)}`);
    return padSequences(texts.map((t) => this.encode(t)), this.padId, options);
  }

  /** The text of ids (special tokens skipped unless `skipSpecialTokens: false`). */
  decode(ids: ArrayLike<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    const where = 'BpeTokenizer.decode';
    const skip = options.skipSpecialTokens ?? true;
    const n = this.specialTokens.length;
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) throw new Error(`${where}: ids[${i}] must be an integer in [0, ${this.vocabSize - 1}]; got ${describe(id)}`);
      let bytes: Uint8Array;
      if (id < n) {
        if (skip) continue;
        bytes = encoder.encode(this.specialTokens[id] as string);
      } else bytes = this.#tokenBytes[id - n] as Uint8Array;
      parts.push(bytes);
      size += bytes.length;
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    // An id sequence cut inside a multi-byte character decodes to U+FFFD there, as HF does.
    return new TextDecoder('utf-8').decode(all);
  }

  /** Special tokens and merges in readable form (Hugging Face style "left right" strings). */
  toJSON(): TransformerJSON {
    const tok = (id: number) => bytesToToken(this.#tokenBytes[id] as Uint8Array);
    return {
      type: 'BpeTokenizer',
      version: 1,
      specialTokens: [...this.specialTokens],
      padToken: this.padToken,
      merges: this.#mergeList.map(([a, b]) => `${tok(a)} ${tok(b)}`),
    };
  }

  /**
   * Restores a tokenizer saved with `toJSON`; the vocabulary is rebuilt from the merges.
   *
   * @example
   * ```ts
   * const bpe = BpeTokenizer.fromJSON(JSON.parse(await readFile('bpe.json', 'utf8')));
   * ```
   */
  static fromJSON(json: unknown): BpeTokenizer {
    const where = 'BpeTokenizer.fromJSON';
    const j = checkJSON(json, 'BpeTokenizer');
    const specials = j.specialTokens;
    if (!Array.isArray(specials) || specials.some((s) => typeof s !== 'string')) throw new Error(`${where}: json.specialTokens must be an array of strings`);
    if (typeof j.padToken !== 'string' || !specials.includes(j.padToken)) throw new Error(`${where}: json.padToken must be one of json.specialTokens`);
    if (!Array.isArray(j.merges)) throw new Error(`${where}: json.merges must be an array of "left right" strings`);
    const tokenBytes: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
    const byKey = new Map<string, number>(BYTE_TO_CHAR.map((c, i) => [c, i]));
    const merges: Array<[number, number, number]> = j.merges.map((m: unknown, r: number) => {
      const parts = typeof m === 'string' ? m.split(' ') : [];
      const a = byKey.get(parts[0] ?? '\u0000');
      const b = byKey.get(parts[1] ?? '\u0000');
      if (parts.length !== 2 || a === undefined || b === undefined) {
        throw new Error(`${where}: json.merges[${r}] must be two known tokens separated by one space`);
      }
      const text = `${parts[0]}${parts[1]}`;
      let z = byKey.get(text);
      if (z === undefined) {
        const bytes = tokenToBytes(text);
        if (bytes === undefined) throw new Error(`${where}: json.merges[${r}] holds a character outside the byte table`);
        z = tokenBytes.length;
        tokenBytes.push(bytes);
        byKey.set(text, z);
      }
      return [a, b, z];
    });
    return new BpeTokenizer(specials as string[], j.padToken, merges, tokenBytes);
  }
}

function countPieces(counts: Map<string, number>, text: unknown, i: number, where: string): void {
  if (typeof text !== 'string') throw new Error(`${where}: texts[${i}] must be a string; got ${describe(text)}`);
  assertWellFormed(text, `${where}: texts[${i}]`);
  for (const p of preTokenize(text)) counts.set(p, (counts.get(p) ?? 0) + 1);
}

/** Replaces every non-overlapping (a, b), left to right, by z. */
function mergeAll(s: readonly number[], a: number, b: number, z: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) {
    if (k + 1 < s.length && s[k] === a && s[k + 1] === b) {
      out.push(z);
      k++;
    } else out.push(s[k] as number);
  }
  return out;
}
