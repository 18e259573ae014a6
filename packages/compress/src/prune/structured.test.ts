import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import {
  Activation,
  BatchNormalization,
  cnn,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  fromConfig,
  GlobalAveragePooling2D,
  LayerNormalization,
  Sequential,
} from '@tessera/models';
import { weightsLike } from '../../test/helpers/reference.js';
import { pruneFilters } from './structured.js';

beforeAll(async () => {
  await useBackend('cpu');
});

type Values = Map<string, { v: Float32Array; shape: number[] }>;

function values(m: Sequential): Values {
  const ws = m.getWeights();
  const out: Values = new Map(ws.map((w) => [w.name, { v: Float32Array.from(w.tensor.dataSync() as Float32Array), shape: [...w.tensor.shape] }]));
  tf.dispose(ws.map((w) => w.tensor));
  return out;
}

/** Random non-trivial weights everywhere (BN statistics too), so rewiring mistakes show. */
function randomize(m: Sequential, seed: number): void {
  const ws = m.getWeights();
  const next = ws.map((w, i) => {
    const r = weightsLike(w.tensor.size, seed + i);
    const v = w.name.endsWith('moving_variance') ? r.map((x) => 0.5 + Math.abs(x)) : r;
    return { name: w.name, tensor: tf.tensor(Float32Array.from(v), w.tensor.shape) };
  });
  m.setWeights(next);
  tf.dispose([...ws.map((w) => w.tensor), ...next.map((w) => w.tensor)]);
}

/** The filters a layer should keep: largest L1 norms over the last axis (float64), ties to the lower index. */
function refKeep(v: Float32Array, shape: number[], fraction: number): number[] {
  const units = shape[shape.length - 1]!;
  const norm = new Array<number>(units).fill(0);
  v.forEach((x, i) => (norm[i % units]! += Math.abs(x)));
  const keep = units - Math.round(fraction * units);
  return Array.from({ length: units }, (_, i) => i)
    .sort((a, b) => norm[b]! - norm[a]! || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
}

async function outputsClose(a: Sequential, b: Sequential, x: tf.Tensor): Promise<number> {
  const ya = a.apply(x);
  const yb = b.apply(x);
  const d = tf.max(tf.abs(tf.sub(ya, yb)));
  const r = d.dataSync()[0]!;
  tf.dispose([ya, yb, d]);
  return r;
}

/** A copy of `m` with edited weights: the reference where removed channels output exactly zero downstream. */
function rebuildWith(m: Sequential, edit: (vals: Values) => void): Sequential {
  const vals = values(m);
  edit(vals);
  const copy = fromConfig(JSON.parse(JSON.stringify(m.toConfig())));
  const tensors = [...vals].map(([name, { v, shape }]) => ({ name, tensor: tf.tensor(v, shape) }));
  copy.setWeights(tensors);
  tf.dispose(tensors.map((t) => t.tensor));
  return copy;
}

describe('pruneFilters', () => {
  it('CNN: removes the lowest-L1 half of each conv\'s filters, rewires the next conv and the Dense after Flatten; outputs equal the original with those filters zeroed', async () => {
    const m = cnn({ inputShape: [8, 8, 1], filters: [6, 8], dense: [10], numClasses: 3, seed: 1 });
    randomize(m, 3);
    const before = values(m);
    const r = await expectNoLeaks(() => pruneFilters(m, { fraction: 0.5 }), { allow: 8 }); // the new model's 8 weights
    expect(r.kept.conv2d_1).toEqual(refKeep(before.get('conv2d_1/kernel')!.v, [3, 3, 1, 6], 0.5));
    expect(r.kept.conv2d_2).toEqual(refKeep(before.get('conv2d_2/kernel')!.v, [3, 3, 6, 8], 0.5));
    expect(r.kept.dense_1).toBeUndefined(); // Dense layers only when named
    // conv1 3*3*1*3 + 3; conv2 3*3*3*4 + 4; dense_1 (2*2*4)*10 + 10; dense_2 10*3 + 3
    expect(r.convParamsAfter).toBe(30 + 112);
    expect(r.convParamsBefore).toBe(60 + 440);
    expect(r.paramsAfter).toBe(30 + 112 + 170 + 33);
    expect(r.model.countParams()).toBe(r.paramsAfter);
    const ref = rebuildWith(m, (vals) => {
      for (const [layer, c, kept] of [['conv2d_1', 6, r.kept.conv2d_1!], ['conv2d_2', 8, r.kept.conv2d_2!]] as const) {
        const k = vals.get(`${layer}/kernel`)!;
        k.v.forEach((_, i) => {
          if (!kept.includes(i % c)) k.v[i] = 0;
        });
        const b = vals.get(`${layer}/bias`)!;
        b.v.forEach((_, i) => {
          if (!kept.includes(i)) b.v[i] = 0;
        });
      }
    });
    const x = tf.tensor(Float32Array.from(weightsLike(4 * 64, 9)), [4, 8, 8, 1]);
    expect(await outputsClose(r.model, ref, x)).toBeLessThan(1e-5);
    expect(await outputsClose(r.model, m, x)).toBeGreaterThan(1e-3); // pruning did change the function
    tf.dispose(x);
    [m, ref, r.model].forEach((z) => z.dispose());
  });

  it('BatchNormalization, DepthwiseConv2D (multiplier 2), GlobalAveragePooling2D and a named Dense are rewired too', async () => {
    const m = new Sequential({
      name: 'mixed',
      inputShape: [6, 6, 2],
      layers: [
        new Conv2D({ name: 'c1', filters: 6, kernelSize: 3, padding: 'same', seed: 1 }),
        new BatchNormalization({ name: 'bn' }),
        new Activation({ name: 'act', activation: 'relu' }),
        new DepthwiseConv2D({ name: 'dw', kernelSize: 3, depthMultiplier: 2, padding: 'same', seed: 2 }),
        new GlobalAveragePooling2D({ name: 'gap' }),
        new Dense({ name: 'd1', units: 8, activation: 'relu', seed: 3 }),
        new Dense({ name: 'out', units: 3, seed: 4 }),
      ],
    });
    randomize(m, 5);
    const r = pruneFilters(m, { fraction: 0.5, layers: ['c1', 'd1'] });
    const keepC = r.kept.c1!;
    const keepD = r.kept.d1!;
    expect(keepC.length).toBe(3);
    expect(keepD.length).toBe(4);
    // Reference: removed channels made exactly zero downstream (conv, BN shift, depthwise bias), removed units zero.
    const ref = rebuildWith(m, (vals) => {
      vals.get('c1/kernel')!.v.forEach((_, i, a) => { if (!keepC.includes(i % 6)) a[i] = 0; });
      for (const n of ['c1/bias', 'bn/beta', 'bn/moving_mean']) vals.get(n)!.v.forEach((_, i, a) => { if (!keepC.includes(i)) a[i] = 0; });
      vals.get('dw/bias')!.v.forEach((_, i, a) => { if (!keepC.includes(Math.floor(i / 2))) a[i] = 0; });
      vals.get('d1/kernel')!.v.forEach((_, i, a) => { if (!keepD.includes(i % 8)) a[i] = 0; });
      vals.get('d1/bias')!.v.forEach((_, i, a) => { if (!keepD.includes(i)) a[i] = 0; });
    });
    const x = tf.tensor(Float32Array.from(weightsLike(3 * 72, 8)), [3, 6, 6, 2]);
    expect(await outputsClose(r.model, ref, x)).toBeLessThan(1e-5);
    // c1 3*3*2*3+3, bn 4*3, dw 3*3*3*2 + 6, d1 6*4+4, out 4*3+3
    expect(r.paramsAfter).toBe(57 + 12 + 60 + 28 + 15);
    tf.dispose(x);
    [m, ref, r.model].forEach((z) => z.dispose());
  });

  it('bad input: fraction outside [0, 1), layers that cannot be rewired, unknown names', () => {
    const m = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [], numClasses: 2, seed: 1 });
    expect(() => pruneFilters(m, { fraction: 1 })).toThrow(/pruneFilters: options.fraction must be a finite number in \[0, 1\); got 1/);
    expect(() => pruneFilters(m, { fraction: 0.5, layers: ['nope'] })).toThrow(/options.layers must name layers of the model .*; got "nope"/);
    expect(() => pruneFilters(m, { fraction: 0.5, layers: ['dense_1'] })).toThrow(/layer 'dense_1' must feed a layer that can be rewired .*; got its output is the model output/);
    const ln = new Sequential({
      inputShape: [4, 4, 1],
      layers: [new Conv2D({ name: 'c', filters: 4, kernelSize: 3, seed: 1 }), new LayerNormalization({ name: 'ln' }), new Flatten({ name: 'f' }), new Dense({ name: 'd', units: 2, seed: 2 })],
    });
    expect(() => pruneFilters(ln, { fraction: 0.5 })).toThrow(/layer 'c' must feed a layer that can be rewired .*; got layer 'ln' \(LayerNormalization\) reads its channels/);
    m.dispose();
    ln.dispose();
  });
});
