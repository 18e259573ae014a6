import { describe, expect, it } from 'vitest';
import { Rng } from '@tessera/backend';
import { BpeTokenizer } from './bpe_tokenizer.js';

const corpus = [
  'The quick brown fox jumps over the lazy dog.',
  'the the the quickest foxes jumped; lazy dogs slept.',
  "Don't stop: naïve café, über-cool 東京 and 👋🏽 emoji!",
  '  indented\tline\nwith  spaces   and 1234 numbers 56.78',
];

/** Random strings over a wide range of code points, including astral ones and whitespace. */
function randomText(rng: Rng, length: number): string {
  const pools = [
    [0x20, 0x7e],
    [0x09, 0x0d],
    [0xa0, 0x2ff],
    [0x400, 0x4ff],
    [0x4e00, 0x4fff],
    [0xac00, 0xacff],
    [0x1f300, 0x1f6ff],
    [0x10000, 0x10fff],
  ] as const;
  let s = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pools[rng.int(pools.length)]!;
    s += String.fromCodePoint(lo + rng.int(hi - lo + 1));
  }
  return s;
}

describe('BpeTokenizer', () => {
  const bpe = BpeTokenizer.train(corpus, { vocabSize: 400, minFrequency: 2, specialTokens: ['<pad>', '<eos>'] });

  it('trains merges up to vocabSize and encodes the corpus losslessly, shorter than bytes', () => {
    expect(bpe.vocabSize).toBeLessThanOrEqual(400);
    expect(bpe.mergeCount).toBeGreaterThan(20);
    for (const text of corpus) {
      const ids = bpe.encode(text);
      expect(bpe.decode(ids)).toBe(text);
      expect(ids.length).toBeLessThan(new TextEncoder().encode(text).length);
    }
    expect(bpe.idToToken(bpe.encode(' the')[0]!)).toBe('Ġthe'); // the frequent word became one token
  });

  it('round-trips arbitrary Unicode it never saw', () => {
    const rng = new Rng(99);
    for (let i = 0; i < 50; i++) {
      const text = randomText(rng, 1 + rng.int(60));
      expect(bpe.decode(bpe.encode(text))).toBe(text);
    }
    expect(bpe.decode(bpe.encode(''))).toBe('');
  });

  it('gives special tokens the first ids and skips them when decoding unless asked', () => {
    expect(bpe.padId).toBe(0);
    const eos = bpe.tokenToId('<eos>')!;
    expect(eos).toBe(1);
    const ids = [...bpe.encode('the fox'), eos];
    expect(bpe.decode(ids)).toBe('the fox');
    expect(bpe.decode(ids, { skipSpecialTokens: false })).toBe('the fox<eos>');
    // special-token text inside input is plain text, not the special id
    expect(bpe.encode('<eos>')).not.toContain(eos);
  });

  it('saves and loads as JSON with identical encodings; training is deterministic', () => {
    const json = JSON.parse(JSON.stringify(bpe));
    expect(json.merges[0]).toMatch(/^\S+ \S+$/);
    const again = BpeTokenizer.fromJSON(json);
    for (const text of corpus) expect(again.encode(text)).toEqual(bpe.encode(text));
    expect(again.vocabSize).toBe(bpe.vocabSize);
    expect(BpeTokenizer.train(corpus, { vocabSize: 400, minFrequency: 2, specialTokens: ['<pad>', '<eos>'] }).toJSON()).toEqual(bpe.toJSON());
  });

  it('pads batches with the pad id and attention masks', () => {
    const b = bpe.encodeBatch(['the lazy dog', 'fox'], { padding: 'longest' });
    const [n, L] = b.shape;
    expect(n).toBe(2);
    expect(Array.from(b.inputIds.subarray(L, 2 * L)).filter((v, k) => b.attentionMask[L + k] === 0).every((v) => v === 0)).toBe(true);
    expect(bpe.decode(b.inputIds.subarray(0, L))).toBe('the lazy dog');
  });

  it('refuses lone surrogates (not Unicode text) and bad options', async () => {
    expect(() => bpe.encode('a\uD800b')).toThrow('BpeTokenizer.encode: the text has a lone surrogate at index 1 (not valid Unicode)');
    expect(() => BpeTokenizer.train(corpus, { vocabSize: 100 })).toThrow('BpeTokenizer.train: options.vocabSize must be an integer in [257, 2097152]');
    expect(() => BpeTokenizer.train(corpus, { vocabSize: 300, padToken: '<x>' })).toThrow('BpeTokenizer.train: options.padToken must be one of the special tokens');
    expect(() => BpeTokenizer.fromJSON({ type: 'BpeTokenizer', version: 1, specialTokens: ['<pad>'], padToken: '<pad>', merges: ['a'] })).toThrow(
      'BpeTokenizer.fromJSON: json.merges[0] must be two known tokens separated by one space',
    );
    async function* texts() {
      yield* corpus;
    }
    expect((await BpeTokenizer.trainAsync(texts(), { vocabSize: 300 })).mergeCount).toBe(BpeTokenizer.train(corpus, { vocabSize: 300 }).mergeCount);
  });
});
