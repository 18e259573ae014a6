import type { LineageGraph } from '../lineage_graph.js';
import type { LineageNode, NodeRef } from '../records.js';
import { describe } from './describe.js';

/**
 * Options shared by the graph renderers.
 *
 * @example
 * ```ts
 * toMermaid(graph, { focus: model.id, direction: 'TB' } satisfies GraphViewOptions);
 * ```
 */
export interface GraphViewOptions {
  /** Draw only this node and everything upstream and downstream of it (default: the whole graph). */
  focus?: NodeRef;
  /** Layout direction (default 'LR', left to right). */
  direction?: 'LR' | 'TB';
}

/** Nodes and edges to draw, with display labels. @internal */
export function graphView(graph: LineageGraph, options: GraphViewOptions, caller: string) {
  if (options.direction !== undefined && options.direction !== 'LR' && options.direction !== 'TB') {
    throw new Error(`${caller}: options.direction must be 'LR' or 'TB', got ${describe(options.direction)}`);
  }
  let nodes: LineageNode[];
  if (options.focus !== undefined) {
    const root = graph.get(options.focus, `${caller}: options.focus`);
    const keep = new Set([root.id, ...graph.ancestors(root.id).map((n) => n.id), ...graph.descendants(root.id).map((n) => n.id)]);
    nodes = graph.nodes().filter((n) => keep.has(n.id));
  } else {
    nodes = graph.nodes();
  }
  const key = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const edges: [string, string][] = [];
  for (const n of nodes) {
    if (n.kind !== 'run') continue;
    for (const i of n.inputs) if (key.has(i)) edges.push([key.get(i)!, key.get(n.id)!]);
    for (const o of n.outputs) if (key.has(o)) edges.push([key.get(n.id)!, key.get(o)!]);
  }
  return { nodes: nodes.map((n) => ({ node: n, key: key.get(n.id)!, lines: labelLines(n) })), edges, direction: options.direction ?? 'LR' };
}

function labelLines(n: LineageNode): string[] {
  const short = (h: string) => `${h.slice(0, 15)}…`;
  if (n.kind === 'run') return [n.operation, `${n.runKind}, ${n.status}`];
  if (n.kind === 'artifact') return [n.name, `${n.artifactType} ${short(n.hash)}`];
  return [n.name, n.rowCount !== undefined ? `${short(n.hash)} (${n.rowCount} ${n.rowCount === 1 ? 'row' : 'rows'})` : short(n.hash)];
}
