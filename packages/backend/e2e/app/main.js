// Bundled by Vite exactly as a user's app would bundle @tessera/backend (browser condition),
// then driven by e2e/browser.test.ts in Chromium.
import { availableBackends, tf, useBackend } from '@tessera/backend';

async function onBackend(name, options) {
  const info = await useBackend(name, options);
  const product = tf.tidy(() => Array.from(tf.matMul(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[4], [5], [6]])).dataSync()));
  // A conv + maxpool + dense gradient: the path a CNN's training step takes.
  const before = tf.memory().numTensors;
  const gradNorm = tf.tidy(() => {
    const x = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 2 }, (_, i) => Math.sin(i)), [2, 6, 6, 2]);
    const g = tf.grads((w, d) =>
      tf.mean(tf.matMul(tf.reshape(tf.maxPool(tf.relu(tf.conv2d(x, w, 1, 'same')), 2, 2, 'valid'), [2, -1]), d)),
    );
    const w = tf.tensor4d(Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i) / 3), [3, 3, 2, 3]);
    const d = tf.tensor2d(Array.from({ length: 27 * 2 }, (_, i) => Math.sin(i * 0.7)), [27, 2]);
    const [gw, gd] = g([w, d]);
    return tf.add(tf.sum(tf.abs(gw)), tf.sum(tf.abs(gd))).dataSync()[0];
  });
  return { info, product, gradNorm, leaked: tf.memory().numTensors - before };
}

window.runChecks = async () => {
  const out = { available: availableBackends(), crossOriginIsolated: globalThis.crossOriginIsolated };
  out.auto = await onBackend('auto');
  out.wasm = await onBackend('wasm', { threads: 2 });
  out.cpu = await onBackend('cpu');
  out.webgpuError = await useBackend('webgpu').then(() => null, (e) => e.message);
  return out;
};
window.checksReady = true;
