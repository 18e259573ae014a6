// Throughput of one training step (forward + backward + SGD update, batch 64) of the small
// CNN conv3x3(32,same)+relu+maxpool2 -> conv3x3(64,same)+relu+maxpool2 -> dense128 -> dense10
// on 32x32x3 input, on each backend. A measurement, not a test: it asserts nothing.
//
//   cd packages/backend && pnpm build && node test/bench/cnn_step.mjs [--steps N] [--profile] [--stock] [cpu|wasm ...]
//
// --stock leaves tfjs's own kernels in place (Tessera's gradient fixes still apply), to
// measure what Tessera's kernels gain; on wasm the step then fails for want of
// Conv2DBackpropFilter.
import { tf, useBackend, Rng } from '@tessera/backend';

const args = process.argv.slice(2);
const stepsAt = args.indexOf('--steps');
const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 5;
const profile = args.includes('--profile');
if (args.includes('--stock')) globalThis.__tesseraSkipKernels = ['*'];
const backends = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--steps');
const batch = 64;

const rng = new Rng(1);
const normal = (shape, std) => tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);

for (const name of backends.length ? backends : ['cpu', 'wasm']) {
  const info = await useBackend(name);
  const params = {
    w1: tf.variable(normal([3, 3, 3, 32], 0.2)),
    b1: tf.variable(tf.zeros([32])),
    w2: tf.variable(normal([3, 3, 32, 64], 0.06)),
    b2: tf.variable(tf.zeros([64])),
    w3: tf.variable(normal([8 * 8 * 64, 128], 0.02)),
    b3: tf.variable(tf.zeros([128])),
    w4: tf.variable(normal([128, 10], 0.1)),
    b4: tf.variable(tf.zeros([10])),
  };
  const x = normal([batch, 32, 32, 3], 1);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, () => rng.int(10)), 'int32'), 10);
  const loss = () => {
    let h = tf.relu(tf.add(tf.conv2d(x, params.w1, 1, 'same'), params.b1));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, params.w2, 1, 'same'), params.b2));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.reshape(h, [batch, 8 * 8 * 64]);
    h = tf.relu(tf.add(tf.matMul(h, params.w3), params.b3));
    const logits = tf.add(tf.matMul(h, params.w4), params.b4);
    return tf.losses.softmaxCrossEntropy(labels, logits);
  };
  const opt = tf.train.sgd(0.01);
  const step = () => {
    const value = opt.minimize(loss, true);
    value.dataSync();
    value.dispose();
  };
  try {
    step(); // warm-up: kernel setup, first allocations
    if (profile) {
      const p = await tf.profile(step);
      const byKernel = new Map();
      for (const k of p.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
      console.log([...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, ms]) => `${k} ${ms.toFixed(0)}ms`).join(', '));
    }
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    const s = (performance.now() - t0) / 1000;
    console.log(
      `${name}${info.simd ? ' (simd)' : ''}: ${((steps * batch) / s).toFixed(1)} samples/s ` +
        `(${((s / steps) * 1000).toFixed(0)} ms/step over ${steps} steps; Tessera kernels: ${info.kernels.join(', ') || 'none'})`,
    );
  } catch (e) {
    console.log(`${name}: step failed: ${e.message}`);
  }
  opt.dispose();
  tf.dispose([x, labels, ...Object.values(params)]);
}
