/**
 * The acceptance check of issue 6, shared by the cpu and wasm test files: the seed CNN of
 * @tessera/models trains on generated separable images to > 95% validation accuracy, and the
 * number of live tensors is the same after epoch 1 as after epoch N.
 */
import { expect } from 'vitest';
import { tf, expectNoLeaks } from '@tessera/backend';
import { Accuracy } from '@tessera/metrics';
import { cnn } from '@tessera/models';
import { Adam, fit, type History } from '../../src/index.js';
import { patchImages } from './data.js';

export interface SeedCnnRun {
  history: History;
  tensorCounts: number[];
  ms: number;
}

/** Trains `cnn({ inputShape: [size, size, channels], filters: [32, 64], dense: [128], numClasses: 10 })`. */
export async function trainSeedCnn(opts: { size: number; channels: number; epochs: number; train: number; val: number }): Promise<SeedCnnRun> {
  const train = patchImages(opts.train, opts.size, 10, 1, opts.channels);
  const val = patchImages(opts.val, opts.size, 10, 2, opts.channels);
  const model = cnn({ inputShape: [opts.size, opts.size, opts.channels], filters: [32, 64], dense: [128], numClasses: 10, seed: 1 });
  const optimizer = new Adam({ learningRate: 0.002 });
  const tensorCounts: number[] = [];
  const t0 = performance.now();
  const history = await expectNoLeaks(async () => {
    const h = await fit(model, train, {
      epochs: opts.epochs,
      batchSize: 32,
      seed: 3,
      optimizer,
      loss: 'softmaxCrossEntropy',
      metrics: [new Accuracy()],
      validationData: val,
      callbacks: [{ onEpochEnd: () => void tensorCounts.push(tf.memory().numTensors) }],
    });
    optimizer.dispose();
    return h;
  });
  const ms = performance.now() - t0;
  tf.dispose([train.x, train.y, val.x, val.y]);
  model.dispose();
  return { history, tensorCounts, ms };
}

/** The assertions of the acceptance check. */
export function expectSeedCnnTrained(run: SeedCnnRun): void {
  expect(run.history.epochs.at(-1)!.val_accuracy).toBeGreaterThan(0.95);
  expect(run.tensorCounts.length).toBeGreaterThan(1);
  expect(new Set(run.tensorCounts).size).toBe(1);
}
