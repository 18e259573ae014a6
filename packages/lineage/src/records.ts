import type { Fingerprint } from './sha256.js';

// What the lineage graph is made of. The log stores events (a dataset registered, a run started,
// a run completed); these node types are what folding those events gives.

/**
 * One column or field of a dataset.
 *
 * @example
 * ```ts
 * const schema: FieldSchema[] = [{ name: 'text', type: 'string' }, { name: 'label', type: 'integer' }];
 * ```
 */
export interface FieldSchema {
  readonly name: string;
  /** A type name such as 'string', 'integer', 'float32[28,28]'. */
  readonly type: string;
  readonly description?: string;
}

/**
 * The code that ran: package name and version, and the git commit when known.
 *
 * @example
 * ```ts
 * const code: CodeVersion = { package: 'spam-app', version: '1.2.0', gitCommit: '3f2a...' };
 * ```
 */
export interface CodeVersion {
  readonly package?: string;
  readonly version?: string;
  readonly gitCommit?: string;
  /** The repository URL, used as OpenLineage's source-code location when it is an http(s) URL. */
  readonly repository?: string;
}

/**
 * A version of a dataset: content-addressed by its hash.
 *
 * @example
 * ```ts
 * const node: DatasetNode = await lineage.dataset({ name: 'tiny', json: [1, 2] });
 * node.hash;
 * ```
 */
export interface DatasetNode {
  readonly kind: 'dataset';
  /** `dataset:<name>@<hash>`: the same content under the same name is the same node. */
  readonly id: string;
  readonly name: string;
  readonly hash: Fingerprint;
  readonly schema?: readonly FieldSchema[];
  readonly rowCount?: number;
  /** Where it came from: a path, URL or description. */
  readonly source?: string;
  readonly description?: string;
  readonly recordedAt: string;
  /** The log entry that registered it. */
  readonly seq: number;
}

/**
 * A produced artifact: a trained model, a compressed model, a report.
 *
 * @example
 * ```ts
 * const model = (await lineage.graph()).artifacts().find((a: ArtifactNode) => a.artifactType === 'model');
 * ```
 */
export interface ArtifactNode {
  readonly kind: 'artifact';
  /** `artifact:<name>@<hash>`. */
  readonly id: string;
  readonly name: string;
  readonly hash: Fingerprint;
  /** 'model', 'compressed-model', or any other label. */
  readonly artifactType: string;
  readonly format?: string;
  readonly sizeBytes?: number;
  readonly description?: string;
  readonly recordedAt: string;
  readonly seq: number;
}

/**
 * What sort of run: a data transform, a training run or an evaluation.
 *
 * @example
 * ```ts
 * const kind: RunKind = 'training';
 * ```
 */
export type RunKind = 'transform' | 'training' | 'evaluation';

/**
 * Where in the pipeline a run sits; model cards group runs by it.
 *
 * @example
 * ```ts
 * await lineage.start('strip-html', { inputs: [raw], stage: 'preprocess' as Stage });
 * ```
 */
export type Stage = 'anonymize' | 'preprocess' | 'train' | 'evaluate' | 'compress' | 'other';

/**
 * The state of a run.
 *
 * @example
 * ```ts
 * const status: RunStatus = (await handle.node()).status; // 'running' | 'completed' | ...
 * ```
 */
export type RunStatus = 'running' | 'completed' | 'failed' | 'aborted';

/**
 * Metrics reported during a run (one epoch, one step).
 *
 * @example
 * ```ts
 * const last: RunProgress | undefined = run.progress.at(-1);
 * ```
 */
export interface RunProgress {
  readonly epoch?: number;
  readonly step?: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly time: string;
}

/**
 * One execution of an operation: inputs to outputs, with its settings and results.
 *
 * @example
 * ```ts
 * const run = (await handle.node()) as RunNode;
 * run.metrics;
 * ```
 */
export interface RunNode {
  readonly kind: 'run';
  /** `run:<runId>`. */
  readonly id: string;
  /** A UUID, also the OpenLineage runId. */
  readonly runId: string;
  readonly runKind: RunKind;
  /** The operation name ('anonymize', 'tokenize', 'fit'); the OpenLineage job name. */
  readonly operation: string;
  readonly stage: Stage;
  readonly status: RunStatus;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Parameters or training config, with secret-looking keys redacted before they were logged. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly code?: CodeVersion;
  readonly seed?: number;
  readonly backend?: string;
  readonly parentRunId?: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  /** Final metrics (for a training run, the last epoch's merged with those given at completion). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly progress: readonly RunProgress[];
  /** A JSON summary given at completion, e.g. `{ counts: { EMAIL: 12 } }` for anonymization. */
  readonly summary?: Readonly<Record<string, unknown>>;
  /** The failure message, for failed or aborted runs. */
  readonly error?: string;
  readonly seq: number;
}

/**
 * Any node of the lineage graph.
 *
 * @example
 * ```ts
 * const node: LineageNode = (await lineage.graph()).get(id);
 * if (node.kind === 'run') node.status;
 * ```
 */
export type LineageNode = DatasetNode | ArtifactNode | RunNode;

/**
 * A node or its id, as accepted wherever a node is named.
 *
 * @example
 * ```ts
 * const ref: NodeRef = 'dataset:emails@sha256:...'; // or the node object itself
 * ```
 */
export type NodeRef = string | { readonly id: string };
