/**
 * From anonymized messages to the three parts the models use: exact duplicates removed (a copy of
 * a test message in the training data would inflate the test score), then a stratified
 * train/validation/test split. Each part has a manifest of message ids and raw-message hashes:
 * no text, but enough to answer "was this message used?" later.
 */
import { trainValTestSplit } from '@tessera/preprocess';
import type { CleanMessage } from './anonymize_messages.js';

/** One entry of a split manifest. */
export interface ManifestEntry {
  id: string;
  sha256: string;
  label: 0 | 1;
}

/** The split: messages per part. */
export interface MessageSplit {
  train: CleanMessage[];
  val: CleanMessage[];
  test: CleanMessage[];
  /** Messages dropped because an earlier message had the same model text. */
  duplicates: ManifestEntry[];
}

/** The manifest of one part: message ids, raw hashes and labels, in split order. */
export function manifestOf(messages: readonly (CleanMessage | ManifestEntry)[]): ManifestEntry[] {
  return messages.map((m) => ({ id: m.id, sha256: m.sha256, label: m.label }));
}

/**
 * Removes exact duplicates (same anonymized text; the first by id is kept) and splits the rest
 * with the spam/ham proportion kept in every part.
 *
 * @throws Error when a part would hold no spam or no ham
 * @example
 * ```ts
 * const split = splitMessages(messages, { valSize: 0.15, testSize: 0.15, seed: 42 });
 * split.test.length;
 * ```
 */
export function splitMessages(messages: readonly CleanMessage[], options: { valSize: number; testSize: number; seed: number }): MessageSplit {
  const seen = new Set<string>();
  const unique: CleanMessage[] = [];
  const duplicates: ManifestEntry[] = [];
  for (const m of [...messages].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (seen.has(m.text)) duplicates.push({ id: m.id, sha256: m.sha256, label: m.label });
    else {
      seen.add(m.text);
      unique.push(m);
    }
  }
  const s = trainValTestSplit(unique, unique.map((m) => m.label), { valSize: options.valSize, testSize: options.testSize, rng: options.seed, stratify: true });
  const split: MessageSplit = { train: s.xTrain, val: s.xVal, test: s.xTest, duplicates };
  for (const part of ['train', 'val', 'test'] as const) {
    const spam = split[part].filter((m) => m.label === 1).length;
    if (spam === 0 || spam === split[part].length) {
      throw new Error(`splitMessages: the ${part} part (${split[part].length} messages) has ${spam === 0 ? 'no spam' : 'no ham'}; use more messages (--limit)${part === 'train' ? '' : ` or a larger --${part}-size`}`);
    }
  }
  return split;
}
