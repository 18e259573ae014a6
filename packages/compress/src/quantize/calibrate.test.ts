import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { cnn, type Sequential } from '@tessera/models';
import { percentile, weightsLike } from '../../test/helpers/reference.js';
import { quantParams } from './affine.js';
import { calibrateActivations, fakeQuantModel } from './calibrate.js';
import { PercentileObserver } from './observers.js';
import { quantizationAwareModel } from './qat.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const model = (): Sequential => cnn({ inputShape: [6, 6, 1], filters: [3], dense: [5], numClasses: 2, seed: 4 });
const input = (n: number, seed: number): tf.Tensor => tf.tensor(Float32Array.from(weightsLike(n * 36, seed)), [n, 6, 6, 1]);

/** Each layer's output over the whole batch, by applying the layers one after another (no hooks). */
function layerOutputs(m: Sequential, x: tf.Tensor): Map<string, number[]> {
  const out = new Map<string, number[]>([['input', Array.from(x.dataSync())]]);
  let y = tf.clone(x);
  for (const l of m.layers) {
    const next = l.apply(y);
    y.dispose();
    y = next;
    out.set(l.name, Array.from(y.dataSync()));
  }
  y.dispose();
  return out;
}

describe('calibrateActivations', () => {
  it('minmax ranges equal the extremes of the input and of every layer output', async () => {
    const m = model();
    const x = input(20, 1);
    const ranges = await expectNoLeaks(() => calibrateActivations(m, { x }, { batchSize: 7 }));
    const ref = layerOutputs(m, x);
    expect(Object.keys(ranges)).toEqual([...ref.keys()]);
    for (const [point, values] of ref) {
      expect(ranges[point]![0]).toBeCloseTo(Math.min(...values), 6);
      expect(ranges[point]![1]).toBeCloseTo(Math.max(...values), 6);
    }
    tf.dispose(x);
    m.dispose();
  });

  it('percentile observers over batches from an iterable; maxSamples limits the samples', () => {
    const m = model();
    const a = input(8, 2);
    const b = input(8, 3);
    const ranges = calibrateActivations(m, [a, b], { observer: () => new PercentileObserver({ percentile: 95 }) });
    const both = tf.concat([a, b]);
    const ref = layerOutputs(m, both).get('dense_1')!;
    expect(ranges.dense_1![1]).toBeCloseTo(percentile(ref, 95), 5);
    const first = calibrateActivations(m, [a, b], { maxSamples: 8 });
    expect(first.input).toEqual([Math.min(...a.dataSync()), Math.max(...a.dataSync())]);
    tf.dispose([a, b, both]);
    m.dispose();
  });
});

describe('fakeQuantModel and quantizationAwareModel', () => {
  it('fake-quant output = float forward with each activation rounded to its int8 grid (reference built layer by layer)', async () => {
    const m = model();
    const x = input(10, 5);
    const ranges = calibrateActivations(m, x);
    const fq = fakeQuantModel(m, { activationRanges: ranges, weights: false });
    const y = await expectNoLeaks(() => fq.apply(x), { allow: 1 });
    // Reference: quantize the input, then after each layer quantize its output, in float64 on the grid.
    const grid = (t: tf.Tensor, point: string): tf.Tensor => {
      const p = quantParams(ranges[point]![0], ranges[point]![1], { dtype: 'int8', mode: 'affine' });
      const v = Float32Array.from(t.dataSync(), (u) => (Math.min(p.qmax, Math.max(p.qmin, Math.round(u / p.scale) + p.zeroPoint)) - p.zeroPoint) * p.scale);
      return tf.tensor(v, t.shape);
    };
    let r = grid(x, 'input');
    for (const l of m.layers) {
      const next = l.apply(r);
      r.dispose();
      r = grid(next, l.name);
      next.dispose();
    }
    const diff = tf.max(tf.abs(tf.sub(y, r))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-4);
    tf.dispose([x, y, r]);
    fq.dispose();
    m.dispose();
  });

  it('a QAT model in inference mode computes what fakeQuantModel does with the same ranges; its gradients reach the float weights', async () => {
    const m = model();
    const x = input(10, 6);
    const ranges = calibrateActivations(m, x);
    const qat = quantizationAwareModel(m, { activations: { initialRanges: ranges } });
    const fq = fakeQuantModel(m, { activationRanges: ranges, weights: { dtype: 'int8' } });
    const a = qat.apply(x);
    const b = fq.apply(x);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!).toBeLessThan(1e-3);
    const { value, grads } = await expectNoLeaks(() => tf.variableGrads(() => tf.mean(tf.square(qat.apply(x, { training: true }))) as tf.Scalar, qat.trainableVariables), { allow: 1 + qat.trainableVariables.length });
    expect(Object.keys(grads).length).toBe(qat.trainableVariables.length);
    const g = grads[qat.trainableVariables[0]!.name]!;
    expect(tf.sum(tf.abs(g)).dataSync()[0]!).toBeGreaterThan(0);
    expect(Object.keys(qat.activationRanges())).toEqual(Object.keys(ranges));
    tf.dispose([x, a, b, value, ...Object.values(grads)]);
    fq.dispose();
    qat.dispose();
    m.dispose();
  });

  it('bad input names the argument', () => {
    const m = model();
    expect(() => fakeQuantModel(m, { activationRanges: { nowhere: [0, 1] } })).toThrow(/options.activationRanges\['nowhere'\] must name the input or a layer/);
    expect(() => calibrateActivations(m, 'x' as never)).toThrow(/calibrateActivations: data must be a tensor, \{ x \} or an iterable of batch tensors/);
    expect(() => quantizationAwareModel(m, { weights: { dtype: 'int3' as never } })).toThrow(/options.weights.dtype must be one of 'int8', 'uint8', 'q4'; got "int3"/);
    const z = tf.zeros([1]);
    expect(() => calibrateActivations({} as never, z)).toThrow(/calibrateActivations: model must be a Sequential/);
    z.dispose();
    m.dispose();
  });
});
