// Every image transform of @tessera/preprocess on a batch, with fixed seeds, on webgl and on
// cpu in the same page; the test compares the two and checks that no tensor is left behind.
import { tf, useBackend } from '@tessera/backend';
import { cutout, normalize, randomBrightness, randomContrast, randomCrop, randomFlip, randomRotation, randomZoom } from '@tessera/preprocess';

const SHAPE = [4, 9, 7, 3];
const CASES = {
  normalize: (x) => normalize(x, { mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] }),
  flip: (x) => randomFlip(x, { mode: 'horizontal_and_vertical', probability: 0.5, rng: 1 }),
  rotation: (x) => randomRotation(x, { factor: [-0.1, 0.1], fillMode: 'reflect', rng: 2 }),
  zoom: (x) => randomZoom(x, { heightFactor: [-0.2, 0.2], rng: 3 }),
  crop: (x) => randomCrop(x, { padding: 2, fillMode: 'reflect', rng: 4 }),
  brightness: (x) => randomBrightness(x, { factor: 0.1, rng: 5 }),
  contrast: (x) => randomContrast(x, { factor: [0.8, 1.2], rng: 6 }),
  cutout: (x) => cutout(x, { size: [3, 2], count: 2, fillValue: 0.5, rng: 7 }),
};

function input() {
  const n = SHAPE.reduce((a, b) => a * b, 1);
  return tf.tensor4d(Float32Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101), SHAPE);
}

async function runOn(name) {
  const info = await useBackend(name);
  const out = {};
  const before = tf.memory().numTensors;
  for (const [k, f] of Object.entries(CASES)) {
    const x = input();
    const y = f(x);
    out[k] = { shape: y.shape, values: Array.from(await y.data()) };
    tf.dispose([x, y]);
  }
  return { backend: info.name, leaked: tf.memory().numTensors - before, out };
}

window.runChecks = async () => ({ webgl: await runOn('webgl'), cpu: await runOn('cpu') });
window.checksReady = true;
