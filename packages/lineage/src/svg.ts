import type { instance as vizInstance } from '@viz-js/viz';
import { toDot } from './dot.js';
import type { GraphViewOptions } from './internal/graph_view.js';
import type { LineageGraph } from './lineage_graph.js';

type VizInstance = Awaited<ReturnType<typeof vizInstance>>;
let viz: Promise<VizInstance> | undefined;

/**
 * The lineage graph as an SVG image, laid out by Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, bundled in its npm package, loaded on first use; works offline, in Node and
 * browsers).
 *
 * @example
 * ```ts
 * await fs.writeFile('lineage.svg', await toSvg(await lineage.graph(), { focus: model.id }));
 * ```
 */
export async function toSvg(graph: LineageGraph, options: GraphViewOptions = {}): Promise<string> {
  const dot = toDot(graph, options);
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    throw new Error(`toSvg: Graphviz could not lay out the graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}
