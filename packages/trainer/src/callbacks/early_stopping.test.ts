import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks } from '@tessera/backend';
import { Accuracy } from '@tessera/metrics';
import { EarlyStopping, SGD, fit, meanSquaredError, type Logs } from '../index.js';
import { TestLinear, TestMLP } from '../../test/helpers/models.js';
import { blobTensors, maxAbsDiff, weightValues } from '../../test/helpers/data.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/**
 * y = 2x for training, y = x for validation: gradient descent from w = 0 moves w toward 2, so
 * the validation loss falls until w passes 1 and then rises; the best epoch is in the middle.
 */
function slopeData(): { train: { x: tf.Tensor; y: tf.Tensor }; val: { x: tf.Tensor; y: tf.Tensor } } {
  const xs = [[0.5], [1], [-1], [1.5], [-0.7], [0.2]];
  const x = tf.tensor2d(xs);
  return { train: { x, y: tf.mul(x, 2) }, val: { x, y: tf.clone(x) } };
}

describe('EarlyStopping', () => {
  it('stops after patience epochs and really restores the best epoch weights', async () => {
    const { train, val } = slopeData();
    const model = new TestLinear([[0]]);
    const snapshots: Float32Array[][] = [];
    const valLoss: number[] = [];
    const es = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const opt = new SGD({ learningRate: 0.05 });
    const h = await expectNoLeaks(() =>
      fit(model, train, {
        epochs: 50,
        batchSize: 6,
        optimizer: opt,
        loss: meanSquaredError(),
        validationData: val,
        callbacks: [
          {
            onEpochEnd: (_e: number, logs?: Logs) => {
              snapshots.push(weightValues(model));
              valLoss.push(logs!.val_loss!);
            },
          },
          es,
        ],
      }),
    );
    const best = valLoss.indexOf(Math.min(...valLoss));
    expect(best).toBeGreaterThan(2); // the curve really went down first
    expect(es.bestEpoch).toBe(best);
    expect(es.stoppedEpoch).toBe(best + 2);
    expect(h.epochs).toHaveLength(best + 3);
    expect(h.stopReason).toMatch(/^early stopping: val_loss did not improve for 2 epoch\(s\) \(best .* at epoch \d+\)$/);
    expect(es.restoredEpoch).toBe(best);
    const final = weightValues(model);
    expect(maxAbsDiff(final, snapshots[best]!)).toBe(0);
    expect(maxAbsDiff(final, snapshots.at(-1)!)).toBeGreaterThan(1e-3);
    tf.dispose([train.x, train.y, val.y]);
    model.dispose();
  });

  it('restores at the end even when training ran out of epochs; mode auto follows higherIsBetter', async () => {
    const { train, val } = slopeData();
    const model = new TestLinear([[0]]);
    const snapshots: Float32Array[][] = [];
    const es = new EarlyStopping({ patience: 100, restoreBestWeights: true });
    await fit(model, train, {
      epochs: 30,
      batchSize: 6,
      optimizer: new SGD({ learningRate: 0.05 }),
      loss: meanSquaredError(),
      validationData: val,
      callbacks: [{ onEpochEnd: () => void snapshots.push(weightValues(model)) }, es],
    });
    expect(es.stoppedEpoch).toBe(-1);
    expect(es.bestEpoch).toBeLessThan(29);
    expect(maxAbsDiff(weightValues(model), snapshots[es.bestEpoch]!)).toBe(0);
    tf.dispose([train.x, train.y, val.y]);
    model.dispose();

    // val_accuracy is maximised (the metric says higherIsBetter) without giving a mode.
    const d = blobTensors(60, 4, 2, 1);
    const m = new TestMLP([4, 4, 2], 1);
    const es2 = new EarlyStopping({ monitor: 'val_accuracy', patience: 1 });
    const h = await fit(m, d, { epochs: 8, batchSize: 20, optimizer: new SGD({ learningRate: 0.5 }), loss: 'softmaxCrossEntropy', metrics: [new Accuracy()], validationData: d, callbacks: [es2] });
    const accs = h.history.val_accuracy!;
    expect(es2.best).toBe(Math.max(...accs));
    tf.dispose([d.x, d.y]);
    m.dispose();
  });

  it('names the missing monitor and what was logged', async () => {
    const { train, val } = slopeData();
    const model = new TestLinear([[0]]);
    await expect(
      fit(model, train, { epochs: 2, optimizer: new SGD(), loss: meanSquaredError(), callbacks: [new EarlyStopping()] }),
    ).rejects.toThrow(/EarlyStopping: logs.val_loss must be logged \(available: loss, lr; validation values need validationData\); got undefined/);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/EarlyStopping: options.patience must be an integer >= 0/);
    tf.dispose([train.x, train.y, val.y]);
    model.dispose();
  });
});
