import { describe, expect, it } from 'vitest';
import { hashRecords } from './fingerprint.js';
import { createLineage } from './lineage.js';
import type { RunNode } from './records.js';
import { recordStep } from './record_step.js';

async function setup() {
  const lineage = await createLineage({ code: false });
  const input = await lineage.dataset({ name: 'in', json: [1, 2, 3] });
  return { lineage, input };
}

describe('recordStep', () => {
  it('passes items through unchanged and records the output dataset they make up', async () => {
    const { lineage, input } = await setup();
    const rows = [{ id: 1, text: 'a' }, { id: 2, text: 'b' }, { id: 3, text: null }];
    async function* source() {
      yield* rows;
    }
    const seen: unknown[] = [];
    const step = recordStep(lineage, source(), { operation: 'normalize', inputs: [input], params: { lower: true }, output: { name: 'norm' } });
    // Nothing is recorded before the iteration starts.
    expect((await lineage.graph()).runs()).toHaveLength(0);
    for await (const r of step) seen.push(r);
    expect(seen).toEqual(rows);
    const g = await lineage.graph();
    const run = g.runs()[0]!;
    expect(run).toMatchObject({ operation: 'normalize', status: 'completed', inputs: [input.id], params: { lower: true }, stage: 'preprocess' });
    const out = g.get(run.outputs[0]!);
    expect(out).toMatchObject({ kind: 'dataset', name: 'norm', rowCount: 3, hash: await hashRecords(rows) });
    expect(out.kind === 'dataset' && out.schema).toEqual([{ name: 'id', type: 'integer' }, { name: 'text', type: 'string' }]);
  });

  it('hashes tensor items by content and records the first full pass only', async () => {
    const { lineage } = await setup();
    const items = [0, 1].map((i) => ({ xs: { dtype: 'float32', shape: [2], dataSync: () => new Float32Array([i, i + 1]) }, ys: i }));
    const step = recordStep(lineage, items, { operation: 'batch', output: { name: 'batches' } });
    for await (const _ of step) void _;
    for await (const _ of step) void _;
    const g = await lineage.graph();
    expect(g.runs()).toHaveLength(1);
    const out = g.get(g.runs()[0]!.outputs[0]!);
    expect(out.kind === 'dataset' && out.schema).toEqual([{ name: 'xs', type: 'float32[2]' }, { name: 'ys', type: 'integer' }]);
  });

  it('fails the run when the source throws, and aborts it when the consumer stops early', async () => {
    const { lineage } = await setup();
    async function* broken() {
      yield { a: 1 };
      throw new Error('source broke');
    }
    await expect(async () => {
      for await (const _ of recordStep(lineage, broken(), { operation: 'read', output: { name: 'x' } })) void _;
    }).rejects.toThrow('source broke');
    for await (const _ of recordStep(lineage, [1, 2, 3], { operation: 'take', output: { name: 'y' } })) break;
    const runs = (await lineage.graph()).runs() as RunNode[];
    expect(runs.map((r) => [r.operation, r.status, r.error])).toEqual([
      ['read', 'failed', 'source broke'],
      ['take', 'aborted', 'the consumer stopped after 1 item'],
    ]);
    expect(runs.every((r) => r.outputs.length === 0)).toBe(true);
  });

  it('fails the run with a message naming the item JSON cannot hold', async () => {
    const { lineage } = await setup();
    await expect(async () => {
      for await (const _ of recordStep(lineage, [{ v: 1 }, { v: Number.NaN }], { operation: 'scale', output: { name: 'z' } })) void _;
    }).rejects.toThrow('record 1.v is NaN');
    expect((await lineage.graph()).runs()[0]!.status).toBe('failed');
  });

  it('checks its arguments at once', async () => {
    const { lineage } = await setup();
    expect(() => recordStep(lineage, 5 as never, { operation: 'x', output: { name: 'y' } })).toThrow('recordStep: source must be an iterable or async iterable, got the number 5');
    expect(() => recordStep(lineage, [], { operation: '', output: { name: 'y' } })).toThrow('recordStep: options.operation must be a non-empty string');
    expect(() => recordStep(lineage, [], { operation: 'x' } as never)).toThrow('recordStep: options.output must be { name, schema? }, got undefined');
  });
});
