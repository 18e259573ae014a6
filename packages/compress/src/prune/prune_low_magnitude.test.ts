import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, Rng, tf, useBackend } from '@tessera/backend';
import { cnn, mlp, type Sequential } from '@tessera/models';
import { keptCount, magnitudeMask } from './magnitude.js';
import { pruneLowMagnitude, strip } from './prune_low_magnitude.js';
import { polynomialDecay } from './schedules.js';
import { measureSparsity } from './sparsity.js';

beforeAll(async () => {
  await useBackend('cpu');
});

function valuesOf(m: Sequential): Map<string, Float32Array> {
  const ws = m.getWeights();
  const out = new Map(ws.map((w) => [w.name, Float32Array.from(w.tensor.dataSync() as Float32Array)]));
  tf.dispose(ws.map((w) => w.tensor));
  return out;
}

/** What an optimizer step does to the pruned weights: moves every weight, zeros included. */
function jiggle(m: Sequential, rng: Rng): void {
  for (const { variable } of m.namedVariables()) {
    const noise = Float32Array.from({ length: variable.size }, () => rng.normal(0, 0.01));
    tf.tidy(() => variable.assign(tf.add(variable, tf.tensor(noise, variable.shape))));
  }
}

const zeros = (v: Float32Array): number => v.reduce((n, x) => n + (x === 0 ? 1 : 0), 0);

describe('pruneLowMagnitude', () => {
  it('one-shot per layer: every kernel keeps exactly max(round(n (1 - s)), 1) largest weights; biases untouched', async () => {
    const m = cnn({ inputShape: [8, 8, 1], filters: [4, 8], dense: [16], numClasses: 3, seed: 2 });
    const before = valuesOf(m);
    const p = await expectNoLeaks(() => pruneLowMagnitude(m, { sparsity: 0.8 }), { allow: 4 }); // one mask per kernel
    const after = valuesOf(m);
    for (const [name, v] of before) {
      const now = after.get(name)!;
      if (name.endsWith('kernel')) {
        const mask = magnitudeMask(v, 0.8);
        now.forEach((x, i) => expect(x).toBe(mask[i] ? v[i] : 0));
        expect(v.length - zeros(now)).toBe(keptCount(v.length, 0.8));
      } else {
        expect(Array.from(now)).toEqual(Array.from(v));
      }
    }
    expect(p.weightNames).toEqual(['conv2d_1/kernel', 'conv2d_2/kernel', 'dense_1/kernel', 'dense_2/kernel']);
    const report = await expectNoLeaks(() => strip(p), { allow: -4 }); // masks freed
    expect(report.perWeight['dense_1/kernel']).toBe((512 - keptCount(512, 0.8)) / 512);
    expect(measureSparsity(m).overall).toBeCloseTo(report.overall, 12);
    expect(() => p.applyMasks()).toThrow(/Pruning.applyMasks: this pruning of model 'cnn' was stripped or disposed/);
    m.dispose();
  });

  it('global scope ranks all kernels together; include/exclude/skipLast narrow the weights', () => {
    const m = mlp({ inputSize: 6, hidden: [10, 10], numClasses: 3, seed: 1 });
    const before = valuesOf(m);
    const p = pruneLowMagnitude(m, { sparsity: 0.5, scope: 'global', skipLast: true, exclude: ['dense_1'] });
    expect(p.weightNames).toEqual(['dense_2/kernel']);
    p.dispose();
    const q = pruneLowMagnitude(m, { sparsity: 0.6, scope: 'global' });
    const all = [...before].filter(([n]) => n.endsWith('kernel'));
    const joint = magnitudeMask(all.flatMap(([, v]) => Array.from(v)), 0.6);
    const after = valuesOf(m);
    let at = 0;
    for (const [name, v] of all) {
      const now = after.get(name)!;
      v.forEach((x, i) => expect(now[i]).toBe(joint[at + i] ? x : 0));
      at += v.length;
    }
    q.dispose();
    m.dispose();
  });

  it('N:M 2:4 leaves at most 2 non-zeros in every 4 input channels', () => {
    const m = mlp({ inputSize: 8, hidden: [6], numClasses: 2, seed: 3 });
    const p = pruneLowMagnitude(m, { nm: { n: 2, m: 4 } });
    const k = valuesOf(m).get('dense_1/kernel')!; // [8, 6]
    for (let o = 0; o < 6; o++) {
      for (let g = 0; g < 8; g += 4) {
        const nz = [0, 1, 2, 3].filter((c) => k[(g + c) * 6 + o] !== 0).length;
        expect(nz).toBe(2);
      }
    }
    expect(p.lastSparsity).toBe(0.5);
    p.dispose();
    m.dispose();
  });

  it('as a callback with a PolynomialDecay schedule: masks follow the schedule by step, pruned weights stay zero after every step', async () => {
    const m = mlp({ inputSize: 20, hidden: [30], numClasses: 4, seed: 4 });
    const schedule = polynomialDecay({ initialSparsity: 0.2, finalSparsity: 0.8, beginStep: 2, endStep: 12, frequency: 2 });
    const p = pruneLowMagnitude(m, { schedule });
    const rng = new Rng(1);
    let step = 0;
    const trainer = { get globalStep() { return step; } };
    p.setTrainer(trainer);
    await expectNoLeaks(() => {
      p.onTrainBegin();
      for (; step < 16; step++) {
        p.onBatchBegin();
        const masks = p.getMasks();
        const kernel = valuesOf(m).get('dense_1/kernel')!;
        const kept = Array.from(masks['dense_1/kernel']!).reduce((n, x) => n + x, 0);
        // Masks were last updated at the latest pruning step <= step (none before beginStep).
        const last = step < 2 ? null : Math.min(12, step - ((step - 2) % 2));
        expect(kept).toBe(last === null ? 600 : keptCount(600, schedule.at(last).sparsity));
        kernel.forEach((x, i) => { if (!masks['dense_1/kernel']![i]) expect(x).toBe(0); });
        jiggle(m, rng);
        p.onBatchEnd();
        const afterStep = valuesOf(m).get('dense_1/kernel')!;
        expect(zeros(afterStep)).toBe(600 - kept);
      }
      p.onTrainEnd();
    });
    const state = p.getState();
    expect(state.json).toEqual({ step: 16, lastSparsity: 0.8 });
    tf.dispose(state.tensors.map((t) => t.tensor));
    expect(strip(p).perWeight['dense_1/kernel']).toBeCloseTo(0.8, 2);
    m.dispose();
  });

  it('bad input: pruning targets outside [0, 1), several modes, unknown names, non-finite weights', () => {
    const m = mlp({ inputSize: 4, hidden: [4], numClasses: 2, seed: 5 });
    expect(() => pruneLowMagnitude(m, { sparsity: 1 })).toThrow(/pruneLowMagnitude: options.sparsity must be a finite number in \[0, 1\); got 1/);
    expect(() => pruneLowMagnitude(m, { sparsity: 1.5 })).toThrow(/options.sparsity must be a finite number in \[0, 1\); got 1.5/);
    expect(() => pruneLowMagnitude(m, {})).toThrow(/options must give exactly one of sparsity, schedule, nm; got none/);
    expect(() => pruneLowMagnitude(m, { sparsity: 0.5, nm: { n: 2, m: 4 } })).toThrow(/got sparsity and nm/);
    expect(() => pruneLowMagnitude(m, { sparsity: 0.5, include: ['dense_9'] })).toThrow(/options.include must name weights or layers of the model \(dense_1, dense_2\); got "dense_9"/);
    expect(() => pruneLowMagnitude(m, { nm: { n: 3, m: 2 } })).toThrow(/options.nm.n must be an integer in \[1, 1\]; got 3/);
    const v = m.namedVariables()[0]!.variable;
    v.assign(tf.fill(v.shape, NaN));
    expect(() => pruneLowMagnitude(m, { sparsity: 0.5 })).toThrow(/model 'mlp' weight 'dense_1\/kernel' must hold finite values only; got NaN at flat index 0/);
    m.dispose();
  });
});
