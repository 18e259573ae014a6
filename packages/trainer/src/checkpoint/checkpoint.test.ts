import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks } from '@tessera/backend';
import { Accuracy } from '@tessera/metrics';
import {
  Adam,
  EarlyStopping,
  ModelCheckpoint,
  decodeCheckpoint,
  disposeCheckpoint,
  encodeCheckpoint,
  fit,
  loadCheckpoint,
  memoryCheckpointStore,
  reduceOnPlateau,
  type Checkpoint,
  type TrainerHandle,
} from '../index.js';
import { TestMLP } from '../../test/helpers/models.js';
import { blobTensors, maxAbsDiff, weightValues } from '../../test/helpers/data.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('checkpoints', () => {
  it('encode as safetensors (readable by a plain header parser) and decode back', async () => {
    const ckpt: Checkpoint = {
      epoch: 3,
      globalStep: 30,
      seed: 7,
      weights: [
        { name: 'a/kernel', tensor: tf.tensor2d([[1, 2], [3, 4.5]]) },
        { name: 'a/bias', tensor: tf.tensor1d([-1, 0]) },
        { name: 'steps', tensor: tf.tensor1d([5], 'int32') },
      ],
      optimizer: { name: 'adam', iterations: 30, config: { lr: 0.1 }, variableShapes: [[2]], slots: [{ name: 'm/0', tensor: tf.tensor1d([0.25, 0.5]) }] },
      rng: [1, 2, 3, 4],
      history: { epochs: [{ loss: 1 }, { loss: NaN }], steps: [] },
      callbacks: [{ index: 1, name: 'EarlyStopping', json: { best: Infinity, worst: -Infinity }, tensors: [{ name: 'w', tensor: tf.tensor1d([9]) }] }],
      privacy: { rdp: [0.5, 1] },
    };
    const bytes = encodeCheckpoint(ckpt);
    // Independent safetensors read: u64 header length, JSON header, 8-byte aligned data.
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['weights/0']).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    expect(header['weights/2'].dtype).toBe('I32');
    const raw = bytes.slice(8 + n + 16, 8 + n + 24);
    expect(Array.from(new Float32Array(raw.buffer))).toEqual([-1, 0]);
    expect(header.__metadata__.format).toBe('tessera-checkpoint');

    const back = await expectNoLeaks(() => decodeCheckpoint(bytes), { allow: 5 });
    expect(back.epoch).toBe(3);
    expect(back.weights.map((w) => w.name)).toEqual(['a/kernel', 'a/bias', 'steps']);
    expect(Array.from(back.weights[0]!.tensor.dataSync())).toEqual([1, 2, 3, 4.5]);
    expect(back.weights[2]!.tensor.dtype).toBe('int32');
    expect(back.optimizer.slots[0]!.name).toBe('m/0');
    expect(back.callbacks[0]!.json).toEqual({ best: Infinity, worst: -Infinity });
    expect(back.history.epochs[1]!.loss).toBeNaN();
    expect(back.privacy).toEqual({ rdp: [0.5, 1] });
    expect(Array.from(back.callbacks[0]!.tensors[0]!.tensor.dataSync())).toEqual([9]);
    await expectNoLeaks(() => disposeCheckpoint(back), { allow: -5 });

    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4))).toThrow(/decodeCheckpoint: bytes must hold tensor .* \(the file is truncated\?\)/);
    expect(() => decodeCheckpoint(bytes.subarray(0, 20))).toThrow(/decodeCheckpoint: bytes must hold a \d+-byte header \(the file is truncated\?\)/);
    disposeCheckpoint(ckpt);
  });

  it('resuming from an epoch-2 checkpoint gives the same weights and loss curve as an uninterrupted run', async () => {
    const data = blobTensors(120, 4, 3, 2, 1.2);
    const val = blobTensors(60, 4, 3, 2, 1.2);
    const config = () => ({
      optimizer: new Adam({ learningRate: reduceOnPlateau({ initialLearningRate: 0.03, patience: 0, factor: 0.5, monitor: 'val_loss', minDelta: 0.05 }) }),
      loss: 'softmaxCrossEntropy' as const,
      batchSize: 16,
      seed: 11,
      metrics: [new Accuracy()],
      validationData: val,
    });
    const full = new TestMLP([4, 12, 3], 3);
    const fullCfg = config();
    const storeFull = memoryCheckpointStore();
    const fullHist = await fit(full, data, { ...fullCfg, epochs: 5, callbacks: [new EarlyStopping({ patience: 10, restoreBestWeights: false }), new ModelCheckpoint({ store: storeFull, monitor: 'val_accuracy' })] });
    // The schedule really changed the rate (so its state matters for the resume).
    expect(new Set(fullHist.history.lr).size).toBeGreaterThan(1);

    const store = memoryCheckpointStore();
    const first = new TestMLP([4, 12, 3], 3);
    const firstCfg = config();
    const mc = new ModelCheckpoint({ store, name: 'epoch-{epoch}' });
    await fit(first, data, { ...firstCfg, epochs: 2, callbacks: [new EarlyStopping({ patience: 10 }), mc] });
    expect(await store.list()).toEqual(['epoch-1', 'epoch-2']);
    first.dispose();
    firstCfg.optimizer.dispose();

    const ckpt = (await loadCheckpoint(store, 'epoch-2')) as Checkpoint;
    expect(ckpt.epoch).toBe(2);
    const resumed = new TestMLP([4, 12, 3], 99); // different init: the checkpoint must overwrite it
    const resumedCfg = config();
    const es = new EarlyStopping({ patience: 10 });
    const h = await fit(resumed, data, { ...resumedCfg, epochs: 5, resumeFrom: ckpt, callbacks: [es, new ModelCheckpoint({ store, name: 'epoch-{epoch}' })] });
    disposeCheckpoint(ckpt);
    expect(maxAbsDiff(weightValues(resumed), weightValues(full))).toBe(0);
    expect(h.history.loss).toEqual(fullHist.history.loss);
    expect(h.history.val_loss).toEqual(fullHist.history.val_loss);
    expect(h.history.lr).toEqual(fullHist.history.lr);
    expect(h.steps).toEqual(fullHist.steps);
    expect(resumedCfg.optimizer.iterations).toBe(fullCfg.optimizer.iterations);

    const best = (await loadCheckpoint(storeFull, 'best')) as Checkpoint;
    const accs = fullHist.history.val_accuracy!;
    expect(best.epoch).toBe(accs.indexOf(Math.max(...accs)) + 1);
    disposeCheckpoint(best);
    await expect(fit(resumed, data, { ...config(), epochs: 6, seed: 12, resumeFrom: (await loadCheckpoint(store, 'epoch-5'))! })).rejects.toThrow(
      /fit: options.seed must equal the checkpoint's seed 11 for an exact resume; got 12/,
    );
    tf.dispose([data.x, data.y, val.x, val.y]);
    [full, resumed].forEach((m) => m.dispose());
  });

  it('checkpoint() refuses mid-epoch snapshots (they could not resume exactly)', async () => {
    const data = blobTensors(16, 4, 2, 3);
    const m = new TestMLP([4, 2], 1);
    let handle: TrainerHandle | null = null;
    await expect(
      fit(m, data, {
        epochs: 1,
        batchSize: 8,
        optimizer: new Adam(),
        loss: 'softmaxCrossEntropy',
        callbacks: [{ setTrainer: (t) => void (handle = t), onBatchEnd: () => void handle?.checkpoint() }],
      }),
    ).rejects.toThrow(/TrainerHandle.checkpoint: checkpoints are taken between epochs/);
    tf.dispose([data.x, data.y]);
    m.dispose();
  });
});
