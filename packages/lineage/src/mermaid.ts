import { graphView, type GraphViewOptions } from './internal/graph_view.js';
import type { LineageGraph } from './lineage_graph.js';

// Mermaid labels are quoted; characters with meaning inside them are written as Mermaid's
// numeric entities (#34; for a quote), and line breaks as <br/>.
function label(lines: string[]): string {
  const esc = (s: string) =>
    s.replace(/#/g, '#35;').replace(/"/g, '#34;').replace(/</g, '#60;').replace(/>/g, '#62;').replace(/[\r\n]+/g, ' ');
  return `"${lines.map(esc).join('<br/>')}"`;
}

/**
 * The lineage graph as a Mermaid flowchart: datasets as cylinders, artifacts as boxes, runs as
 * rounded nodes, failed runs in red. Paste it into Markdown on GitHub or GitLab.
 *
 * @example
 * ```ts
 * const text = toMermaid(await lineage.graph(), { focus: model.id });
 * // flowchart LR
 * //   n0[("emails<br/>sha256:1f2e3d4c…")] ...
 * ```
 */
export function toMermaid(graph: LineageGraph, options: GraphViewOptions = {}): string {
  const view = graphView(graph, options, 'toMermaid');
  const out = [`flowchart ${view.direction}`];
  for (const { node, key, lines } of view.nodes) {
    const l = label(lines);
    const shape = node.kind === 'dataset' ? `[(${l})]` : node.kind === 'artifact' ? `[[${l}]]` : `(${l})`;
    out.push(`  ${key}${shape}`);
  }
  for (const [a, b] of view.edges) out.push(`  ${a} --> ${b}`);
  const failed = view.nodes.filter((n) => n.node.kind === 'run' && n.node.status !== 'completed' && n.node.status !== 'running');
  if (failed.length) {
    out.push('  classDef failed fill:#fdd,stroke:#c00');
    out.push(`  class ${failed.map((n) => n.key).join(',')} failed`);
  }
  return `${out.join('\n')}\n`;
}
