import type { ChainHead } from './hash_chain.js';
import { describe, isObjectArg, isPlainObject } from './internal/describe.js';
import type { LineageGraph } from './lineage_graph.js';
import type { ArtifactNode, CodeVersion, DatasetNode, NodeRef, RunNode } from './records.js';

/**
 * What the model card's author fills in; everything else comes from the lineage.
 *
 * @example
 * ```ts
 * modelCard(graph, model.id, { intendedUse: 'Triage support mail.', limitations: 'English only.' } satisfies ModelCardFields);
 * ```
 */
export interface ModelCardFields {
  /** Title (default: the artifact's name). */
  title?: string;
  overview?: string;
  intendedUse?: string;
  limitations?: string;
  ethicalConsiderations?: string;
  owners?: readonly string[];
  license?: string;
}

/**
 * A dataset as the model card lists it.
 *
 * @example
 * ```ts
 * const sources: ModelCardDataset[] = modelCard(graph, model.id).json.dataSources;
 * ```
 */
export interface ModelCardDataset {
  readonly id: string;
  readonly name: string;
  readonly hash: string;
  readonly rowCount?: number;
  readonly source?: string;
}

/**
 * The model card as data (the JSON form). Mirrors Model Card Toolkit's sections.
 *
 * @example
 * ```ts
 * const card: ModelCard = modelCard(graph, model.id).json;
 * card.dataSources.map((d) => d.hash);
 * ```
 */
export interface ModelCard {
  readonly schemaVersion: 'tessera-model-card/1';
  readonly title: string;
  readonly model: {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly hash: string;
    readonly format?: string;
    readonly sizeBytes?: number;
    readonly recordedAt: string;
  };
  readonly overview: string | null;
  readonly owners: readonly string[];
  readonly license: string | null;
  readonly intendedUse: string | null;
  readonly limitations: string | null;
  readonly ethicalConsiderations: string | null;
  /** The raw data everything came from (upstream datasets that no run produced). */
  readonly dataSources: readonly ModelCardDataset[];
  /** Anonymization runs upstream, with entity counts by type only. */
  readonly anonymization: readonly { runId: string; operation: string; status: string; params: Record<string, unknown>; counts: Record<string, number> }[];
  readonly preprocessing: readonly { runId: string; operation: string; params: Record<string, unknown>; inputs: readonly string[]; outputs: readonly string[] }[];
  readonly training: {
    readonly runId: string;
    readonly operation: string;
    readonly config: Record<string, unknown>;
    readonly seed?: number;
    readonly backend?: string;
    readonly code?: CodeVersion;
    readonly trainingData: readonly ModelCardDataset[];
    readonly metrics: Record<string, number>;
    readonly epochs: number;
  } | null;
  readonly evaluations: readonly { runId: string; operation: string; datasets: readonly ModelCardDataset[]; metrics: Record<string, number> }[];
  /** Compression that produced this model (`applied`) and compressed models made from it (`derived`). */
  readonly compression: readonly { runId: string; operation: string; direction: 'applied' | 'derived'; params: Record<string, unknown>; from: readonly string[]; to: readonly string[] }[];
  /** The log position the card was made from: keep it to check the log later with verify({ head }). */
  readonly lineageHead: ChainHead | null;
  readonly generatedAt: string;
}

const dsOf = (d: DatasetNode): ModelCardDataset => ({
  id: d.id,
  name: d.name,
  hash: d.hash,
  ...(d.rowCount !== undefined ? { rowCount: d.rowCount } : {}),
  ...(d.source !== undefined ? { source: d.source } : {}),
});

/** Only numeric counts by type leave the log: never a detected value. */
function countsOf(summary: Readonly<Record<string, unknown>> | undefined): Record<string, number> {
  const counts = summary?.counts;
  const out: Record<string, number> = {};
  if (isPlainObject(counts)) for (const [k, v] of Object.entries(counts)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/**
 * A model card for an artifact, generated from its lineage: data sources and their hashes,
 * anonymization applied (entity counts by type), preprocessing steps, training configuration,
 * metrics with the evaluation data, compression, and the fields only a person can fill in
 * (intended use, limitations). Returns both JSON and Markdown.
 *
 * @throws Error when `artifact` is not an artifact of the graph, or a field has the wrong type
 * @example
 * ```ts
 * const { markdown, json } = modelCard(await lineage.graph(), model.id, {
 *   intendedUse: 'Flag likely spam in a support inbox; a person reviews every flag.',
 *   limitations: 'English mail only.',
 * });
 * ```
 */
export function modelCard(graph: LineageGraph, artifact: NodeRef, fields: ModelCardFields = {}, now: Date = new Date()): { json: ModelCard; markdown: string } {
  const node = graph.get(artifact, 'modelCard: artifact');
  if (node.kind !== 'artifact') throw new Error(`modelCard: artifact must be an artifact, got the ${node.kind} '${node.id}'`);
  if (!isObjectArg(fields)) throw new Error(`modelCard: fields must be an object, got ${describe(fields)}`);
  for (const k of ['title', 'overview', 'intendedUse', 'limitations', 'ethicalConsiderations', 'license'] as const) {
    if (fields[k] !== undefined && typeof fields[k] !== 'string') throw new Error(`modelCard: fields.${k} must be a string, got ${describe(fields[k])}`);
  }
  if (fields.owners !== undefined && (!Array.isArray(fields.owners) || fields.owners.some((o) => typeof o !== 'string'))) {
    throw new Error(`modelCard: fields.owners must be an array of strings, got ${describe(fields.owners)}`);
  }
  const bySeq = <T extends { seq: number }>(a: T, b: T) => a.seq - b.seq;
  const upstream = graph.ancestors(node.id);
  const upRuns = upstream.filter((n): n is RunNode => n.kind === 'run').sort(bySeq);
  const nameOf = (id: string) => {
    const n = graph.get(id);
    return n.kind === 'run' ? n.operation : n.name;
  };
  const dataSources = upstream
    .filter((n): n is DatasetNode => n.kind === 'dataset' && graph.producersOf(n.id).length === 0)
    .sort(bySeq)
    .map(dsOf);
  const trainRun = upRuns.filter((r) => r.stage === 'train' && r.status === 'completed').at(-1);
  const datasetsIn = (r: RunNode) => r.inputs.map((i) => graph.get(i)).filter((n): n is DatasetNode => n.kind === 'dataset').map(dsOf);
  const compression = [
    ...upRuns.filter((r) => r.stage === 'compress').map((r) => ({ r, direction: 'applied' as const })),
    ...graph.consumersOf(node.id).filter((r) => r.stage === 'compress').map((r) => ({ r, direction: 'derived' as const })),
  ].map(({ r, direction }) => ({ runId: r.runId, operation: r.operation, direction, params: { ...r.params }, from: r.inputs.map(nameOf), to: r.outputs.map(nameOf) }));
  const art = node as ArtifactNode;
  const json: ModelCard = {
    schemaVersion: 'tessera-model-card/1',
    title: fields.title ?? art.name,
    model: {
      id: art.id,
      name: art.name,
      type: art.artifactType,
      hash: art.hash,
      ...(art.format !== undefined ? { format: art.format } : {}),
      ...(art.sizeBytes !== undefined ? { sizeBytes: art.sizeBytes } : {}),
      recordedAt: art.recordedAt,
    },
    overview: fields.overview ?? null,
    owners: [...(fields.owners ?? [])],
    license: fields.license ?? null,
    intendedUse: fields.intendedUse ?? null,
    limitations: fields.limitations ?? null,
    ethicalConsiderations: fields.ethicalConsiderations ?? null,
    dataSources,
    anonymization: upRuns
      .filter((r) => r.stage === 'anonymize')
      .map((r) => ({ runId: r.runId, operation: r.operation, status: r.status, params: { ...r.params }, counts: countsOf(r.summary) })),
    preprocessing: upRuns
      .filter((r) => r.stage === 'preprocess')
      .map((r) => ({ runId: r.runId, operation: r.operation, params: { ...r.params }, inputs: r.inputs.map(nameOf), outputs: r.outputs.map(nameOf) })),
    training: trainRun
      ? {
          runId: trainRun.runId,
          operation: trainRun.operation,
          config: { ...trainRun.params },
          ...(trainRun.seed !== undefined ? { seed: trainRun.seed } : {}),
          ...(trainRun.backend !== undefined ? { backend: trainRun.backend } : {}),
          ...(trainRun.code ? { code: trainRun.code } : {}),
          trainingData: datasetsIn(trainRun),
          metrics: { ...trainRun.metrics },
          epochs: trainRun.progress.filter((p) => p.epoch !== undefined).length,
        }
      : null,
    evaluations: graph
      .consumersOf(node.id)
      .filter((r) => r.stage === 'evaluate' && r.status === 'completed')
      .map((r) => ({ runId: r.runId, operation: r.operation, datasets: datasetsIn(r), metrics: { ...r.metrics } })),
    compression,
    lineageHead: graph.head,
    generatedAt: now.toISOString(),
  };
  return { json, markdown: renderMarkdown(json) };
}

const cell = (v: unknown) =>
  String(typeof v === 'string' ? v : JSON.stringify(v))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
const text = (v: string | null) => (v === null ? '_Not provided._' : v.replace(/</g, '&lt;'));
const table = (head: string[], rows: unknown[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, ''));

function renderMarkdown(c: ModelCard): string {
  const out: string[] = [`# Model card: ${cell(c.title)}`, ''];
  if (c.overview) out.push(text(c.overview), '');
  out.push('## Model details', '');
  out.push(
    table(['Field', 'Value'], [
      ['Name', c.model.name],
      ['Type', c.model.type],
      ['SHA-256', `\`${c.model.hash}\``],
      ...(c.model.format ? [['Format', c.model.format]] : []),
      ...(c.model.sizeBytes !== undefined ? [['Size (bytes)', String(c.model.sizeBytes)]] : []),
      ['Recorded', c.model.recordedAt],
      ...(c.owners.length ? [['Owners', c.owners.join(', ')]] : []),
      ...(c.license ? [['License', c.license]] : []),
    ]),
    '',
  );
  out.push('## Intended use', '', text(c.intendedUse), '', '## Limitations', '', text(c.limitations), '');
  if (c.ethicalConsiderations !== null) out.push('## Ethical considerations', '', text(c.ethicalConsiderations), '');
  out.push('## Data sources', '');
  out.push(
    c.dataSources.length
      ? table(['Dataset', 'Rows', 'Source', 'SHA-256'], c.dataSources.map((d) => [d.name, d.rowCount ?? '', d.source ?? '', `\`${d.hash}\``]))
      : '_No upstream datasets are recorded._',
    '',
  );
  out.push('## Anonymization', '');
  if (!c.anonymization.length) out.push('_No anonymization step is recorded upstream of this model._', '');
  for (const a of c.anonymization) {
    out.push(`- **${cell(a.operation)}** (${a.status})`);
    const counts = Object.entries(a.counts);
    out.push(counts.length ? `  - entities handled: ${counts.map(([k, v]) => `${cell(k)} ${v}`).join(', ')}` : '  - no entity counts recorded');
  }
  if (c.anonymization.length) out.push('');
  out.push('## Preprocessing', '');
  if (!c.preprocessing.length) out.push('_No preprocessing step is recorded._', '');
  c.preprocessing.forEach((p, i) => {
    const params = Object.keys(p.params).length ? ` with \`${cell(p.params)}\`` : '';
    out.push(`${i + 1}. **${cell(p.operation)}**${params}: ${p.inputs.map(cell).join(', ') || '-'} → ${p.outputs.map(cell).join(', ') || '-'}`);
  });
  if (c.preprocessing.length) out.push('');
  out.push('## Training', '');
  if (!c.training) out.push('_No training run is recorded for this model._', '');
  else {
    const t = c.training;
    out.push(
      table(['Setting', 'Value'], [
        ['Operation', t.operation],
        ...(t.seed !== undefined ? [['Seed', String(t.seed)]] : []),
        ...(t.backend ? [['Backend', t.backend]] : []),
        ...(t.code ? [['Code', [t.code.package, t.code.version, t.code.gitCommit && `git ${t.code.gitCommit.slice(0, 12)}`].filter(Boolean).join(' ')]] : []),
        ['Epochs recorded', String(t.epochs)],
        ...Object.entries(t.config).map(([k, v]) => [`config.${k}`, v]),
      ]),
      '',
      `Training data: ${t.trainingData.map((d) => `${cell(d.name)} (\`${d.hash}\`)`).join(', ') || '_none recorded_'}`,
      '',
    );
    const m = Object.entries(t.metrics);
    if (m.length) out.push('Final training metrics:', '', table(['Metric', 'Value'], m.map(([k, v]) => [k, fmt(v)])), '');
  }
  out.push('## Evaluation', '');
  if (!c.evaluations.length) out.push('_No evaluation of this model is recorded._', '');
  for (const e of c.evaluations) {
    out.push(`Evaluated by **${cell(e.operation)}** on ${e.datasets.map((d) => `${cell(d.name)} (\`${d.hash}\`${d.rowCount !== undefined ? `, ${d.rowCount} rows` : ''})`).join(', ') || '_unrecorded data_'}:`, '');
    out.push(table(['Metric', 'Value'], Object.entries(e.metrics).map(([k, v]) => [k, fmt(v)])), '');
  }
  out.push('## Compression', '');
  if (!c.compression.length) out.push('_No compression is recorded._', '');
  for (const k of c.compression) {
    const params = Object.keys(k.params).length ? ` with \`${cell(k.params)}\`` : '';
    out.push(`- ${k.direction === 'applied' ? 'Produced by' : 'Compressed into'} **${cell(k.operation)}**${params}: ${k.from.map(cell).join(', ')} → ${k.to.map(cell).join(', ')}`);
  }
  if (c.compression.length) out.push('');
  out.push('## Lineage', '');
  out.push(
    c.lineageHead
      ? `Generated ${c.generatedAt} from lineage log entry #${c.lineageHead.seq} (\`${c.lineageHead.hash}\`). ` +
          'Passing this head to `verify({ head })` checks that no entry up to it was changed or removed.'
      : `Generated ${c.generatedAt} from an empty lineage log.`,
    '',
  );
  return out.join('\n');
}
