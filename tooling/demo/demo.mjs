#!/usr/bin/env node
// The main demo until the sample apps land (issue #11): picks the fastest backend, then trains
// a small CNN (conv 3x3 -> relu -> maxpool -> dense) on generated images of horizontal vs
// vertical stripes with tfjs-core ops and Adam, printing loss and accuracy per epoch.
// Everything it uses comes from the built @tessera/backend, as a user would import it.
import { Rng, expectNoLeaks, tf, useBackend } from '@tessera/backend';

const backend = process.argv.find((a) => a.startsWith('--backend='))?.split('=')[1] ?? 'auto';
const info = await useBackend(backend);
console.log(
  `backend: ${info.name} (simd ${info.simd}, threads ${info.threads}, ` +
    `Tessera kernels: ${info.kernels.length ? info.kernels.join(', ') : 'none'})`,
);
for (const f of info.fellBack) console.log(`  skipped ${f.name}: ${f.reason}`);

const rng = new Rng(42);
const size = 16;
const n = 256;
const images = new Float32Array(n * size * size);
const labels = new Int32Array(n);
for (let i = 0; i < n; i++) {
  const vertical = rng.int(2);
  const period = 2 + rng.int(3);
  const phase = rng.int(period);
  labels[i] = vertical;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const on = ((vertical ? x : y) + phase) % period === 0 ? 1 : 0;
      images[i * size * size + y * size + x] = on + rng.normal(0, 0.3);
    }
}
const xs = tf.tensor4d(images, [n, size, size, 1]);
const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);

const init = (shape, fanIn) =>
  tf.variable(tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, Math.sqrt(2 / fanIn)), shape));
const params = {
  conv: init([3, 3, 1, 8], 9),
  convB: tf.variable(tf.zeros([8])),
  dense: init([8 * 8 * 8, 2], 8 * 8 * 8),
  denseB: tf.variable(tf.zeros([2])),
};
const logits = (x) => {
  const h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, params.conv, 1, 'same'), params.convB)), 2, 2, 'valid');
  return tf.add(tf.matMul(tf.reshape(h, [x.shape[0], -1]), params.dense), params.denseB);
};
const optimizer = tf.train.adam(0.01);
const batch = 32;
for (let epoch = 1; epoch <= 5; epoch++) {
  const started = performance.now();
  let total = 0;
  // Adam creates its moment variables during epoch 1; from then on every epoch must leave
  // the number of live tensors exactly where it found it.
  const guard = epoch === 1 ? (fn) => fn() : (fn, o) => expectNoLeaks(fn, o);
  await guard(
    () => {
      for (let b = 0; b < n; b += batch) {
        const loss = tf.tidy(() => {
          const x = tf.slice(xs, [b, 0, 0, 0], [batch, size, size, 1]);
          const y = tf.slice(ys, [b, 0], [batch, 2]);
          return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)), true);
        });
        total += loss.dataSync()[0];
        loss.dispose();
      }
    },
    { label: `epoch ${epoch}` },
  );
  const acc = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits(xs), 1), tf.argMax(ys, 1)), 'float32')).dataSync()[0]);
  const secs = (performance.now() - started) / 1000;
  console.log(
    `epoch ${epoch}: loss ${(total / (n / batch)).toFixed(4)}  train accuracy ${(acc * 100).toFixed(1)}%  ` +
      `${(n / secs).toFixed(0)} samples/s  live tensors ${tf.memory().numTensors}`,
  );
}
