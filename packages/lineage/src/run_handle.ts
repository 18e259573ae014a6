import { canonicalJson } from './canonical_json.js';
import { describe, isObjectArg } from './internal/describe.js';
import { errorMessage } from './internal/node.js';
import { checkMetrics } from './internal/check.js';
import type { CompleteOptions, Lineage, ProgressUpdate } from './lineage.js';
import type { RunNode } from './records.js';

/**
 * A run in progress, returned by `lineage.start`. End it exactly once, with `complete` or `fail`.
 *
 * @example
 * ```ts
 * const run = await lineage.start('clean', { inputs: [raw] });
 * try {
 *   const rows = clean(data);
 *   await run.complete({ outputs: [{ kind: 'dataset', name: 'clean', records: rows }] });
 * } catch (e) {
 *   await run.fail(e);
 *   throw e;
 * }
 * ```
 */
export class RunHandle {
  /** @internal */
  constructor(
    private readonly lineage: Lineage,
    /** The run's UUID (also its OpenLineage runId). */
    readonly runId: string,
  ) {}

  /** The run's node id, `run:<runId>`. */
  get id(): string {
    return `run:${this.runId}`;
  }

  /**
   * The run as recorded now.
   * @example
   * ```ts
   * (await run.node()).status; // 'running'
   * ```
   */
  async node(): Promise<RunNode> {
    return (await this.lineage.graph()).get(this.id) as RunNode;
  }

  private async mustBeRunning(caller: string): Promise<void> {
    const node = await this.node();
    if (node.status !== 'running') throw new Error(`${caller}: run '${this.id}' already ended (${node.status} at ${node.endedAt})`);
  }

  /**
   * Records progress: one epoch's or step's metrics (an OpenLineage RUNNING event on export).
   * @example
   * ```ts
   * await run.progress({ epoch: 3, metrics: { loss: 0.21, acc: 0.93 } });
   * ```
   */
  async progress(update: ProgressUpdate): Promise<void> {
    if (!isObjectArg(update)) throw new Error(`run.progress: update must be { epoch?, step?, metrics }, got ${describe(update)}`);
    for (const k of ['epoch', 'step'] as const) {
      const v = update[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new Error(`run.progress: update.${k} must be a non-negative integer, got ${describe(v)}`);
    }
    const metrics = checkMetrics(update.metrics, 'run.progress: update.metrics');
    await this.mustBeRunning('run.progress');
    await this.lineage.append('run_progress', { runId: this.runId, epoch: update.epoch, step: update.step, metrics });
    await this.lineage.graph();
  }

  /**
   * Ends the run successfully, recording its outputs (registered nodes, or inline dataset and
   * artifact descriptions that are hashed and registered now), metrics and summary.
   *
   * @throws Error when the run already ended, an output is unknown or invalid, or a metric is not
   * a finite number; nothing is recorded for the run then, and it can be completed again
   * @example
   * ```ts
   * await run.complete({ outputs: [{ kind: 'dataset', name: 'train', records }], metrics: { dropped: 3 } });
   * ```
   */
  async complete(options: CompleteOptions = {}): Promise<RunNode> {
    if (!isObjectArg(options)) throw new Error(`run.complete: options must be an object, got ${describe(options)}`);
    const metrics = options.metrics === undefined ? undefined : checkMetrics(options.metrics, 'run.complete: options.metrics');
    if (options.summary !== undefined) {
      if (!isObjectArg(options.summary)) throw new Error(`run.complete: options.summary must be an object, got ${describe(options.summary)}`);
      canonicalJson(options.summary, 'run.complete: options.summary');
    }
    await this.mustBeRunning('run.complete');
    const outputs = await this.lineage.resolveOutputs(options.outputs ?? [], 'run.complete');
    await this.lineage.append('run_complete', { runId: this.runId, outputs, metrics, summary: options.summary });
    return this.node();
  }

  /**
   * Ends the run as failed (or aborted), recording the error message. Exported as an
   * OpenLineage FAIL (or ABORT) event with an errorMessage facet.
   *
   * @example
   * ```ts
   * await run.fail(new Error('out of memory'));
   * ```
   */
  async fail(error: unknown, options: { aborted?: boolean } = {}): Promise<RunNode> {
    await this.mustBeRunning('run.fail');
    const message = errorMessage(error).slice(0, 2000);
    await this.lineage.append('run_fail', { runId: this.runId, message, aborted: options.aborted === true ? true : undefined });
    return this.node();
  }
}
