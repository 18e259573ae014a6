/**
 * A small CNN trains on wasm: tfjs-backend-wasm 4.22 alone cannot compute the gradient of a
 * convolution (it has no Conv2DBackpropFilter), so this is the end-to-end check that
 * Tessera's kernels make it possible, without leaking tensors, with the SIMD binary.
 */
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, Rng, tf, useBackend } from '@tessera/backend';

const BATCH = 4;

/** Parameters and data from a seeded Rng, so both backends see the same numbers. */
function setup(): { vars: Record<string, tf.Variable>; x: tf.Tensor4D; labels: tf.Tensor2D } {
  const rng = new Rng(8);
  const normal = (shape: number[], std: number): tf.Tensor =>
    tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);
  const vars: Record<string, tf.Variable> = {};
  for (const [name, shape, std] of [
    ['w1', [3, 3, 3, 8], 0.3],
    ['b1', [8], 0.1],
    ['w2', [6 * 6 * 8, 10], 0.1],
    ['b2', [10], 0.1],
  ] as const) {
    const init = normal([...shape], std);
    vars[name] = tf.variable(init, true, `${name}_${tf.getBackend()}_${Math.random()}`);
    init.dispose();
  }
  const x = normal([BATCH, 12, 12, 3], 1) as tf.Tensor4D;
  const ids = tf.tensor1d([3, 1, 4, 1], 'int32');
  const labels = tf.oneHot(ids, 10) as tf.Tensor2D;
  ids.dispose();
  return { vars, x, labels };
}

/** conv 3x3 (8, same) + bias -> relu -> maxpool 2 -> flatten -> dense 10 -> softmax cross-entropy. */
function loss(v: Record<string, tf.Variable>, x: tf.Tensor4D, labels: tf.Tensor2D): tf.Scalar {
  const h = tf.relu(tf.add(tf.conv2d(x, v.w1 as tf.Tensor4D, 1, 'same'), v.b1!));
  const p = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
  const logits = tf.add(tf.matMul(tf.reshape(p, [BATCH, 6 * 6 * 8]), v.w2!), v.b2!);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}

async function gradients(): Promise<Record<string, Float32Array>> {
  const { vars, x, labels } = setup();
  const out: Record<string, Float32Array> = {};
  await expectNoLeaks(
    () => {
      const { value, grads } = tf.variableGrads(() => loss(vars, x, labels), Object.values(vars));
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      for (const [name, v] of Object.entries(vars)) {
        const g = grads[v.name]!;
        expect(g.shape, name).toEqual(v.shape);
        out[name] = g.dataSync() as Float32Array;
      }
      tf.dispose([value, ...Object.values(grads)]);
    },
    { label: 'CNN gradients' },
  );
  tf.dispose([x, labels, ...Object.values(vars)]);
  return out;
}

describe('a small CNN on wasm', () => {
  it('runs the SIMD binary', async () => {
    const info = await useBackend('wasm');
    expect(info.name).toBe('wasm');
    expect(info.simd).toBe(true);
    expect(info.kernels).toContain('Conv2DBackpropFilter');
  });

  it('computes every gradient without error or leaked tensor, and they match cpu', async () => {
    await useBackend('wasm');
    const onWasm = await gradients();
    for (const [name, g] of Object.entries(onWasm)) {
      expect(g.every(Number.isFinite), `${name} finite`).toBe(true);
      expect(g.some((v) => v !== 0), `${name} not all zero`).toBe(true);
    }
    // cpu runs other code for every layer (JS im2col convolution, tfjs-cpu matMul, its own
    // pooling), so agreement within float32 rounding (1e-4 relative, 1e-5 of the largest
    // entry absolute) checks the wasm gradients against an independent computation.
    await useBackend('cpu');
    const onCpu = await gradients();
    for (const [name, g] of Object.entries(onWasm)) {
      const c = onCpu[name]!;
      const scale = Math.max(...c.map(Math.abs));
      const worst = Math.max(...g.map((v, i) => Math.abs(v - c[i]!) / (1e-4 * Math.abs(c[i]!) + 1e-5 * scale)));
      expect(worst, `${name}: wasm vs cpu`).toBeLessThanOrEqual(1);
    }
  });

  it('trains: five Adam steps lower the loss on a fixed batch, leaking nothing', async () => {
    await useBackend('wasm');
    const { vars, x, labels } = setup();
    const losses: number[] = [];
    await expectNoLeaks(
      () => {
        const opt = tf.train.adam(0.01);
        for (let i = 0; i < 5; i++) {
          const l = opt.minimize(() => loss(vars, x, labels), true, Object.values(vars))!;
          losses.push(l.dataSync()[0]!);
          l.dispose();
        }
        opt.dispose(); // frees the step counters and moment estimates Adam created
      },
      { label: 'Adam steps' },
    );
    tf.dispose([x, labels, ...Object.values(vars)]);
    expect(losses[4]!).toBeLessThan(losses[0]!);
  });
});
