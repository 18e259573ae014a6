/**
 * The erasure-impact query: "which runs, data sets and models used message X?".
 *
 * The lineage log records each part of a split (train, validation, test) as a dataset whose hash
 * covers its manifest: the message ids and raw-message hashes in that part. Every run folder keeps
 * those manifests in `splits.json`. The query finds the manifests that list the message, checks
 * each against the hash in the (tamper-evident) log, so an edited manifest cannot hide or invent a
 * use, and asks the log what derives from that part: the models to retrain or withdraw.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hashRecords, type ArtifactNode, type DatasetNode, type Lineage, type RunNode } from '@tessera/lineage';
import type { ManifestEntry } from './dataset.js';
import { openLineage } from './provenance.js';

/** `splits.json` of a run folder. */
export interface SplitsFile {
  /** Lineage dataset ids of the parts. */
  datasets: { train: string; val: string; test: string };
  train: ManifestEntry[];
  val: ManifestEntry[];
  test: ManifestEntry[];
  /** Messages dropped before splitting because an earlier one had the same text. */
  duplicates: ManifestEntry[];
}

/** How one run folder used the message. */
export interface MessageUse {
  runDir: string;
  part: 'train' | 'val' | 'test' | 'duplicates';
  /** What that part was for. */
  role: string;
  /** The part's lineage dataset (none for dropped duplicates). */
  dataset: string | null;
  /** False when the manifest no longer matches the hash recorded in lineage. */
  verified: boolean;
  /** Models (and other artifacts) derived from that part. */
  artifacts: { id: string; name: string; type: string }[];
  /** Runs that read that part directly or through derived data. */
  runs: { id: string; operation: string; kind: string; status: string }[];
}

/** The answer to a `--who-used` query. */
export interface WhoUsedAnswer {
  messageId: string;
  /** SHA-256 of the raw message, when a manifest lists it. */
  sha256: string | null;
  uses: MessageUse[];
  /** Every model that must be retrained or withdrawn if the message is erased (verified uses only). */
  modelsToRetrain: { id: string; name: string }[];
  warnings: string[];
}

const ROLES: Record<MessageUse['part'], string> = {
  train: 'trained on (the weights were fitted to it; the tokenizer vocabulary was built from it)',
  val: 'used for early stopping (it chose which epoch\'s weights were kept)',
  test: 'evaluated on only (no model was fitted to it)',
  duplicates: 'dropped before splitting as an exact duplicate of another message',
};

async function readSplits(dir: string): Promise<SplitsFile | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'splits.json'), 'utf8')) as SplitsFile;
  } catch {
    return null;
  }
}

/**
 * Answers which runs, datasets and models used `messageId`, from the lineage store and the run
 * folders in `runsDir`.
 *
 * @throws Error when `runsDir` holds no lineage store
 * @example
 * ```ts
 * const answer = await whoUsed('spam-2/00042', 'runs');
 * answer.modelsToRetrain.map((m) => m.name); // ['spam-lstm', 'spam-transformer']
 * ```
 */
export async function whoUsed(messageId: string, runsDir: string): Promise<WhoUsedAnswer> {
  const root = resolve(runsDir);
  try {
    await stat(join(root, 'lineage.sqlite'));
  } catch {
    throw new Error(`--who-used: no lineage store at ${join(root, 'lineage.sqlite')}; run the app first (or give --runs-dir)`);
  }
  const lineage: Lineage = await openLineage(root);
  try {
    const graph = await lineage.graph();
    const answer: WhoUsedAnswer = { messageId, sha256: null, uses: [], modelsToRetrain: [], warnings: [] };
    const names = (await readdir(root)).sort();
    for (const name of names) {
      const dir = join(root, name);
      const splits = await readSplits(dir);
      if (!splits) continue;
      for (const part of ['train', 'val', 'test', 'duplicates'] as const) {
        const entry = (splits[part] ?? []).find((e) => e.id === messageId);
        if (!entry) continue;
        answer.sha256 ??= entry.sha256;
        if (part === 'duplicates') {
          answer.uses.push({ runDir: dir, part, role: ROLES[part], dataset: null, verified: true, artifacts: [], runs: [] });
          continue;
        }
        const datasetId = splits.datasets?.[part];
        let verified = false;
        let node: DatasetNode | null = null;
        if (datasetId && graph.has(datasetId)) {
          node = graph.get(datasetId) as DatasetNode;
          verified = (await hashRecords(splits[part])) === node.hash;
        }
        if (!verified) {
          answer.warnings.push(`${dir}/splits.json (${part}) does not match the lineage log${node ? ` (${node.id})` : ''}: edited or from another store; its use is not counted`);
        }
        const impact = node && verified ? graph.erasureImpact(node.id) : null;
        answer.uses.push({
          runDir: dir,
          part,
          role: ROLES[part],
          dataset: node?.id ?? null,
          verified,
          artifacts: (impact?.artifacts ?? []).map((a: ArtifactNode) => ({ id: a.id, name: a.name, type: a.artifactType })),
          runs: (impact?.runs ?? []).map((r: RunNode) => ({ id: r.id, operation: r.operation, kind: r.runKind, status: r.status })),
        });
      }
    }
    const models = new Map<string, string>();
    for (const u of answer.uses) for (const a of u.artifacts) if (a.type === 'model') models.set(a.id, a.name);
    answer.modelsToRetrain = [...models].map(([id, name]) => ({ id, name }));
    return answer;
  } finally {
    await lineage.close();
  }
}

/**
 * The answer as text for the terminal.
 *
 * @example
 * ```ts
 * console.log(formatWhoUsed(await whoUsed('spam-2/00042', 'runs')));
 * ```
 */
export function formatWhoUsed(a: WhoUsedAnswer): string {
  const lines = [`message ${a.messageId}${a.sha256 ? ` (raw SHA-256 ${a.sha256})` : ''}`];
  if (a.uses.length === 0) lines.push('  no run in this runs folder used it');
  // Parts are content-addressed: runs with the same data and seed share one dataset node, and its
  // impact covers the models of all of them. Print each dataset's impact once.
  const shown = new Set<string>();
  for (const u of a.uses) {
    lines.push(`  ${u.runDir}`, `    ${u.part}: ${u.role}${u.verified ? '' : ' [manifest does not match lineage: not counted]'}`);
    if (!u.dataset) continue;
    if (shown.has(u.dataset)) {
      lines.push(`    dataset ${u.dataset} (the same data as above; its models are listed there)`);
      continue;
    }
    shown.add(u.dataset);
    lines.push(`    dataset ${u.dataset}`);
    for (const art of u.artifacts) lines.push(`    -> ${art.type} ${art.name} (${art.id})`);
    if (u.runs.length) {
      const counts = new Map<string, number>();
      for (const r of u.runs) counts.set(r.operation, (counts.get(r.operation) ?? 0) + 1);
      lines.push(`    runs that read it: ${[...counts].map(([op, n]) => (n > 1 ? `${op} (x${n})` : op)).join(', ')}`);
    }
  }
  // Names repeat across runs; the short content hash tells the trained models apart.
  const short = (id: string) => id.replace(/^artifact:/, '').replace(/@sha256:([0-9a-f]{12})[0-9a-f]*$/, '@$1');
  lines.push(
    a.modelsToRetrain.length
      ? `models to retrain or withdraw if it is erased (${a.modelsToRetrain.length}): ${a.modelsToRetrain.map((m) => short(m.id)).join(', ')}`
      : 'no model was trained on it',
  );
  for (const w of a.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
