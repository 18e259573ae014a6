import { describe, expect, it } from 'vitest';
import { createLineage } from './lineage.js';
import { createMemoryStore } from './memory_store.js';

describe('Lineage records', () => {
  it('registers content-addressed datasets idempotently', async () => {
    const store = createMemoryStore();
    const lineage = await createLineage({ store, code: false });
    const a = await lineage.dataset({ name: 'd', records: [{ x: 1 }] });
    const b = await lineage.dataset({ name: 'd', records: [{ x: 1 }] });
    expect(b).toEqual(a);
    expect((await lineage.verify()).entries).toBe(1);
    const c = await lineage.dataset({ name: 'd', records: [{ x: 2 }] });
    expect(c.id).not.toBe(a.id);
    expect(a.id).toBe(`dataset:d@${a.hash}`);
  });

  it('validates arguments and says what came', async () => {
    const lineage = await createLineage({ code: false });
    await expect(lineage.dataset({ name: '' } as never)).rejects.toThrow('dataset: name must be a non-empty string, got a string of 0 characters');
    await expect(lineage.dataset({ name: 'x' })).rejects.toThrow('dataset: give exactly one of hash, file, bytes, text, json, records, stream, tensor, tensors to fingerprint the content, got none');
    await expect(lineage.dataset({ name: 'x', text: 'a', json: 1 })).rejects.toThrow('got text and json');
    await expect(lineage.dataset({ name: 'x', hash: 'md5:1' as never })).rejects.toThrow("dataset: hash must be 'sha256:' and 64 lowercase hex digits");
    await expect(lineage.dataset({ name: 'x', text: 'a', rowCount: -1 })).rejects.toThrow('dataset: rowCount must be a non-negative integer, got the number -1');
    await expect(lineage.dataset({ name: 'x', text: 'a', schema: [{ name: 'a' }] as never })).rejects.toThrow('dataset: schema[0] must be { name: string, type: string }');
    await expect(lineage.start('op', { kind: 'batch' as never })).rejects.toThrow('start: options.kind must be one of transform, training, evaluation');
    await expect(lineage.start('op', { params: { lr: Number.NaN } })).rejects.toThrow('run_start entry.params.lr is NaN');
    await expect(createLineage({ clock: 5 as never })).rejects.toThrow('createLineage: options.clock must be a function');
    expect((await lineage.verify()).entries).toBe(0); // nothing was written by the failures
  });

  it('ends a run exactly once and keeps it open when completion fails', async () => {
    const lineage = await createLineage({ code: false });
    const input = await lineage.dataset({ name: 'in', text: 'a' });
    const run = await lineage.start('clean', { inputs: [input] });
    await expect(run.complete({ metrics: { loss: Number.NaN } })).rejects.toThrow('run.complete: options.metrics.loss must be a finite number, got NaN');
    await expect(run.complete({ outputs: [{ kind: 'dataset', name: 'out' } as never] })).rejects.toThrow('run.complete: outputs[0]: give exactly one of');
    await expect(run.complete({ outputs: [run.id] })).rejects.toThrow("run.complete: outputs[0] is a run");
    expect((await run.node()).status).toBe('running');
    await run.complete({ outputs: [{ kind: 'dataset', name: 'out', text: 'b' }], metrics: { kept: 1 } });
    await expect(run.complete()).rejects.toThrow(`run.complete: run '${run.id}' already ended (completed at`);
    await expect(run.fail(new Error('late'))).rejects.toThrow('run.fail: run');
    await expect(run.progress({ metrics: { a: 1 } })).rejects.toThrow('run.progress: run');
    expect((await lineage.verify()).ok).toBe(true);
  });

  it('sees entries that another writer appended to the same store', async () => {
    const store = createMemoryStore();
    const a = await createLineage({ store, code: false });
    const b = await createLineage({ store, code: false });
    const d = await a.dataset({ name: 'shared', text: 'x' });
    const run = await b.start('use', { inputs: [d.id] });
    await run.complete();
    expect((await a.graph()).runs().map((r) => r.operation)).toEqual(['use']);
  });

  it('memory store round-trips through JSONL text', async () => {
    const store = createMemoryStore();
    const lineage = await createLineage({ store, code: false });
    await lineage.dataset({ name: 'a', text: 'a' });
    await lineage.dataset({ name: 'b', text: 'b' });
    const restored = await createLineage({ store: createMemoryStore({ jsonl: store.exportJsonl(), head: store.head()! }), code: false });
    expect((await restored.verify()).ok).toBe(true);
    expect((await restored.graph()).datasets().map((d) => d.name)).toEqual(['a', 'b']);
    expect(() => createMemoryStore({ jsonl: 5 as never })).toThrow('createMemoryStore: options.jsonl must be a string');
  });
});
