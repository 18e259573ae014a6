import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks } from '@tessera/backend';
import { Accuracy, MeanSquaredError } from '@tessera/metrics';
import {
  Adam,
  SGD,
  evaluate,
  fit,
  predict,
  softmaxCrossEntropy,
  meanSquaredError,
  LearningRateMonitor,
  stepDecay,
  l1l2Penalty,
  lambdaCallback,
  type Batch,
  type Callback,
} from './index.js';
import { TestLinear, TestMLP } from '../test/helpers/models.js';
import { blobTensors, maxAbsDiff, weightValues } from '../test/helpers/data.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('fit', () => {
  it('trains an MLP to high accuracy; logs train/val loss and metrics; tensor count constant across epochs; no leaks', async () => {
    const train = blobTensors(240, 4, 3, 1);
    const val = blobTensors(90, 4, 3, 1); // same centers (same seed), fresh noise draws below
    const model = new TestMLP([4, 16, 3], 7);
    const counts: number[] = [];
    const opt = new Adam({ learningRate: 0.02 });
    const history = await expectNoLeaks(async () => {
      const h = await fit(model, train, {
        epochs: 6,
        batchSize: 32,
        optimizer: opt,
        loss: softmaxCrossEntropy(),
        metrics: [new Accuracy()],
        validationData: val,
        seed: 3,
        callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
      });
      opt.dispose();
      return h;
    });
    expect(history.epochs).toHaveLength(6);
    expect(Object.keys(history.epochs[0]!)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr']);
    expect(history.history.val_accuracy!.at(-1)).toBeGreaterThan(0.95);
    expect(history.epochs.at(-1)!.loss).toBeLessThan(history.epochs[0]!.loss!);
    expect(history.steps).toHaveLength(6 * 8);
    expect(history.steps.at(-1)).toMatchObject({ epoch: 5, batch: 7, step: 48, size: 16 });
    expect(history.stopReason).toBe('completed');
    // Leak-free long runs: same live tensor count after epoch 1 as after epoch N.
    expect(new Set(counts).size).toBe(1);
    // The reported val_accuracy equals an independent evaluation of the final model.
    const logs = await expectNoLeaks(() => evaluate(model, val, { loss: 'softmaxCrossEntropy', metrics: [new Accuracy()] }));
    expect(logs.accuracy).toBeCloseTo(history.epochs.at(-1)!.val_accuracy!, 12);
    expect(logs.loss).toBeCloseTo(history.epochs.at(-1)!.val_loss!, 5);
    tf.dispose([train.x, train.y, val.x, val.y]);
    model.dispose();
  });

  it('is deterministic for a seed and shuffles differently for another', async () => {
    const data = blobTensors(64, 4, 2, 2);
    const run = async (seed: number): Promise<Float32Array[]> => {
      const m = new TestMLP([4, 8, 2], 1);
      const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
      await fit(m, data, { epochs: 2, batchSize: 10, optimizer: opt, loss: 'softmaxCrossEntropy', seed });
      const w = weightValues(m);
      m.dispose();
      opt.dispose();
      return w;
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(maxAbsDiff(a, b)).toBe(0);
    expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-4);
    tf.dispose([data.x, data.y]);
  });

  it('accumulateSteps: two batches of 8 accumulated equal one batch of 16 (SGD, no shuffle)', async () => {
    const data = blobTensors(64, 4, 2, 3);
    const run = async (batchSize: number, accumulateSteps: number): Promise<{ w: Float32Array[]; steps: number }> => {
      const m = new TestMLP([4, 8, 2], 2);
      const opt = new SGD({ learningRate: 0.2 });
      await fit(m, data, { epochs: 2, batchSize, accumulateSteps, shuffle: false, optimizer: opt, loss: 'softmaxCrossEntropy' });
      const w = weightValues(m);
      m.dispose();
      return { w, steps: opt.iterations };
    };
    const big = await run(16, 1);
    const acc = await run(8, 2);
    expect(acc.steps).toBe(big.steps); // 8 optimizer steps either way
    expect(maxAbsDiff(big.w, acc.w)).toBeLessThan(1e-5);
    const odd = await run(8, 3); // 8 batches per epoch: steps after 3, 6, and a partial one at the epoch end
    expect(odd.steps).toBe(6);
    tf.dispose([data.x, data.y]);
  });

  it('gradientClip: norm bounds the global step size; value bounds each element', async () => {
    const data = blobTensors(32, 4, 2, 4, 3);
    for (const algorithm of ['norm', 'value'] as const) {
      const m = new TestMLP([4, 8, 2], 3);
      const before = weightValues(m);
      const lr = 1;
      const h = await fit(m, data, {
        epochs: 1,
        batchSize: 32,
        maxSteps: 1,
        optimizer: new SGD({ learningRate: lr }),
        loss: 'softmaxCrossEntropy',
        gradientClip: { algorithm, value: 0.01 },
        logGradNorm: true,
      });
      const after = weightValues(m);
      const deltas = after.flatMap((w, i) => Array.from(w, (x, j) => x - (before[i] as Float32Array)[j]!));
      expect(h.steps[0]!.gradNorm!).toBeGreaterThan(0.05); // unclipped norm is larger than the limit
      if (algorithm === 'norm') {
        const n = Math.sqrt(deltas.reduce((s, d) => s + d * d, 0));
        expect(n).toBeCloseTo(0.01 * lr, 6); // rescaled exactly to the limit
      } else {
        expect(Math.max(...deltas.map(Math.abs))).toBeCloseTo(0.01 * lr, 6);
      }
      m.dispose();
    }
    tf.dispose([data.x, data.y]);
  });

  it('NaN guard stops with the step and the first variable with a bad gradient', async () => {
    const x = tf.tensor2d([[1, 2, 3, 4], [1, NaN, 0, 0], [0, 0, 0, 1], [2, 2, 2, 2]]);
    const y = tf.tensor1d([0, 1, 0, 1], 'int32');
    const m = new TestMLP([4, 3, 2], 4);
    const failed: unknown[] = [];
    await expect(
      expectNoLeaks(() => fit(m, { x, y }, { epochs: 1, batchSize: 2, shuffle: false, optimizer: new SGD(), loss: 'softmaxCrossEntropy', callbacks: [{ fail: (e) => void failed.push(e) }] })),
    ).rejects.toThrow(/fit: non-finite loss \(NaN\) at epoch 0, batch 0 \(optimizer step 1\); first non-finite gradient: variable 0 'dense_0\/kernel' \[4, 3\] has NaN at flat index 0/);
    expect(failed).toHaveLength(1);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('an abort signal rejects after the current batch, leaves no tensors, and calls fail()', async () => {
    const data = blobTensors(64, 4, 2, 5);
    const m = new TestMLP([4, 4, 2], 5);
    const ctrl = new AbortController();
    const events: string[] = [];
    const opt = new SGD({ learningRate: 0.1, momentum: 0.5 });
    await expect(
      expectNoLeaks(
        async () => {
          try {
            await fit(m, data, {
              epochs: 3,
              batchSize: 8,
              optimizer: opt,
              loss: 'softmaxCrossEntropy',
              signal: ctrl.signal,
              callbacks: [
                {
                  onBatchEnd: (b) => {
                    events.push(`batch ${b}`);
                    if (b === 1) ctrl.abort(new Error('user pressed stop'));
                  },
                  fail: (e) => void events.push(`fail: ${(e as Error).message}`),
                },
              ],
            });
          } finally {
            opt.dispose();
          }
        },
      ),
    ).rejects.toThrow(/fit: aborted by options.signal at epoch 0, optimizer step 2/);
    expect(events).toEqual(['batch 0', 'batch 1', 'fail: fit: aborted by options.signal at epoch 0, optimizer step 2']);
    tf.dispose([data.x, data.y]);
    m.dispose();
  });

  it('takes iterables of batches: arrays (kept), functions of the epoch and epoch-aware datasets (disposed)', async () => {
    const d = blobTensors(48, 4, 2, 6);
    const batches = (): Batch[] =>
      [0, 16, 32].map((s) => ({ xs: tf.slice(d.x, [s], [16]), ys: tf.slice(d.y, [s], [16]) }));
    const arr = batches();
    const m = new TestMLP([4, 4, 2], 6);
    await expectNoLeaks(() => fit(m, arr, { epochs: 2, optimizer: new SGD(), loss: 'softmaxCrossEntropy' }));
    expect(arr.every((b) => !(b.ys as tf.Tensor).isDisposed)).toBe(true); // an array is re-used, not disposed
    tf.dispose(arr.flatMap((b) => [b.xs as tf.Tensor, b.ys]));

    const seen: number[] = [];
    const dataset = {
      iterate({ epoch }: { epoch: number }) {
        seen.push(epoch);
        return (async function* () {
          yield* batches();
        })();
      },
      [Symbol.asyncIterator]() {
        throw new Error('the trainer should call iterate({ epoch })');
      },
    };
    const before = tf.memory().numTensors;
    await fit(m, dataset, { epochs: 3, optimizer: new SGD(), loss: 'softmaxCrossEntropy' });
    expect(seen).toEqual([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before); // batches from a dataset are disposed
    const fnSeen: number[] = [];
    await fit(m, (epoch) => (fnSeen.push(epoch), batches()[Symbol.iterator]()) as unknown as Iterable<Batch>, { epochs: 2, optimizer: new SGD(), loss: 'softmaxCrossEntropy', disposeBatches: true });
    expect(fnSeen).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(before);

    const oneShot = (async function* () {
      yield* batches();
    })();
    await expect(fit(m, oneShot, { epochs: 2, optimizer: new SGD(), loss: 'softmaxCrossEntropy' })).rejects.toThrow(
      /fit: trainData must produce at least one batch in epoch 1; got no batches \(a one-shot generator/,
    );
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('maxSteps and limitTrainBatches end early with a reason', async () => {
    const d = blobTensors(64, 4, 2, 7);
    const m = new TestMLP([4, 4, 2], 7);
    const h = await fit(m, d, { epochs: 10, batchSize: 8, maxSteps: 11, optimizer: new SGD(), loss: 'softmaxCrossEntropy' });
    expect(h.steps.at(-1)!.step).toBe(11);
    expect(h.stopReason).toBe('maxSteps 11 reached');
    expect(h.epochs).toHaveLength(2);
    const h2 = await fit(m, d, { epochs: 2, batchSize: 8, limitTrainBatches: 3, optimizer: new SGD(), loss: 'softmaxCrossEntropy' });
    expect(h2.steps).toHaveLength(6);
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('a schedule is followed per step (LearningRateMonitor sees valueAt(step))', async () => {
    const d = blobTensors(40, 4, 2, 8);
    const m = new TestMLP([4, 4, 2], 8);
    const schedule = stepDecay({ initialLearningRate: 0.1, stepSize: 3, gamma: 0.5 });
    const lrm = new LearningRateMonitor({ every: 'step' });
    const h = await fit(m, d, { epochs: 2, batchSize: 8, optimizer: new SGD({ learningRate: schedule }), loss: 'softmaxCrossEntropy', callbacks: [lrm] });
    expect(lrm.values.map((v) => v.lr)).toEqual(Array.from({ length: 10 }, (_, i) => schedule.valueAt(i)));
    expect(h.epochs[1]!.lr).toBe(schedule.valueAt(10));
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('regularization adds the L2 penalty to the logged loss', async () => {
    const x = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
    const y = tf.tensor2d([[1], [2], [3]]);
    const m = new TestLinear([[0.5], [-0.5]]);
    const h = await fit(m, { x, y }, { epochs: 1, batchSize: 3, optimizer: new SGD({ learningRate: 0 }), loss: meanSquaredError(), regularization: { l2: 0.1 }, metrics: [new MeanSquaredError()] });
    // Predictions 0.5, -0.5, 0 -> MSE (0.25 + 6.25 + 9) / 3; penalty 0.1 * (0.25 + 0.25).
    expect(h.epochs[0]!.loss).toBeCloseTo(15.5 / 3 + 0.05, 5);
    expect(h.epochs[0]!.mse).toBeCloseTo(15.5 / 3, 5);
    const p = l1l2Penalty(m.trainableVariables, { l2: 0.1 });
    expect(p.dataSync()[0]).toBeCloseTo(0.05, 6);
    tf.dispose([x, y, p]);
    m.dispose();
  });

  it('calls a structural (lineage-style) callback in order with the model', async () => {
    const d = blobTensors(16, 4, 2, 9);
    const m = new TestMLP([4, 2], 9);
    const calls: string[] = [];
    const cb: Callback = {
      setModel: (model) => void calls.push(`setModel ${model === m}`),
      onTrainBegin: async () => void calls.push('trainBegin'),
      onEpochBegin: (e) => void calls.push(`epochBegin ${e}`),
      onBatchBegin: (b) => void calls.push(`batchBegin ${b}`),
      onBatchEnd: (b, logs) => void calls.push(`batchEnd ${b} ${typeof logs?.loss}`),
      onEpochEnd: async (e, logs) => void calls.push(`epochEnd ${e} ${Object.keys(logs ?? {}).join(',')}`),
      onTrainEnd: () => void calls.push('trainEnd'),
    };
    await fit(m, d, { epochs: 2, batchSize: 8, optimizer: new SGD(), loss: 'softmaxCrossEntropy', callbacks: [lambdaCallback(cb)] });
    expect(calls).toEqual([
      'setModel true', 'trainBegin',
      'epochBegin 0', 'batchBegin 0', 'batchEnd 0 number', 'batchBegin 1', 'batchEnd 1 number', 'epochEnd 0 loss,lr',
      'epochBegin 1', 'batchBegin 0', 'batchEnd 0 number', 'batchBegin 1', 'batchEnd 1 number', 'epochEnd 1 loss,lr',
      'trainEnd',
    ]);
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('renders loss/metric curves to SVG when asked', async () => {
    const d = blobTensors(32, 4, 2, 10);
    const m = new TestMLP([4, 4, 2], 10);
    const h = await fit(m, d, { epochs: 3, batchSize: 16, optimizer: new Adam({ learningRate: 0.01 }), loss: 'softmaxCrossEntropy', metrics: [new Accuracy()], validationData: d, curves: { title: 'Blobs' } });
    const svg = h.curvesSvg ?? '';
    expect(svg.startsWith('<svg')).toBe(true);
    for (const word of ['Blobs', 'loss', 'accuracy', 'validation', 'train']) expect(svg).toContain(word);
    // one line per (metric, split): 4 paths with the line role
    expect((svg.match(/aria-roledescription="line mark"/g) ?? []).length).toBe(4);
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('predict batches inference and applies an activation', async () => {
    const d = blobTensors(50, 4, 3, 11);
    const m = new TestMLP([4, 5, 3], 11);
    const p = await expectNoLeaks(() => predict(m, d.x, { batchSize: 16, activation: 'softmax' }), { allow: 1 });
    expect(p.shape).toEqual([50, 3]);
    const direct = tf.tidy(() => tf.softmax(m.apply(d.x)));
    expect(Math.max(...Array.from(tf.tidy(() => tf.abs(tf.sub(p, direct))).dataSync()))).toBeLessThan(1e-6);
    tf.dispose([p, direct, d.x, d.y]);
    m.dispose();
  });

  it('errors name the argument', async () => {
    const d = blobTensors(8, 4, 2, 12);
    const m = new TestMLP([4, 2], 12);
    const base = { epochs: 1, optimizer: new SGD(), loss: 'softmaxCrossEntropy' as const };
    await expect(fit(m, d, { ...base, epochs: -1 })).rejects.toThrow(/fit: options.epochs must be an integer >= 0; got -1/);
    await expect(fit(m, d, { ...base, optimizer: {} as never })).rejects.toThrow(/fit: options.optimizer must be a trainer Optimizer/);
    await expect(fit(m, d, { ...base, batchSize: 0 })).rejects.toThrow(/fit: options.batchSize must be an integer >= 1; got 0/);
    await expect(fit(m, { x: d.x, y: tf.zeros([3]) }, base)).rejects.toThrow(/fit: trainData.x must have 3 samples like trainData.y; got shape \[8, 4\]/);
    await expect(fit({} as never, d, base)).rejects.toThrow(/fit: model must have an apply\(x, options\) method/);
    await expect(fit(m, d, { ...base, gradientClip: { algorithm: 'l2' as never, value: 1 } })).rejects.toThrow(/fit: options.gradientClip must be/);
    await expect(fit(m, [{ xs: d.x, ys: tf.zeros([2]) }], base)).rejects.toThrow(/fit: trainData batch 0.xs must have 2 samples like ys/);
    await expect(fit(m, d, { ...base, metrics: [new Accuracy(), new Accuracy()] })).rejects.toThrow(/fit: options.metrics\[1\].name must be unique/);
    const matrixMetric = { name: 'cm', higherIsBetter: true, update: () => {}, compute: () => [[1, 0], [0, 1]], reset: () => {} };
    await expect(fit(m, d, { ...base, metrics: [matrixMetric] })).rejects.toThrow(/fit: metric 'cm' must compute\(\) a number to log/);
    tf.dispose([d.x, d.y]);
    m.dispose();
  });
});
