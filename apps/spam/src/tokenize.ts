/**
 * Text to token ids with a tokenizer from `@tessera/preprocess`, fitted on the training part
 * only (the validation and test messages must stay unseen). The texts are already anonymized,
 * and both tokenizers split addresses and numbers at punctuation, so the saved vocabulary holds
 * words and pseudonym fragments, never a whole address.
 */
import { tf } from '@tessera/backend';
import { BpeTokenizer, WordTokenizer } from '@tessera/preprocess';
import type { CleanMessage } from './anonymize_messages.js';

/** A fitted tokenizer of either kind. */
export type Tokenizer = WordTokenizer | BpeTokenizer;

/** Token ids and labels of one part, as tensors the trainer batches. */
export interface EncodedPart {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
  /** Messages that lost tokens to `maxLen`. */
  truncated: number;
}

/**
 * Fits a word-level (words seen at least twice) or byte-level BPE tokenizer on `texts`.
 *
 * @example
 * ```ts
 * const tok = fitTokenizer('word', split.train.map((m) => m.text), 8000);
 * ```
 */
export function fitTokenizer(kind: 'word' | 'bpe', texts: readonly string[], vocabSize: number): Tokenizer {
  if (texts.length === 0) throw new Error('fitTokenizer: texts is empty; the training part has no messages');
  // Words seen once are mostly typos, ids and pseudonyms of one-off senders: noise for the model.
  if (kind === 'word') return new WordTokenizer({ minCount: 2, maxSize: vocabSize }).fit(texts);
  return BpeTokenizer.train(texts, { vocabSize, minFrequency: 2 });
}

/**
 * The vocabulary size the models' embeddings need (the tokenizer's actual size, which can be
 * smaller than asked for when the corpus has fewer distinct words).
 *
 * @example
 * ```ts
 * vocabularySize(tok); // 8000
 * ```
 */
export function vocabularySize(tok: Tokenizer): number {
  return tok instanceof WordTokenizer ? tok.vocabulary.length : tok.vocabSize;
}

/**
 * Encodes messages to `[n, maxLen]` int32 ids (padding id 0 on the right, long messages cut)
 * and their labels.
 *
 * @example
 * ```ts
 * const train = encodePart(tok, split.train, 96);
 * train.x.shape; // [n, 96]
 * ```
 */
export function encodePart(tok: Tokenizer, messages: readonly CleanMessage[], maxLen: number): EncodedPart {
  const batch = tok.encodeBatch(messages.map((m) => m.text), { padding: 'max_length', maxLength: maxLen, truncation: true });
  return {
    x: tf.tensor2d(batch.inputIds, batch.shape, 'int32'),
    y: tf.tensor1d(Int32Array.from(messages, (m) => m.label), 'int32'),
    truncated: batch.truncated,
  };
}
