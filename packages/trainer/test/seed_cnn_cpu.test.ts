import { beforeAll, describe, it } from 'vitest';
import { useBackend } from '@tessera/backend';
import { expectSeedCnnTrained, trainSeedCnn } from './helpers/seed_cnn.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('seed CNN on cpu', () => {
  it('trains to > 95% accuracy on separable 16x16 images; tensor count same after epoch 1 and N', async () => {
    const run = await trainSeedCnn({ size: 16, channels: 1, epochs: 3, train: 320, val: 160 });
    console.log(`seed CNN cpu 16x16: val_accuracy ${run.history.history.val_accuracy!.join(', ')}; ${run.ms.toFixed(0)} ms; tensors after each epoch ${run.tensorCounts.join(', ')}`);
    expectSeedCnnTrained(run);
  });
});
