import { describe, expect, it } from 'vitest';
import { createLineage } from './lineage.js';
import type { RunNode } from './records.js';
import { hashTensors, type TensorLike } from './tensor_fingerprint.js';
import { trainerCallback } from './trainer_callback.js';

const w = (v: number[]): TensorLike => ({ dtype: 'float32', shape: [v.length], dataSync: () => new Float32Array(v) });

async function setup() {
  const lineage = await createLineage({ code: false });
  const train = await lineage.dataset({ name: 'train', json: [[1, 0]] });
  return { lineage, train };
}

describe('trainerCallback', () => {
  it('records a fit() as a training run with epochs, metrics and the model hashed from its weights', async () => {
    const { lineage, train } = await setup();
    const weights = [w([1, 2]), w([3])];
    const cb = trainerCallback(lineage, {
      inputs: [train],
      config: { optimizer: 'adam', lr: 0.01 },
      seed: 3,
      backend: 'wasm',
      model: { name: 'net', format: 'tfjs-layers' },
    });
    // @tessera/trainer hands the model over with setModel; its getWeights() returns named tensors.
    const named = weights.map((tensor, i) => ({ name: `w${i}`, tensor }));
    cb.setModel({ getWeights: () => named });
    await cb.onTrainBegin();
    await cb.onEpochEnd(0, { loss: 1, acc: 0.5, lr: 0.01 });
    await cb.onEpochEnd(1, { loss: 0.5, acc: 0.8, lr: 0.01, note: 'ignored' });
    await cb.onTrainEnd({ val_acc: 0.7 });
    const run = (await cb.run!.node()) as RunNode;
    expect(run).toMatchObject({ runKind: 'training', operation: 'fit', seed: 3, backend: 'wasm', status: 'completed', params: { optimizer: 'adam', lr: 0.01 } });
    expect(run.progress.map((p) => p.metrics.loss)).toEqual([1, 0.5]);
    expect(run.metrics).toEqual({ loss: 0.5, acc: 0.8, lr: 0.01, val_acc: 0.7 });
    expect(cb.artifact).toMatchObject({ kind: 'artifact', name: 'net', artifactType: 'model', format: 'tfjs-layers', hash: await hashTensors(named) });
    expect(run.outputs).toEqual([cb.artifact!.id]);
  });

  it("disposes the clones that the model's getWeights() returned, but not weights the user supplied", async () => {
    const { lineage, train } = await setup();
    const disposable = (v: number[]) => {
      const t = { ...w(v), disposed: 0, dispose: () => void t.disposed++ };
      return t;
    };
    const clones = [disposable([1]), disposable([2, 3])];
    const cb = trainerCallback(lineage, { inputs: [train], model: { name: 'net' } });
    cb.setModel({ getWeights: () => clones.map((tensor, i) => ({ name: `w${i}`, tensor })) });
    await cb.onTrainBegin();
    await cb.onTrainEnd();
    expect(clones.map((t) => t.disposed)).toEqual([1, 1]);

    const mine = [disposable([4])];
    const cb2 = trainerCallback(lineage, { inputs: [train], model: { name: 'net2', weights: () => mine } });
    await cb2.onTrainBegin();
    await cb2.onTrainEnd();
    expect(mine[0]!.disposed).toBe(0);
  });

  it('lists non-finite metrics in the summary instead of losing the run', async () => {
    const { lineage, train } = await setup();
    const cb = trainerCallback(lineage, { inputs: [train] });
    await cb.onTrainBegin();
    await cb.onEpochEnd(0, { loss: Number.NaN, acc: 0.1 });
    await cb.onTrainEnd();
    const run = await cb.run!.node();
    expect(run.metrics).toEqual({ acc: 0.1 });
    expect(run.summary).toEqual({ nonFiniteMetrics: ['epoch 0: loss=NaN'] });
    expect(cb.artifact).toBeNull();
  });

  it('says when it is used out of order or cannot hash the model', async () => {
    const { lineage, train } = await setup();
    const cb = trainerCallback(lineage, { inputs: [train], model: { name: 'm' } });
    await expect(cb.onEpochEnd(0, {})).rejects.toThrow('trainerCallback: onEpochEnd was called before onTrainBegin');
    await cb.onTrainBegin();
    await expect(cb.onTrainBegin()).rejects.toThrow('onTrainBegin called twice');
    await expect(cb.onEpochEnd(-1, {})).rejects.toThrow('onEpochEnd epoch must be a non-negative integer, got the number -1');
    await expect(cb.onTrainEnd()).rejects.toThrow("cannot hash model 'm': give options.model.weights or a model with getWeights()");
    // The run is still open: the trainer (or user) can record the failure, once.
    await cb.fail(new Error('diverged'));
    expect((await cb.run!.node()).status).toBe('failed');
    await cb.fail(new Error('again')); // nothing to record: no error that would hide the trainer's own
    expect((await cb.run!.node()).error).toBe('diverged');
    const early = trainerCallback(lineage, { inputs: [train] });
    await early.fail(new Error('fit failed before training began'));
    expect(early.run).toBeNull();
    expect(() => trainerCallback(lineage, { inputs: 'train' as never })).toThrow('options.inputs must be an array of datasets, got a string of 5 characters');
    expect(() => trainerCallback(lineage, { inputs: [], model: { name: 'x', weights: 3 as never } })).toThrow('options.model.weights must be a function');
  });
});
