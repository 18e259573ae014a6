// tfjs-layers versions of the benchmark models, built from a tfjs-layers namespace `tfl` and a
// tfjs-core namespace `tf`. In the harness's process these are @tensorflow/tfjs-layers and
// @tessera/backend's tf (one engine: same backend, same kernels as Tessera); in the stock child
// process both are the @tensorflow/tfjs union package with its own stock kernels.
//
// Same architectures as the Tessera models and PyTorch peers. Classifiers end in a softmax and
// train with categorical cross-entropy on one-hot labels (tfjs-layers has no from-logits loss),
// with Adam at 1e-3 ('adam'). tfjs-layers has no MultiHeadAttention, so the Transformer's
// encoder block is a custom tfjs-layers Layer written with tfjs ops (post-norm, as Tessera's
// and PyTorch's default), and its sinusoidal positions another.

/** Sinusoid table [len, d] as Vaswani et al. (same values as @tessera/models' PositionalEncoding). */
export function sinusoid(len, d) {
  const out = new Float32Array(len * d);
  for (let p = 0; p < len; p++) {
    for (let j = 0; j < d; j++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(j / 2)) / d);
      out[p * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

function customLayers(tfl, tf) {
  class PositionalAdd extends tfl.layers.Layer {
    constructor(cfg) {
      super({ name: cfg.name });
      this.len = cfg.len;
      this.d = cfg.d;
    }
    build() {
      this.table = tf.keep(tf.tensor2d(sinusoid(this.len, this.d), [this.len, this.d]));
      this.built = true;
    }
    computeOutputShape(s) {
      return s;
    }
    call(inputs) {
      return tf.tidy(() => tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.table));
    }
    static get className() {
      return 'BenchPositionalAdd';
    }
  }

  class EncoderBlock extends tfl.layers.Layer {
    constructor(cfg) {
      super({ name: cfg.name });
      this.d = cfg.d;
      this.heads = cfg.heads;
      this.ff = cfg.ff;
    }
    build() {
      const d = this.d;
      const glorot = () => tfl.initializers.glorotUniform({});
      const zeros = () => tfl.initializers.zeros();
      const ones = () => tfl.initializers.ones();
      const w = (name, shape) => this.addWeight(name, shape, 'float32', glorot());
      const b = (name, n) => this.addWeight(name, [n], 'float32', zeros());
      this.p = {
        wq: w('wq', [d, d]), bq: b('bq', d), wk: w('wk', [d, d]), bk: b('bk', d),
        wv: w('wv', [d, d]), bv: b('bv', d), wo: w('wo', [d, d]), bo: b('bo', d),
        g1: this.addWeight('g1', [d], 'float32', ones()), be1: b('be1', d),
        w1: w('w1', [d, this.ff]), b1: b('b1', this.ff), w2: w('w2', [this.ff, d]), b2: b('b2', d),
        g2: this.addWeight('g2', [d], 'float32', ones()), be2: b('be2', d),
      };
      this.built = true;
    }
    computeOutputShape(s) {
      return s;
    }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const [B, T, d] = x.shape;
        const H = this.heads;
        const dh = d / H;
        const v = (k) => this.p[k].read();
        const dense = (h, wk, bk) => tf.add(tf.matMul(tf.reshape(h, [-1, h.shape[h.shape.length - 1]]), v(wk)), v(bk));
        const heads = (h) => tf.transpose(tf.reshape(h, [B, T, H, dh]), [0, 2, 1, 3]);
        const norm = (h, g, be) => {
          const { mean, variance } = tf.moments(h, -1, true);
          return tf.add(tf.mul(tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, 1e-5))), v(g)), v(be));
        };
        const q = heads(tf.mul(dense(x, 'wq', 'bq'), 1 / Math.sqrt(dh)));
        const k = heads(dense(x, 'wk', 'bk'));
        const val = heads(dense(x, 'wv', 'bv'));
        const att = tf.matMul(tf.softmax(tf.matMul(q, k, false, true), -1), val);
        const merged = tf.reshape(tf.transpose(att, [0, 2, 1, 3]), [B * T, d]);
        const a = tf.reshape(dense(merged, 'wo', 'bo'), [B, T, d]);
        const h1 = norm(tf.add(x, a), 'g1', 'be1');
        const f = tf.reshape(dense(tf.relu(dense(h1, 'w1', 'b1')), 'w2', 'b2'), [B, T, d]);
        return norm(tf.add(h1, f), 'g2', 'be2');
      });
    }
    static get className() {
      return 'BenchEncoderBlock';
    }
  }
  return { PositionalAdd, EncoderBlock };
}

/** The tfjs-layers model for `name` (see scenarios.mjs for the specs), compiled for training. */
export function buildLayersModel(name, spec, tfl, tf) {
  const L = tfl.layers;
  const m = tfl.sequential();
  if (name === 'cnn-seed') {
    m.add(L.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
    m.add(L.maxPooling2d({ poolSize: 2 }));
    m.add(L.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
    m.add(L.maxPooling2d({ poolSize: 2 }));
    m.add(L.flatten());
    m.add(L.dense({ units: 128, activation: 'relu' }));
  } else if (name === 'mlp') {
    m.add(L.dense({ inputShape: [784], units: 256, activation: 'relu' }));
    m.add(L.dense({ units: 128, activation: 'relu' }));
  } else if (name === 'lstm') {
    m.add(L.embedding({ inputShape: [spec.len], inputDim: spec.vocab, outputDim: spec.embed }));
    m.add(L.lstm({ units: spec.units, recurrentActivation: 'sigmoid' }));
  } else if (name === 'transformer') {
    const { PositionalAdd, EncoderBlock } = customLayers(tfl, tf);
    m.add(L.embedding({ inputShape: [spec.len], inputDim: spec.vocab, outputDim: spec.d }));
    m.add(new PositionalAdd({ name: 'positions', len: spec.len, d: spec.d }));
    for (let i = 0; i < spec.layers; i++) m.add(new EncoderBlock({ name: `encoder_${i + 1}`, d: spec.d, heads: spec.heads, ff: spec.ff }));
    m.add(L.globalAveragePooling1d());
  } else {
    throw new Error(`buildLayersModel: unknown model ${name}`);
  }
  m.add(L.dense({ units: spec.classes, activation: 'softmax' }));
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return m;
}

/** One epoch of `model.fit` over x (steps x batch samples), as a user writes it. */
export async function layersTrain(model, x, yOneHot, batch) {
  await model.fit(x, yOneHot, { batchSize: batch, epochs: 1, shuffle: false, verbose: 0 });
}

/** One `model.predict` call, read back (the backends are synchronous; dataSync keeps it honest). */
export function layersInfer(model, x) {
  const y = model.predict(x);
  y.dataSync();
  y.dispose();
}
