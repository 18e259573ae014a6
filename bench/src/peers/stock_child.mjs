// Child process for the stock peer: the @tensorflow/tfjs 4.22 union package (tfjs-core,
// tfjs-layers, tfjs-backend-cpu) and, for wasm, @tensorflow/tfjs-backend-wasm, with none of
// Tessera's kernels: what a user gets today. Reads the scenario as JSON from argv[2], prints a
// JSON line after each step ({ step, seconds }) so that the parent can stop it at its time
// limit and still use the steps that finished, or { error } when the step cannot run
// (e.g. a kernel the stock backend lacks).
import * as tf from '@tensorflow/tfjs';
import { buildLayersModel, layersInfer, layersTrain } from './tfjs_layers.mjs';

const s = JSON.parse(process.argv[2]);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
try {
  if (s.backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(s.backend))) throw new Error(`could not start the stock ${s.backend} backend`);
  await tf.ready();
  // Silence the cpu backend's tfjs-node advice; it goes to stdout otherwise.
  tf.backend().firstUse = false;
  const spec = s.spec;
  const model = buildLayersModel(s.model, spec, tf, tf);
  const n = spec.batch;
  let x;
  if (s.model === 'cnn-seed') x = tf.randomNormal([n, 32, 32, 3], 0, 1, 'float32', 1);
  else if (s.model === 'mlp') x = tf.randomNormal([n, 784], 0, 1, 'float32', 1);
  else x = tf.randomUniform([n, spec.len], 1, spec.vocab, 'int32', 1);
  const yOneHot = tf.oneHot(tf.randomUniform([n], 0, spec.classes, 'int32', 2), spec.classes);
  for (let step = 0; step < s.steps; step++) {
    const t0 = performance.now();
    if (s.phase === 'train') await layersTrain(model, x, yOneHot, spec.batch);
    else layersInfer(model, x);
    say({ step, seconds: (performance.now() - t0) / 1000 });
  }
} catch (e) {
  say({ error: String(e?.message ?? e).split('\n')[0] });
}
process.exit(0);
