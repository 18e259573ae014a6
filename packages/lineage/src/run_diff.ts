import { canonicalJson } from './canonical_json.js';
import { describe, isPlainObject } from './internal/describe.js';
import type { RunNode } from './records.js';

/**
 * One difference between two runs: where, and the value on each side (undefined when absent).
 *
 * @example
 * ```ts
 * for (const c of diffRuns(a, b).config as RunChange[]) console.log(c.path, c.a, '->', c.b);
 * ```
 */
export interface RunChange {
  /** Dotted path, with [i] for array items: 'params.optimizer.lr', 'inputs[0]'. */
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

/**
 * What differs between two runs: their configuration, and separately their results.
 *
 * @example
 * ```ts
 * const diff: RunDiff = await lineage.diffRuns(runA, runB);
 * ```
 */
export interface RunDiff {
  /** Operation, kind, parameters, seed, backend, code version and inputs. */
  readonly config: readonly RunChange[];
  /** Final metrics. */
  readonly metrics: readonly RunChange[];
}

/**
 * Compares two runs' configurations (parameters, seed, backend, code, inputs) and metrics, like
 * MLflow's run comparison.
 *
 * @example
 * ```ts
 * const g = await lineage.graph();
 * diffRuns(g.get(runA.id) as RunNode, g.get(runB.id) as RunNode).config;
 * // [{ path: 'params.lr', a: 0.01, b: 0.001 }]
 * ```
 */
export function diffRuns(a: RunNode, b: RunNode): RunDiff {
  for (const [name, run] of [['a', a], ['b', b]] as const) {
    if (!run || run.kind !== 'run') throw new Error(`diffRuns: ${name} must be a run node, got ${describe(run)}`);
  }
  const configOf = (r: RunNode) => ({
    operation: r.operation,
    runKind: r.runKind,
    params: r.params,
    seed: r.seed,
    backend: r.backend,
    code: r.code,
    inputs: r.inputs,
  });
  const config: RunChange[] = [];
  compare(configOf(a), configOf(b), '', config);
  const metrics: RunChange[] = [];
  compare(a.metrics, b.metrics, 'metrics', metrics);
  return { config, metrics };
}

function compare(a: unknown, b: unknown, path: string, out: RunChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) compare(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) compare(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a === undefined && b === undefined) return;
  if (a === undefined || b === undefined || canonicalJson(a) !== canonicalJson(b)) out.push({ path, a, b });
}
