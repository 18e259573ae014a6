import { describe, expect, it } from 'vitest';
import { toDot } from '../src/dot.js';
import { createLineage } from '../src/lineage.js';
import { toMermaid } from '../src/mermaid.js';
import { toSvg } from '../src/svg.js';
import { buildPipeline, steppingClock } from './helpers/pipeline.js';

async function graph() {
  const lineage = await createLineage({ clock: steppingClock(), code: false });
  const p = await buildPipeline(lineage);
  const odd = await lineage.dataset({ name: 'quote " and <tag> # \\ back', text: 'x' });
  const run = await lineage.start('broken', { inputs: [odd] });
  await run.fail(new Error('boom'));
  return { g: await lineage.graph(), p };
}

describe('graph output', () => {
  it('Mermaid: one node per lineage node, one edge per input and output, escaped labels', async () => {
    const { g } = await graph();
    const text = toMermaid(g);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    const nodeLines = text.split('\n').filter((l) => /^ {2}n\d+[[(]/.test(l));
    expect(nodeLines).toHaveLength(g.nodes().length);
    const edges = text.split('\n').filter((l) => l.includes('-->'));
    const expectedEdges = g.runs().reduce((s, r) => s + r.inputs.length + r.outputs.length, 0);
    expect(edges).toHaveLength(expectedEdges);
    expect(text).toContain('[("emails-raw<br/>sha256:');
    expect(text).toContain('quote #34; and #60;tag#62; #35; \\ back');
    expect(text).toMatch(/class n\d+ failed/);
  });

  it('DOT: valid quoting, shapes, failed runs highlighted, and a focus subgraph', async () => {
    const { g, p } = await graph();
    const dot = toDot(g);
    expect(dot).toContain('label="quote \\" and <tag> # \\\\ back\\n');
    expect(dot).toMatch(/"n\d+" \[label="broken\\ntransform, failed", shape=box, style="rounded,filled", fillcolor="#ffdddd"\]/);
    const focused = toDot(g, { focus: p.test, direction: 'TB' });
    expect(focused).toContain('rankdir=TB');
    expect(focused).toContain('label="test\\n');
    expect(focused).toContain('label="evaluate\\n');
    expect(focused).not.toContain('weather');
    expect(() => toDot(g, { direction: 'RL' as never })).toThrow("toDot: options.direction must be 'LR' or 'TB'");
  });

  it('SVG: Graphviz (wasm, offline) lays out the DOT graph', async () => {
    const { g, p } = await graph();
    const svg = await toSvg(g, { focus: p.model });
    expect(svg).toContain('<svg');
    expect(svg).toContain('spam&#45;model'); // Graphviz writes '-' as an entity
    // Every node of the focus subgraph is drawn as a Graphviz node group.
    const nodes = toDot(g, { focus: p.model }).split('\n').filter((l) => /^ {2}"n\d+" \[/.test(l)).length;
    expect(svg.match(/class="node"/g)).toHaveLength(nodes);
  });
});
