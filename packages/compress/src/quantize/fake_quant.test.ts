import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { weightsLike } from '../../test/helpers/reference.js';
import { quantParams } from './affine.js';
import { fakeQuantize, fakeQuantizeWeight } from './fake_quant.js';
import { dequantizeTensor, quantizeTensor } from './quantized_tensor.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('fakeQuantize', () => {
  it('values land on the grid: (clamp(round(x / s) + z) - z) * s, computed in float64 here', async () => {
    const p = quantParams(-1, 2, { dtype: 'int8', mode: 'affine' });
    const xs = [-3, -1, -0.4999, 0, 0.013, 1.7, 2, 2.5];
    const x = tf.tensor1d(xs);
    const y = await expectNoLeaks(() => fakeQuantize(x, p), { allow: 1 });
    const got = Array.from(y.dataSync());
    xs.forEach((v, i) => {
      const q = Math.min(p.qmax, Math.max(p.qmin, Math.round(v / p.scale) + p.zeroPoint));
      expect(got[i]).toBeCloseTo((q - p.zeroPoint) * p.scale, 6);
    });
    tf.dispose([x, y]);
  });

  it('straight-through gradient: 1 inside the representable range, 0 where clamped', async () => {
    const p = quantParams(-1, 1, { dtype: 'int8', mode: 'symmetric' });
    const x = tf.tensor1d([-2, -0.5, 0, 0.99, 1.5]);
    const g = await expectNoLeaks(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fakeQuantize(t, p), 3)))(x), { allow: 1 });
    expect(Array.from(g.dataSync())).toEqual([0, 3, 3, 3, 0]);
    tf.dispose([x, g]);
  });

  it('rejects bad parameters', () => {
    const x = tf.tensor1d([1]);
    expect(() => fakeQuantize(x, { scale: 0, zeroPoint: 0, qmin: -127, qmax: 127 })).toThrow(/fakeQuantize: params.scale must be a finite number > 0; got 0/);
    expect(() => fakeQuantize(x, { scale: 1, zeroPoint: 200, qmin: 0, qmax: 255 - 100 })).toThrow(/params.zeroPoint must lie in \[qmin, qmax\]/);
    x.dispose();
  });
});

describe('fakeQuantizeWeight', () => {
  const shape = [3, 3, 2, 5];
  const values = Float32Array.from(weightsLike(90, 17));

  it('per-channel int8 matches quantizeTensor + dequantizeTensor (scales from the weight itself)', () => {
    const w = tf.tensor(values, shape);
    const y = fakeQuantizeWeight(w, { dtype: 'int8', mode: 'symmetric', axis: 3, groupSize: null });
    const ref = dequantizeTensor(quantizeTensor(values, shape, { dtype: 'int8', axis: 3 }));
    const got = y.dataSync();
    const scale = quantizeTensor(values, shape, { dtype: 'int8', axis: 3 }).scale!;
    for (let i = 0; i < 90; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThanOrEqual(2 ** -21 * Math.abs(ref[i]!) + 1e-6 * scale[i % 5]!); // float32 ops vs float64
    tf.dispose([w, y]);
  });

  it('q4 groups and affine mode match the storage path too; gradients pass straight through', async () => {
    const w = tf.tensor(values, shape);
    for (const spec of [
      { dtype: 'q4' as const, mode: 'symmetric' as const, axis: null, groupSize: 16 },
      { dtype: 'uint8' as const, mode: 'affine' as const, axis: null, groupSize: null },
    ]) {
      const y = fakeQuantizeWeight(w, spec);
      const ref = dequantizeTensor(quantizeTensor(values, shape, spec.dtype === 'q4' ? { dtype: 'q4', groupSize: 16 } : { dtype: 'uint8' }));
      const got = y.dataSync();
      const maxDiff = Math.max(...Array.from(got, (g, i) => Math.abs(g - ref[i]!)));
      expect(maxDiff).toBeLessThan(1e-5);
      y.dispose();
    }
    const g = await expectNoLeaks(() => tf.grad((t: tf.Tensor) => tf.sum(fakeQuantizeWeight(t, { dtype: 'int8', mode: 'symmetric', axis: 3, groupSize: null })))(w), { allow: 1 });
    expect(Array.from(g.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([w, g]);
  });
});
