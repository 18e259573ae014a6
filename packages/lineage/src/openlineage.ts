import { describe } from './internal/describe.js';
import type { LineageGraph } from './lineage_graph.js';
import type { ArtifactNode, DatasetNode, NodeRef, RunNode } from './records.js';

// Runs as OpenLineage 2-0-2 RunEvents (https://openlineage.io/spec/2-0-2/OpenLineage.json):
// a START per run and one terminal COMPLETE, FAIL or ABORT, optionally RUNNING events for
// recorded progress. Datasets and artifacts carry the schema and dataset-version facets; the
// version is the content hash. Facet schema URLs are the published facet versions.

/**
 * The `schemaURL` of every event.
 *
 * @example
 * ```ts
 * events.every((e) => e.schemaURL === OPENLINEAGE_SCHEMA_URL); // true
 * ```
 */
export const OPENLINEAGE_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

const FACET = 'https://openlineage.io/spec/facets';
const FACET_SCHEMAS = {
  schema: `${FACET}/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  version: `${FACET}/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet`,
  outputStatistics: `${FACET}/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet`,
  errorMessage: `${FACET}/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`,
  parent: `${FACET}/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet`,
  jobType: `${FACET}/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`,
  sourceCodeLocation: `${FACET}/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet`,
};

/**
 * The default producer URI.
 *
 * @example
 * ```ts
 * toOpenLineageEvents(graph, { producer: TESSERA_PRODUCER });
 * ```
 */
export const TESSERA_PRODUCER = 'https://www.npmjs.com/package/@tessera/lineage';

/**
 * A facet: any object with the two base fields.
 *
 * @example
 * ```ts
 * const version: OpenLineageFacet | undefined = event.inputs[0]?.facets?.version;
 * ```
 */
export interface OpenLineageFacet {
  readonly _producer: string;
  readonly _schemaURL: string;
  readonly [field: string]: unknown;
}

/**
 * A dataset in an event.
 *
 * @example
 * ```ts
 * const input: OpenLineageDataset = events[0]!.inputs[0]!;
 * input.facets?.version;
 * ```
 */
export interface OpenLineageDataset {
  readonly namespace: string;
  readonly name: string;
  readonly facets?: Readonly<Record<string, OpenLineageFacet>>;
  readonly inputFacets?: Readonly<Record<string, OpenLineageFacet>>;
  readonly outputFacets?: Readonly<Record<string, OpenLineageFacet>>;
}

/**
 * An OpenLineage 2-0-2 RunEvent.
 *
 * @example
 * ```ts
 * const events: OpenLineageRunEvent[] = toOpenLineageEvents(await lineage.graph());
 * ```
 */
export interface OpenLineageRunEvent {
  readonly eventType: 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
  readonly eventTime: string;
  readonly run: { readonly runId: string; readonly facets?: Readonly<Record<string, OpenLineageFacet>> };
  readonly job: { readonly namespace: string; readonly name: string; readonly facets?: Readonly<Record<string, OpenLineageFacet>> };
  readonly inputs: readonly OpenLineageDataset[];
  readonly outputs: readonly OpenLineageDataset[];
  readonly producer: string;
  readonly schemaURL: string;
}

/**
 * Options of `toOpenLineageEvents`.
 *
 * @example
 * ```ts
 * toOpenLineageEvents(graph, { namespace: 'spam-app', includeProgress: true } satisfies OpenLineageOptions);
 * ```
 */
export interface OpenLineageOptions {
  /** Job namespace (default 'tessera'). */
  namespace?: string;
  /** Dataset namespace (default: the job namespace). */
  datasetNamespace?: string;
  /** Producer URI (default the npm page of @tessera/lineage). */
  producer?: string;
  /** Only these runs (default: every run). */
  runs?: readonly NodeRef[];
  /** Also emit a RUNNING event for each recorded epoch or step (default false). */
  includeProgress?: boolean;
}

/**
 * The OpenLineage 2-0-2 RunEvents of the runs in a lineage graph, in time order: for each run
 * a START, RUNNING events if asked, and a COMPLETE, FAIL or ABORT once it ended.
 *
 * @example
 * ```ts
 * const events = toOpenLineageEvents(await lineage.graph(), { namespace: 'spam-app' });
 * await postOpenLineage('http://localhost:5000/api/v1/lineage', events);
 * ```
 */
export function toOpenLineageEvents(graph: LineageGraph, options: OpenLineageOptions = {}): OpenLineageRunEvent[] {
  const namespace = options.namespace ?? 'tessera';
  const dsNamespace = options.datasetNamespace ?? namespace;
  const producer = options.producer ?? TESSERA_PRODUCER;
  for (const [k, v] of [['namespace', namespace], ['datasetNamespace', dsNamespace], ['producer', producer]] as const) {
    if (typeof v !== 'string' || v === '') throw new Error(`toOpenLineageEvents: options.${k} must be a non-empty string, got ${describe(v)}`);
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(producer)) throw new Error(`toOpenLineageEvents: options.producer must be a URI, got a string without a scheme`);
  const runs = options.runs
    ? options.runs.map((r, i) => {
        const node = graph.get(r, `toOpenLineageEvents: options.runs[${i}]`);
        if (node.kind !== 'run') throw new Error(`toOpenLineageEvents: options.runs[${i}] is a ${node.kind}, not a run`);
        return node;
      })
    : graph.runs();
  const facet = (schemaURL: string, fields: Record<string, unknown>): OpenLineageFacet => ({ _producer: producer, _schemaURL: schemaURL, ...fields });
  const datasetOf = (id: string, role: 'input' | 'output'): OpenLineageDataset => {
    const node = graph.get(id) as DatasetNode | ArtifactNode;
    const facets: Record<string, OpenLineageFacet> = {
      version: facet(FACET_SCHEMAS.version, { datasetVersion: node.hash }),
    };
    if (node.kind === 'dataset' && node.schema?.length) {
      facets.schema = facet(FACET_SCHEMAS.schema, {
        fields: node.schema.map((f) => (f.description ? { name: f.name, type: f.type, description: f.description } : { name: f.name, type: f.type })),
      });
    }
    if (node.kind === 'artifact') {
      facets.tessera_artifact = facet(`${TESSERA_PRODUCER}#tessera_artifact-facet`, {
        artifactType: node.artifactType,
        ...(node.format ? { format: node.format } : {}),
        ...(node.sizeBytes !== undefined ? { sizeBytes: node.sizeBytes } : {}),
      });
    }
    const ds: { -readonly [K in keyof OpenLineageDataset]: OpenLineageDataset[K] } = { namespace: dsNamespace, name: node.name, facets };
    if (role === 'output' && node.kind === 'dataset' && node.rowCount !== undefined) {
      ds.outputFacets = { outputStatistics: facet(FACET_SCHEMAS.outputStatistics, { rowCount: node.rowCount }) };
    }
    return ds;
  };
  const events: OpenLineageRunEvent[] = [];
  for (const run of runs) {
    const runFacets: Record<string, OpenLineageFacet> = {
      tessera_run: facet(`${TESSERA_PRODUCER}#tessera_run-facet`, {
        stage: run.stage,
        params: run.params,
        ...(run.seed !== undefined ? { seed: run.seed } : {}),
        ...(run.backend !== undefined ? { backend: run.backend } : {}),
        ...(run.code ? { code: run.code } : {}),
      }),
    };
    if (run.parentRunId) {
      const parent = graph.get(`run:${run.parentRunId}`) as RunNode;
      runFacets.parent = facet(FACET_SCHEMAS.parent, { run: { runId: parent.runId }, job: { namespace, name: parent.operation } });
    }
    const jobFacets: Record<string, OpenLineageFacet> = {
      jobType: facet(FACET_SCHEMAS.jobType, { processingType: 'BATCH', integration: 'TESSERA', jobType: run.runKind.toUpperCase() }),
    };
    const repo = run.code?.repository;
    if (repo && /^https?:\/\//.test(repo)) {
      jobFacets.sourceCodeLocation = facet(FACET_SCHEMAS.sourceCodeLocation, {
        type: 'git',
        url: repo,
        ...(run.code?.gitCommit ? { version: run.code.gitCommit } : {}),
      });
    }
    const job = { namespace, name: run.operation, facets: jobFacets };
    const inputs = run.inputs.map((id) => datasetOf(id, 'input'));
    const base = { producer, schemaURL: OPENLINEAGE_SCHEMA_URL, job, inputs };
    events.push({ ...base, eventType: 'START', eventTime: run.startedAt, run: { runId: run.runId, facets: runFacets }, outputs: [] });
    if (options.includeProgress) {
      for (const p of run.progress) {
        const progressFacet = facet(`${TESSERA_PRODUCER}#tessera_progress-facet`, {
          ...(p.epoch !== undefined ? { epoch: p.epoch } : {}),
          ...(p.step !== undefined ? { step: p.step } : {}),
          metrics: p.metrics,
        });
        events.push({ ...base, eventType: 'RUNNING', eventTime: p.time, run: { runId: run.runId, facets: { tessera_progress: progressFacet } }, outputs: [] });
      }
    }
    if (run.status === 'running') continue;
    const endFacets: Record<string, OpenLineageFacet> = { ...runFacets };
    if (Object.keys(run.metrics).length || run.summary) {
      endFacets.tessera_result = facet(`${TESSERA_PRODUCER}#tessera_result-facet`, {
        metrics: run.metrics,
        ...(run.summary ? { summary: run.summary } : {}),
      });
    }
    if (run.status !== 'completed') {
      endFacets.errorMessage = facet(FACET_SCHEMAS.errorMessage, { message: run.error ?? '', programmingLanguage: 'JavaScript' });
    }
    events.push({
      ...base,
      eventType: run.status === 'completed' ? 'COMPLETE' : run.status === 'aborted' ? 'ABORT' : 'FAIL',
      eventTime: run.endedAt!,
      run: { runId: run.runId, facets: endFacets },
      outputs: run.outputs.map((id) => datasetOf(id, 'output')),
    });
  }
  return events.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
}
