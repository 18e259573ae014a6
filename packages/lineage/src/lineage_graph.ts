import type { ChainHead, LogEntry } from './hash_chain.js';
import { describe } from './internal/describe.js';
import type {
  ArtifactNode,
  DatasetNode,
  LineageNode,
  NodeRef,
  RunKind,
  RunNode,
  RunProgress,
  RunStatus,
  Stage,
} from './records.js';
import { isFingerprint, type Fingerprint } from './sha256.js';

/**
 * Which node kinds a traversal returns.
 *
 * @example
 * ```ts
 * graph.ancestors(model.id, { kinds: ['dataset'] } satisfies TraversalOptions);
 * ```
 */
export interface TraversalOptions {
  /** Only these kinds (default: all). */
  kinds?: readonly LineageNode['kind'][];
}

/**
 * The answer to "which models used this data" (an erasure request).
 *
 * @example
 * ```ts
 * const impact: ErasureImpact = graph.erasureImpact(userData.id);
 * impact.artifacts.map((a) => a.name);
 * ```
 */
export interface ErasureImpact {
  /** The dataset versions asked about. */
  readonly sources: readonly DatasetNode[];
  /** Every run that read them, directly or through derived data. */
  readonly runs: readonly RunNode[];
  /** Every dataset derived from them. */
  readonly datasets: readonly DatasetNode[];
  /** Every artifact (model, compressed model) derived from them: what must be retrained or withdrawn. */
  readonly artifacts: readonly ArtifactNode[];
}

type MutableRun = { -readonly [K in keyof RunNode]: RunNode[K] } & {
  outputs: string[];
  progress: RunProgress[];
  metrics: Record<string, number>;
};

/**
 * The lineage graph folded from a log: datasets and artifacts, and the runs between them.
 * Get one from `lineage.graph()`; it is a snapshot and does not change when the log grows.
 *
 * @example
 * ```ts
 * const g = await lineage.graph();
 * g.ancestors(model.id, { kinds: ['dataset'] }).map((d) => d.name);
 * g.erasureImpact(rawEmails.id).artifacts; // the models to retrain
 * ```
 */
export class LineageGraph {
  private readonly byId = new Map<string, LineageNode>();
  private readonly order: string[] = [];
  private readonly consumers = new Map<string, string[]>();
  private readonly producers = new Map<string, string[]>();
  private readonly problemList: string[] = [];
  private lastHead: ChainHead | null = null;

  /** Applies one verified log entry. @internal */
  apply(entry: LogEntry): void {
    const b = entry.body;
    this.lastHead = { seq: entry.seq, hash: entry.hash };
    const problem = (what: string): void => void this.problemList.push(`entry #${entry.seq} (${entry.type}): ${what}`);
    switch (entry.type) {
      case 'dataset':
      case 'artifact': {
        const id = b.id as string;
        if (this.byId.has(id)) return; // the same content registered again
        const node = { ...b, kind: entry.type, recordedAt: entry.time, seq: entry.seq } as unknown as LineageNode;
        this.add(node);
        return;
      }
      case 'run_start': {
        const id = `run:${b.runId as string}`;
        if (this.byId.has(id)) return problem(`run ${id} started twice`);
        const run: MutableRun = {
          kind: 'run',
          id,
          runId: b.runId as string,
          runKind: b.runKind as RunKind,
          operation: b.operation as string,
          stage: b.stage as Stage,
          status: 'running',
          inputs: b.inputs as string[],
          outputs: [],
          params: (b.params ?? {}) as Record<string, unknown>,
          startedAt: entry.time,
          metrics: {},
          progress: [],
          seq: entry.seq,
        };
        if (b.code !== undefined) run.code = b.code as RunNode['code'];
        if (b.seed !== undefined) run.seed = b.seed as number;
        if (b.backend !== undefined) run.backend = b.backend as string;
        if (b.parentRunId !== undefined) run.parentRunId = b.parentRunId as string;
        for (const input of run.inputs) this.link(this.consumers, input, id);
        this.add(run);
        return;
      }
      default: {
        const run = this.byId.get(`run:${b.runId as string}`) as MutableRun | undefined;
        if (!run || run.kind !== 'run') return problem(`refers to unknown run ${String(b.runId)}`);
        if (run.status !== 'running') return problem(`run ${run.id} already ended (${run.status})`);
        if (entry.type === 'run_progress') {
          const p: { -readonly [K in keyof RunProgress]: RunProgress[K] } = { metrics: b.metrics as Record<string, number>, time: entry.time };
          if (b.epoch !== undefined) p.epoch = b.epoch as number;
          if (b.step !== undefined) p.step = b.step as number;
          run.progress.push(p);
        } else if (entry.type === 'run_complete') {
          run.status = 'completed';
          run.endedAt = entry.time;
          run.outputs = b.outputs as string[];
          const last = run.progress.at(-1)?.metrics ?? {};
          run.metrics = { ...last, ...((b.metrics ?? {}) as Record<string, number>) };
          if (b.summary !== undefined) run.summary = b.summary as Record<string, unknown>;
          for (const out of run.outputs) this.link(this.producers, out, run.id);
        } else {
          run.status = (b.aborted ? 'aborted' : 'failed') as RunStatus;
          run.endedAt = entry.time;
          run.error = b.message as string;
          run.metrics = { ...(run.progress.at(-1)?.metrics ?? {}) };
        }
      }
    }
  }

  private add(node: LineageNode): void {
    this.byId.set(node.id, node);
    this.order.push(node.id);
  }

  private link(map: Map<string, string[]>, key: string, value: string): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  /** The last entry folded into this graph. */
  get head(): ChainHead | null {
    return this.lastHead;
  }

  /** Inconsistencies met while folding (a completion for a run that never started, say). */
  get problems(): readonly string[] {
    return this.problemList;
  }

  /**
   * Every node, in the order it entered the log.
   * @example
   * ```ts
   * (await lineage.graph()).nodes().length;
   * ```
   */
  nodes(): LineageNode[] {
    return this.order.map((id) => this.byId.get(id)!);
  }

  /** Every run, in log order. @example `graph.runs().filter((r) => r.status === 'failed')` */
  runs(): RunNode[] {
    return this.nodes().filter((n): n is RunNode => n.kind === 'run');
  }

  /** Every dataset version, in log order. @example `graph.datasets().map((d) => d.hash)` */
  datasets(): DatasetNode[] {
    return this.nodes().filter((n): n is DatasetNode => n.kind === 'dataset');
  }

  /** Every artifact, in log order. @example `graph.artifacts().filter((a) => a.artifactType === 'model')` */
  artifacts(): ArtifactNode[] {
    return this.nodes().filter((n): n is ArtifactNode => n.kind === 'artifact');
  }

  /** True when `ref` names a node of this graph. @example `graph.has('run:0190...')` */
  has(ref: NodeRef): boolean {
    return this.byId.has(typeof ref === 'string' ? ref : ref?.id);
  }

  /**
   * The node with this id.
   * @throws Error naming the id, with similar ids when there are some
   * @example
   * ```ts
   * graph.get(model.id).kind; // 'artifact'
   * ```
   */
  get(ref: NodeRef, caller = 'get'): LineageNode {
    const id = typeof ref === 'string' ? ref : ref && typeof ref === 'object' ? ref.id : undefined;
    if (typeof id !== 'string') throw new Error(`${caller}: expected a node id or a node, got ${describe(ref)}`);
    const node = this.byId.get(id);
    if (node) return node;
    const needle = id.replace(/^(dataset|artifact|run):/, '').split('@')[0]!.toLowerCase();
    const near = needle
      ? this.order.filter((n) => n.toLowerCase().includes(needle)).slice(0, 3)
      : [];
    throw new Error(
      `${caller}: '${id}' is not a node of this lineage log (${this.order.length} nodes; ids look like ` +
        `'dataset:<name>@sha256:…', 'artifact:<name>@sha256:…' or 'run:<uuid>')` +
        (near.length ? `; similar ids: ${near.map((n) => `'${n}'`).join(', ')}` : ''),
    );
  }

  /**
   * Everything upstream of a node: the runs that produced it, their inputs, and so on back to the
   * raw data. Nearest first.
   *
   * @example
   * ```ts
   * graph.ancestors(model.id, { kinds: ['dataset'] }); // every dataset the model came from
   * ```
   */
  ancestors(ref: NodeRef, options: TraversalOptions = {}): LineageNode[] {
    return this.walk(ref, options, 'ancestors', (id) => {
      const node = this.byId.get(id)!;
      return node.kind === 'run' ? node.inputs : (this.producers.get(id) ?? []);
    });
  }

  /**
   * Everything downstream of a node: the runs that read it, what they produced, and so on.
   * Nearest first.
   *
   * @example
   * ```ts
   * graph.descendants(rawData.id, { kinds: ['artifact'] });
   * ```
   */
  descendants(ref: NodeRef, options: TraversalOptions = {}): LineageNode[] {
    return this.walk(ref, options, 'descendants', (id) => {
      const node = this.byId.get(id)!;
      return node.kind === 'run' ? node.outputs : (this.consumers.get(id) ?? []);
    });
  }

  private walk(ref: NodeRef, options: TraversalOptions, caller: string, next: (id: string) => readonly string[]): LineageNode[] {
    const start = this.get(ref, caller).id;
    const kinds = options.kinds;
    if (kinds !== undefined && (!Array.isArray(kinds) || kinds.some((k) => !['dataset', 'artifact', 'run'].includes(k)))) {
      throw new Error(`${caller}: options.kinds must be an array of 'dataset', 'artifact' or 'run', got ${describe(kinds)}`);
    }
    const seen = new Set([start]);
    const out: LineageNode[] = [];
    let frontier = [start];
    while (frontier.length) {
      const following: string[] = [];
      for (const id of frontier) {
        for (const n of next(id)) {
          if (seen.has(n) || !this.byId.has(n)) continue;
          seen.add(n);
          following.push(n);
          const node = this.byId.get(n)!;
          if (!kinds || kinds.includes(node.kind)) out.push(node);
        }
      }
      frontier = following;
    }
    return out;
  }

  /**
   * Which runs, datasets and artifacts derive from a dataset, given by id, node or content hash
   * (a hash matches every version registered with that content, under any name).
   *
   * @example
   * ```ts
   * const impact = graph.erasureImpact('sha256:9f86d0...');
   * impact.artifacts.map((a) => a.name); // models trained on that data
   * ```
   */
  erasureImpact(ref: NodeRef | Fingerprint): ErasureImpact {
    let sources: DatasetNode[];
    if (typeof ref === 'string' && isFingerprint(ref)) {
      sources = this.datasets().filter((d) => d.hash === ref);
      if (!sources.length) throw new Error(`erasureImpact: no dataset with hash ${ref} is in this lineage log`);
    } else {
      const node = this.get(ref, 'erasureImpact');
      if (node.kind !== 'dataset') throw new Error(`erasureImpact: '${node.id}' is a ${node.kind}, not a dataset`);
      sources = [node];
    }
    const found = new Map<string, LineageNode>();
    for (const s of sources) for (const d of this.descendants(s.id)) found.set(d.id, d);
    const all = [...found.values()].sort((a, b) => a.seq - b.seq);
    return {
      sources,
      runs: all.filter((n): n is RunNode => n.kind === 'run'),
      datasets: all.filter((n): n is DatasetNode => n.kind === 'dataset'),
      artifacts: all.filter((n): n is ArtifactNode => n.kind === 'artifact'),
    };
  }

  /** The runs that produced a dataset or artifact (usually one). @example `graph.producersOf(model.id)[0]?.operation` */
  producersOf(ref: NodeRef): RunNode[] {
    const id = this.get(ref, 'producersOf').id;
    return (this.producers.get(id) ?? []).map((r) => this.byId.get(r) as RunNode);
  }

  /** The runs that read a dataset or artifact. @example `graph.consumersOf(testSet.id)` */
  consumersOf(ref: NodeRef): RunNode[] {
    const id = this.get(ref, 'consumersOf').id;
    return (this.consumers.get(id) ?? []).map((r) => this.byId.get(r) as RunNode);
  }
}
