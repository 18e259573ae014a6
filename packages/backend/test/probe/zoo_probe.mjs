// Probe: runs the forward pass and tf.variableGrads of every op the planned model zoo uses,
// on cpu and on wasm, and lists each failure (above all "Kernel 'X' not registered for
// backend 'wasm'"). It exists to find kernels a stock backend lacks; the conformance suite
// (test/conformance) checks the numbers. Exits 1 when anything fails.
//
//   cd packages/backend && pnpm build && node test/probe/zoo_probe.mjs [cpu|wasm ...]
import { tf, useBackend, Rng } from '@tessera/backend';

const rng = new Rng(7);
const rand = (shape, scale = 1) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(rng.fillNormal(new Float32Array(n), 0, scale), shape);
};
const v = (shape, scale = 1) => tf.variable(rand(shape, scale));

/** Each case returns the variables to differentiate and a scalar loss over them. */
const cases = {
  dense: () => {
    const x = rand([4, 5]);
    const w = v([5, 3]);
    const b = v([3]);
    return [[w, b], () => tf.sum(tf.add(tf.matMul(x, w), b))];
  },
  denseOnSequence: () => {
    const x = rand([2, 3, 5]); // a Dense layer applied to every step of a sequence
    const w = v([5, 4]);
    const b = v([4]);
    return [[w, b], () => tf.sum(tf.square(tf.add(tf.matMul(x, w), b)))];
  },
  conv2dSame: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 4]);
    return [[x, w], () => tf.sum(tf.conv2d(x, w, 1, 'same'))];
  },
  conv2dStride2Valid: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 4]);
    return [[x, w], () => tf.sum(tf.conv2d(x, w, 2, 'valid'))];
  },
  conv2dDilation2: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 4]);
    return [[x, w], () => tf.sum(tf.conv2d(x, w, 1, 'same', 'NHWC', 2))];
  },
  depthwiseSame: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 2]);
    return [[x, w], () => tf.sum(tf.depthwiseConv2d(x, w, 1, 'same'))];
  },
  depthwiseStride2: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 1]);
    return [[x, w], () => tf.sum(tf.depthwiseConv2d(x, w, 2, 'valid'))];
  },
  depthwiseDilation2: () => {
    const x = v([2, 7, 7, 3]);
    const w = v([3, 3, 3, 1]);
    return [[x, w], () => tf.sum(tf.depthwiseConv2d(x, w, 1, 'same', 'NHWC', 2))];
  },
  maxPool: () => {
    const x = v([2, 6, 6, 3]);
    return [[x], () => tf.sum(tf.maxPool(x, 2, 2, 'valid'))];
  },
  avgPool: () => {
    const x = v([2, 6, 6, 3]);
    return [[x], () => tf.sum(tf.avgPool(x, 3, 1, 'same'))];
  },
  globalAvgPool: () => {
    const x = v([2, 5, 5, 3]);
    return [[x], () => tf.sum(tf.mean(x, [1, 2]))];
  },
  batchNorm: () => {
    const x = v([4, 3, 3, 2]);
    const gamma = v([2]);
    const beta = v([2]);
    return [
      [x, gamma, beta],
      () => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.sum(tf.square(tf.batchNorm(x, mean, variance, beta, gamma, 1e-3)));
      },
    ];
  },
  layerNorm: () => {
    const x = v([3, 4, 6]);
    const gamma = v([6]);
    return [
      [x, gamma],
      () => {
        const { mean, variance } = tf.moments(x, -1, true);
        const y = tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma);
        return tf.sum(tf.square(y));
      },
    ];
  },
  dropout: () => {
    const x = v([4, 8]);
    const mask = tf.cast(tf.greater(tf.randomUniform([4, 8], 0, 1, 'float32', 3), 0.5), 'float32');
    return [[x], () => tf.add(tf.sum(tf.dropout(x, 0.5, undefined, 11)), tf.sum(tf.mul(x, mask)))];
  },
  flatten: () => {
    const x = v([2, 3, 4]);
    return [[x], () => tf.sum(tf.square(tf.reshape(x, [2, 12])))];
  },
  embedding: () => {
    const table = v([10, 4]);
    const idx = tf.tensor2d([[1, 2, 2], [9, 0, 1]], [2, 3], 'int32');
    return [[table], () => tf.sum(tf.square(tf.gather(table, idx)))];
  },
  rnnCells: () => {
    const x = rand([3, 5, 4]); // batch, time, features
    const wx = v([4, 12]);
    const wh = v([3, 12]);
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]);
    return [
      [wx, wh],
      () => {
        const steps = tf.unstack(x, 1);
        let h = tf.zeros([3, 3]);
        let c = tf.zeros([3, 3]);
        const outs = [];
        steps.forEach((xt, t) => {
          const z = tf.add(tf.matMul(xt, wx), tf.matMul(h, wh));
          const [i, f, o, g] = tf.split(z, 4, 1); // LSTM gates
          const cNew = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
          const hNew = tf.mul(tf.sigmoid(o), tf.tanh(cNew));
          const keep = tf.greater(tf.reshape(tf.slice(mask, [0, t], [3, 1]), [3, 1]), 0);
          const keepB = tf.tile(keep, [1, 3]);
          h = tf.where(keepB, hNew, h);
          c = tf.where(keepB, cNew, c);
          outs.push(h);
        });
        const seq = tf.stack(outs, 1);
        const both = tf.concat([seq, tf.slice(seq, [0, 0, 0], [3, 5, 1])], 2);
        return tf.sum(tf.square(both));
      },
    ];
  },
  attention: () => {
    const q = v([2, 2, 4, 3]); // batch, heads, seq, depth
    const k = v([2, 2, 4, 3]);
    const val = v([2, 2, 4, 3]);
    const causal = tf.linalg.bandPart(tf.ones([4, 4]), -1, 0);
    return [
      [q, k, val],
      () => {
        let s = tf.div(tf.matMul(q, k, false, true), Math.sqrt(3));
        s = tf.add(s, tf.mul(tf.sub(1, causal), -1e9));
        const p = tf.softmax(s);
        const o = tf.matMul(p, val);
        const t = tf.transpose(o, [0, 2, 1, 3]);
        const lp = tf.logSoftmax(tf.where(tf.greater(causal, 0), s, tf.fill([2, 2, 4, 4], -1e9)));
        return tf.add(tf.sum(tf.square(t)), tf.sum(tf.mul(lp, p)));
      },
    ];
  },
  activations: () => {
    const x = v([4, 6]);
    const c = Math.sqrt(2 / Math.PI);
    return [
      [x],
      () => {
        const geluTanh = tf.mul(
          tf.mul(0.5, x),
          tf.add(1, tf.tanh(tf.mul(c, tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))),
        );
        const geluErf = tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
        const all = [tf.relu(x), geluTanh, geluErf, tf.tanh(x), tf.sigmoid(x), tf.softmax(x), tf.mul(x, tf.sigmoid(x)), tf.elu(x)];
        return tf.addN(all.map((a) => tf.sum(tf.square(a))));
      },
    ];
  },
  losses: () => {
    const logits = v([4, 5]);
    const labels = tf.oneHot(tf.tensor1d([0, 3, 4, 1], 'int32'), 5);
    const target = rand([4, 5]);
    return [
      [logits],
      () => {
        const ce = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
        const sce = tf.mean(tf.add(tf.sub(tf.maximum(logits, 0), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))));
        return tf.addN([
          ce,
          sce,
          tf.losses.softmaxCrossEntropy(labels, logits),
          tf.losses.sigmoidCrossEntropy(labels, logits),
          tf.losses.meanSquaredError(target, logits),
          tf.losses.huberLoss(target, logits),
        ]);
      },
    ];
  },
};

const optimizers = {
  adam: () => tf.train.adam(0.01),
  sgd: () => tf.train.sgd(0.1),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.1, 1e-7, true),
  adagrad: () => tf.train.adagrad(0.1),
};

const backends = process.argv.slice(2).length ? process.argv.slice(2) : ['cpu', 'wasm'];
const failures = [];
for (const name of backends) {
  const info = await useBackend(name);
  console.log(`\n== ${name} (kernels registered by Tessera: ${info.kernels.join(', ') || 'none'})`);
  for (const [label, make] of Object.entries(cases)) {
    try {
      tf.tidy(() => {
        const [vars, loss] = make();
        const value = loss(); // forward alone first, so a forward failure is named as such
        if (!Number.isFinite(value.dataSync()[0])) throw new Error('forward is not finite');
        const { grads } = tf.variableGrads(loss, vars);
        for (const g of Object.values(grads)) g.dataSync();
        vars.forEach((x) => x.dispose());
      });
      console.log(`  ok    ${label}`);
    } catch (e) {
      failures.push({ backend: name, label, message: e.message });
      console.log(`  FAIL  ${label}: ${e.message}`);
    }
  }
  for (const [label, make] of Object.entries(optimizers)) {
    try {
      const w = tf.variable(rand([3, 2]));
      const x = rand([4, 3]);
      const opt = make();
      for (let i = 0; i < 2; i++) opt.minimize(() => tf.sum(tf.square(tf.matMul(x, w))));
      w.dataSync();
      opt.dispose();
      tf.dispose([w, x]);
      console.log(`  ok    optimizer ${label}`);
    } catch (e) {
      failures.push({ backend: name, label: `optimizer ${label}`, message: e.message });
      console.log(`  FAIL  optimizer ${label}: ${e.message}`);
    }
  }
}

const missing = new Set();
for (const f of failures) for (const m of f.message.matchAll(/Kernel '([^']+)' not registered for backend '([^']+)'/g)) missing.add(`${m[2]}: ${m[1]}`);
console.log(`\n${failures.length} failure(s); missing kernels: ${[...missing].join(', ') || 'none'}`);
process.exit(failures.length ? 1 : 0);
