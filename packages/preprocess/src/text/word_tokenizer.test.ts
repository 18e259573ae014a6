import { describe, expect, it } from 'vitest';
import { WordTokenizer } from './word_tokenizer.js';

const corpus = ['The cat sat on the mat.', 'The dog sat!', "Don't panic: the cat's fine.", 'Él comió 3 manzanas'];

describe('WordTokenizer', () => {
  it('builds a vocabulary: reserved first, then by count, ties alphabetical', () => {
    const tok = new WordTokenizer().fit(corpus);
    const v = tok.vocabulary;
    expect(v.slice(0, 2)).toEqual(['[PAD]', '[UNK]']);
    expect(v[2]).toBe('the'); // 4 times
    expect(v.slice(3, 6)).toEqual(['.', 'sat', '!']); // twice each (alphabetical), then once each from '!'
    expect(v).toContain("cat's"); // inner apostrophes stay inside a word
    expect(v).toContain("don't");
    expect(v).toContain('él');
    expect(new WordTokenizer().fit([...corpus].reverse()).vocabulary).toEqual(v);
  });

  it('applies minCount and maxSize (reserved tokens included), mapping the rest to [UNK]', () => {
    const tok = new WordTokenizer({ minCount: 2, specialTokens: ['[CLS]'] }).fit(corpus);
    expect(tok.vocabulary).toEqual(['[PAD]', '[UNK]', '[CLS]', 'the', '.', 'sat']);
    const small = new WordTokenizer({ maxSize: 4 }).fit(corpus);
    expect(small.vocabulary).toEqual(['[PAD]', '[UNK]', 'the', '.']);
    expect(small.encode('the cat.')).toEqual([2, 1, 3]);
  });

  it('encodes batches with padding and masks, and decodes words', () => {
    const tok = new WordTokenizer().fit(corpus);
    const b = tok.encodeBatch(['the cat sat', 'dog'], { padding: 'max_length', maxLength: 4 });
    expect(b.shape).toEqual([2, 4]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 0, 1, 0, 0, 0]);
    expect(tok.decode(b.inputIds.subarray(0, 4))).toBe('the cat sat');
    expect(tok.decode(tok.encode('the zebra'))).toBe('the [UNK]');
    expect(tok.decode([0, 2], { skipSpecialTokens: false })).toBe('[PAD] the');
  });

  it('round-trips through JSON and validates', () => {
    const tok = new WordTokenizer({ lowercase: false, minCount: 1 }).fit(corpus);
    const again = WordTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
    expect(again.vocabulary).toEqual(tok.vocabulary);
    expect(again.encode('The Dog')).toEqual(tok.encode('The Dog'));
    expect(() => new WordTokenizer().encode('x')).toThrow('WordTokenizer.encode: not fitted yet; call fit(texts) first');
    expect(() => new WordTokenizer({ maxSize: 1 })).toThrow('WordTokenizer: options.maxSize must be an integer >= 2 (the reserved tokens); got 1');
    expect(() => new WordTokenizer().fit([1 as never])).toThrow('WordTokenizer.fit: texts[0] must be a string; got 1');
    expect(() => tok.decode([999])).toThrow(/WordTokenizer.decode: ids\[0\] must be an integer in \[0, \d+\]; got 999/);
  });

  it('fits from an async stream of texts', async () => {
    async function* texts() {
      yield* corpus;
    }
    expect((await new WordTokenizer().fitAsync(texts())).vocabulary).toEqual(new WordTokenizer().fit(corpus).vocabulary);
  });
});
