import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { cnn, decodeSafetensors, encodeWeights, mlp } from '@tessera/models';
import { asCompressed } from '../compressed_model.js';
import { channelOf } from '../../test/helpers/reference.js';
import { quantizeModel, quantizeWeights } from './quantize_model.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('quantizeModel', () => {
  it('int8 per-channel: kernels as I8 with one scale per output channel, biases float32; the loaded model holds the dequantized weights', async () => {
    const m = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [6], numClasses: 3, seed: 1 });
    const c = await expectNoLeaks(() => quantizeModel(m, { dtype: 'int8' }), { allow: 4 + 2 }); // the copy's 6 weights
    expect(c.name).toBe('int8-per-channel');
    expect(c.method).toBe('int8 symmetric per-channel');
    const file = decodeSafetensors(c.weights);
    expect(file.tensors.get('conv2d_1/kernel')!.dtype).toBe('I8');
    expect(file.tensors.get('conv2d_1/kernel.scale')!.shape).toEqual([4]);
    expect(file.tensors.get('dense_1/kernel.scale')!.shape).toEqual([6]);
    expect(file.tensors.get('conv2d_1/bias')!.dtype).toBe('F32');
    const orig = m.getWeights();
    const loaded = c.model.getWeights();
    orig.forEach((w, k) => {
      const a = w.tensor.dataSync();
      const b = loaded[k]!.tensor.dataSync();
      if (w.tensor.rank === 1) expect(Array.from(b)).toEqual(Array.from(a));
      else {
        const axis = w.tensor.rank - 1;
        const scale = new Float32Array(file.tensors.get(`${w.name}.scale`)!.data.slice().buffer);
        a.forEach((x, i) => expect(Math.abs(b[i]! - x)).toBeLessThanOrEqual(scale[channelOf(i, w.tensor.shape, axis)]! / 2 + 1e-7));
      }
    });
    tf.dispose([...orig.map((w) => w.tensor), ...loaded.map((w) => w.tensor)]);
    c.dispose();
    m.dispose();
  });

  it('the digits-size CNN (28x28, filters [32, 64], dense [128]): int8 >= 3.9x smaller, q4 >= 6x, float16 ~2x (bytes of the files)', async () => {
    const m = cnn({ inputShape: [28, 28, 1], filters: [32, 64], dense: [128], numClasses: 10, seed: 1 });
    const f32 = (await encodeWeights(m)).byteLength;
    const sizes: Record<string, number> = {};
    for (const dtype of ['int8', 'uint8', 'q4', 'float16'] as const) {
      const c = await quantizeModel(m, { dtype });
      sizes[dtype] = f32 / c.weights.byteLength;
      c.dispose();
    }
    expect(sizes.int8).toBeGreaterThanOrEqual(3.9);
    expect(sizes.uint8).toBeGreaterThanOrEqual(3.9);
    expect(sizes.q4).toBeGreaterThanOrEqual(6);
    expect(sizes.float16).toBeGreaterThan(1.99);
    m.dispose();
  });

  it('per-layer selection: skipFirst/skipLast, include/exclude, minElements leave weights float32', () => {
    const m = mlp({ inputSize: 8, hidden: [8, 8], numClasses: 2, seed: 2 });
    const dt = (o: Parameters<typeof quantizeWeights>[1]): string[] =>
      quantizeWeights(m, o).tensors.filter((t) => t.name.endsWith('kernel')).map((t) => `${t.name}:${t.dtype}`);
    expect(dt({ dtype: 'int8', skipFirst: true, skipLast: true })).toEqual(['dense_1/kernel:float32', 'dense_2/kernel:int8', 'dense_3/kernel:float32']);
    expect(dt({ dtype: 'q4', include: [/dense_[12]\//], groupSize: 4 })).toEqual(['dense_1/kernel:q4', 'dense_2/kernel:q4', 'dense_3/kernel:float32']);
    expect(dt({ dtype: 'uint8', exclude: ['dense_2/kernel'], minElements: 20 })).toEqual(['dense_1/kernel:uint8', 'dense_2/kernel:float32', 'dense_3/kernel:float32']);
    expect(quantizeWeights(m, { bits: 16 }).tensors.every((t) => t.dtype === 'float16')).toBe(true);
    m.dispose();
  });

  it('bad input: non-finite weights, unsupported bit widths and dtypes, contradicting options', async () => {
    const m = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 3 });
    await expect(quantizeModel(m, { bits: 3 })).rejects.toThrow(/quantizeModel: options.bits must be 16 \(float16\), 8 \(int8\) or 4 \(q4\); got 3/);
    await expect(quantizeModel(m, { dtype: 'int4' as never })).rejects.toThrow(/options.dtype must be one of 'float16', 'int8', 'uint8', 'q4'; got "int4"/);
    await expect(quantizeModel(m, {} as never)).rejects.toThrow(/options.dtype must be given/);
    await expect(quantizeModel(m, { dtype: 'int8', bits: 4 })).rejects.toThrow(/options.dtype must agree with options.bits 4 \('q4'\); got "int8"/);
    await expect(quantizeModel(m, { dtype: 'q4', perChannel: true })).rejects.toThrow(/options.perChannel must be omitted for 'q4'/);
    await expect(quantizeModel(m, { dtype: 'int8', name: '../x' })).rejects.toThrow(/options.name must be a non-empty name/);
    const v = m.namedVariables()[2]!.variable; // dense_2/kernel
    const bad = Float32Array.from(v.dataSync() as Float32Array);
    bad[5] = Infinity;
    v.assign(tf.tensor(bad, v.shape));
    await expect(expectNoLeaks(() => quantizeModel(m, { dtype: 'int8' }).catch((e: Error) => e.message))).resolves.toMatch(
      /quantizeModel: model 'mlp' weight 'dense_2\/kernel' must hold finite values only .*; got Infinity at flat index 5/,
    );
    m.dispose();
  });

  it('asCompressed copies the model into a plain float32 (or float16) models file', async () => {
    const m = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 4 });
    const c = await asCompressed(m, { name: 'base' });
    expect(c.weights).toEqual(await encodeWeights(m));
    expect(c.model).not.toBe(m);
    const h = await asCompressed(m, { storage: 'float16' });
    expect(h.name).toBe('float16');
    expect(decodeSafetensors(h.weights).tensors.get('dense_1/kernel')!.dtype).toBe('F16');
    c.dispose();
    h.dispose();
    m.dispose();
  });
});
