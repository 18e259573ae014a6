// The benchmark models (the sizes), their data, and Tessera's side of each scenario:
// @tessera/models' zoo trained by @tessera/trainer's fit with Adam(1e-3) and softmax
// cross-entropy on logits, and models' predict for inference.
import { Rng, tf } from '@tessera/backend';
import { cnn, mlp, predict, rnn, transformer } from '@tessera/models';
import { Adam, fit } from '@tessera/trainer';

/**
 * Model specs. `torch` is the config pytorch_peer.py reads. Embeddings do not mask id 0
 * (PyTorch's peer has no mask); the data never contains it.
 */
export const MODELS = {
  'cnn-seed': {
    what: 'seed CNN 32x32x3: conv3x3(32)-pool-conv3x3(64)-pool-dense128-dense10',
    batch: 64,
    classes: 10,
    torch: {},
  },
  mlp: { what: 'MLP 784-256-128-10', batch: 64, classes: 10, torch: {} },
  lstm: {
    what: 'Embedding(5000, 64) + LSTM(64) + dense2, length 64',
    batch: 64,
    vocab: 5000,
    embed: 64,
    units: 64,
    len: 64,
    classes: 2,
    torch: { vocab: 5000, embed: 64, units: 64, len: 64, classes: 2 },
  },
  transformer: {
    what: 'Embedding(5000, 64) + sinusoid + 2 post-norm encoder blocks (4 heads, ff 128) + mean + dense2, length 64',
    batch: 64,
    vocab: 5000,
    d: 64,
    heads: 4,
    layers: 2,
    ff: 128,
    len: 64,
    classes: 2,
    torch: { vocab: 5000, d: 64, heads: 4, layers: 2, ff: 128, len: 64, classes: 2 },
  },
};

/** Tessera's model for `name`. */
export function buildTessera(name, spec) {
  if (name === 'cnn-seed') return cnn({ inputShape: [32, 32, 3], filters: [32, 64], dense: [128], numClasses: 10, seed: 1 });
  if (name === 'mlp') return mlp({ inputSize: 784, hidden: [256, 128], numClasses: 10, seed: 1 });
  if (name === 'lstm') {
    return rnn({ vocabSize: spec.vocab, embedDim: spec.embed, cell: 'lstm', units: spec.units, numClasses: spec.classes, maskZero: false, seed: 1 });
  }
  if (name === 'transformer') {
    return transformer({
      vocabSize: spec.vocab, maxLen: spec.len, dModel: spec.d, heads: spec.heads, layers: spec.layers,
      ffDim: spec.ff, numClasses: spec.classes, maskZero: false, seed: 1,
    }); // prettier-ignore
  }
  throw new Error(`buildTessera: unknown model ${name}`);
}

/** `n` samples of `name`'s input (seeded), labels as int32 and one-hot (tensors on the active backend). */
export function makeData(name, spec, n, seed) {
  const rng = new Rng(seed);
  let x;
  if (name === 'cnn-seed') x = tf.tensor(rng.fillNormal(new Float32Array(n * 3072)), [n, 32, 32, 3]);
  else if (name === 'mlp') x = tf.tensor(rng.fillNormal(new Float32Array(n * 784)), [n, 784]);
  else x = tf.tensor(Int32Array.from({ length: n * spec.len }, () => 1 + rng.int(spec.vocab - 1)), [n, spec.len], 'int32');
  const labels = Int32Array.from({ length: n }, () => rng.int(spec.classes));
  const y = tf.tensor1d(labels, 'int32');
  const yOneHot = tf.oneHot(y, spec.classes);
  return { x, y, yOneHot, dispose: () => tf.dispose([x, y, yOneHot]) };
}

/** Tessera's training side: fit() for one epoch over the data, as a user writes it. */
export function tesseraTrainer(model) {
  const optimizer = new Adam({ learningRate: 1e-3 });
  return {
    run: async (data, batch) => {
      await fit(model, { x: data.x, y: data.y }, { epochs: 1, batchSize: batch, optimizer, loss: 'softmaxCrossEntropy', shuffle: false });
    },
    dispose: () => optimizer.dispose(),
  };
}

/** Tessera's inference side: predict (softmax of the logits), read back. */
export function tesseraInfer(model, x) {
  const y = predict(model, x);
  y.dataSync();
  y.dispose();
}
