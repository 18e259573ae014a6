import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks, Rng } from '@tessera/backend';
import { Accuracy } from '@tessera/metrics';
import { SGD, computeRdp, dpSgdGradients, epsilonFromRdp, fit, meanSquaredError, DEFAULT_RDP_ORDERS } from '../index.js';
import { TestLinear, TestMLP } from '../../test/helpers/models.js';
import { blobTensors } from '../../test/helpers/data.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('DP-SGD', () => {
  it('clips each example gradient to l2NormClip before averaging (float64 reference, no noise)', async () => {
    const X = [[1, 2], [0.1, -0.2], [3, -1], [-2, 0.5]];
    const Y = [1, 0.3, -4, 2];
    const W = [0.5, -0.25];
    const C = 1.5;
    const model = new TestLinear([[W[0]!], [W[1]!]]);
    const x = tf.tensor2d(X);
    const y = tf.tensor2d(Y, [4, 1]);
    const r = await expectNoLeaks(
      () => dpSgdGradients({ model, loss: meanSquaredError(), xs: x, ys: y, l2NormClip: C, noiseMultiplier: 0, rng: new Rng(0) }),
      { allow: 3 },
    );
    // l_i = (x_i . w - y_i)^2, g_i = 2 (x_i . w - y_i) x_i, clipped to norm C, averaged.
    const ref = [0, 0];
    let clipped = 0;
    X.forEach((xi, i) => {
      const e = xi[0]! * W[0]! + xi[1]! * W[1]! - Y[i]!;
      const g = xi.map((v) => 2 * e * v);
      const n = Math.hypot(...g);
      if (n > C) clipped++;
      const f = Math.min(1, C / n);
      g.forEach((v, j) => (ref[j] = ref[j]! + (v * f) / X.length));
    });
    const got = Array.from(r.gradients[0]!.dataSync());
    got.forEach((v, j) => expect(v).toBeCloseTo(ref[j]!, 5));
    expect(r.clippedFraction.dataSync()[0]).toBe(clipped / 4);
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThan(4);
    tf.dispose([...r.gradients.filter((g): g is tf.Tensor => g !== null), r.loss, r.clippedFraction, x, y]);
    model.dispose();
  });

  it('adds seeded Gaussian noise of std noiseMultiplier * l2NormClip / microbatches', async () => {
    const model = new TestMLP([40, 50], 1); // 2050 parameters
    const x = tf.ones([1, 40]);
    const y = tf.tensor1d([3], 'int32');
    const run = (seed: number): Float32Array => {
      const r = dpSgdGradients({ model, loss: 'softmaxCrossEntropy', xs: x, ys: y, l2NormClip: 0.01, noiseMultiplier: 2, rng: new Rng(seed) });
      const flat = Float32Array.from(r.gradients.flatMap((g) => Array.from(g!.dataSync())));
      tf.dispose([...r.gradients.filter((g): g is tf.Tensor => g !== null), r.loss, r.clippedFraction]);
      return flat;
    };
    const a = run(1);
    const b = run(1);
    const c = run(2);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    // The clipped gradient has norm <= 0.01, negligible next to noise of std 0.02 per coordinate.
    expect(std).toBeGreaterThan(0.02 * 0.95);
    expect(std).toBeLessThan(0.02 * 1.05);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('fit with privacy: learns, reports epsilon per epoch from the RDP accountant, stops at targetEpsilon', async () => {
    const data = blobTensors(128, 4, 2, 4, 0.6);
    const model = new TestMLP([4, 8, 2], 4);
    const opt = new SGD({ learningRate: 0.5 });
    const t0 = performance.now();
    const h = await expectNoLeaks(
      async () => {
        const r = await fit(model, data, {
          epochs: 4,
          batchSize: 32,
          optimizer: opt,
          loss: 'softmaxCrossEntropy',
          metrics: [new Accuracy()],
          seed: 1,
          privacy: { l2NormClip: 1, noiseMultiplier: 1.1, delta: 1e-5 },
        });
        opt.dispose();
        return r;
      },
    );
    const dpMs = performance.now() - t0;
    expect(h.history.accuracy!.at(-1)).toBeGreaterThan(0.8);
    h.epochs.forEach((logs, e) => {
      const steps = (e + 1) * 4;
      const expected = epsilonFromRdp(DEFAULT_RDP_ORDERS, computeRdp(32 / 128, 1.1, steps, DEFAULT_RDP_ORDERS), 1e-5).epsilon;
      expect(logs.epsilon).toBeCloseTo(expected, 10);
    });
    // Same run without privacy, to report the per-example overhead (no timing assertion).
    const plain = new TestMLP([4, 8, 2], 4);
    const t1 = performance.now();
    await fit(plain, data, { epochs: 4, batchSize: 32, optimizer: new SGD({ learningRate: 0.5 }), loss: 'softmaxCrossEntropy', seed: 1 });
    const plainMs = performance.now() - t1;
    console.log(`DP-SGD per-example loop: ${dpMs.toFixed(0)} ms vs ${plainMs.toFixed(0)} ms without privacy (16 steps of 32, MLP 4-8-2, cpu)`);

    const budget = h.epochs[1]!.epsilon! + 1e-9; // between epoch 2 and 3 of the same setup
    const m2 = new TestMLP([4, 8, 2], 4);
    const h2 = await fit(m2, data, { epochs: 10, batchSize: 32, optimizer: new SGD({ learningRate: 0.5 }), loss: 'softmaxCrossEntropy', seed: 1, privacy: { l2NormClip: 1, noiseMultiplier: 1.1, targetEpsilon: budget } });
    expect(h2.stopReason).toMatch(/^privacy budget: one more step would bring epsilon to [\d.]+ > targetEpsilon/);
    expect(h2.steps).toHaveLength(8);
    expect(h2.epochs.at(-1)!.epsilon).toBeLessThanOrEqual(budget);
    await expect(fit(m2, [{ xs: data.x, ys: data.y }], { epochs: 1, optimizer: new SGD(), loss: 'softmaxCrossEntropy', privacy: { l2NormClip: 1, noiseMultiplier: 1 } })).rejects.toThrow(
      /fit: options.privacy.datasetSize must be given for non-tensor training data/,
    );
    await expect(fit(m2, data, { epochs: 1, optimizer: new SGD(), loss: 'softmaxCrossEntropy', accumulateSteps: 2, privacy: { l2NormClip: 1, noiseMultiplier: 1 } })).rejects.toThrow(
      /fit: options.accumulateSteps must be 1 with privacy/,
    );
    tf.dispose([data.x, data.y]);
    [model, plain, m2].forEach((m) => m.dispose());
  });
});
