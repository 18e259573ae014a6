import { graphView, type GraphViewOptions } from './internal/graph_view.js';
import type { LineageGraph } from './lineage_graph.js';

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

/**
 * The lineage graph as Graphviz DOT text: datasets as cylinders, artifacts as boxes (3D), runs
 * as rounded boxes, failed runs filled red. Render it with `dot -Tsvg` or `toSvg`.
 *
 * @example
 * ```ts
 * const dot = toDot(await lineage.graph());
 * // digraph lineage { rankdir=LR; "n0" [label="emails\nsha256:…", shape=cylinder]; ... }
 * ```
 */
export function toDot(graph: LineageGraph, options: GraphViewOptions = {}): string {
  const view = graphView(graph, options, 'toDot');
  const out = ['digraph lineage {', `  rankdir=${view.direction};`, '  node [fontname="Helvetica", fontsize=11];'];
  for (const { node, key, lines } of view.nodes) {
    const attrs = [`label=${quote(lines.join('\n'))}`];
    if (node.kind === 'dataset') attrs.push('shape=cylinder');
    else if (node.kind === 'artifact') attrs.push('shape=box3d');
    else {
      attrs.push('shape=box');
      const bad = node.status === 'failed' || node.status === 'aborted';
      attrs.push(bad ? 'style="rounded,filled"' : 'style=rounded');
      if (bad) attrs.push('fillcolor="#ffdddd"');
    }
    out.push(`  ${quote(key)} [${attrs.join(', ')}];`);
  }
  for (const [a, b] of view.edges) out.push(`  ${quote(a)} -> ${quote(b)};`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
