import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks } from '@tessera/backend';
import { Adagrad, Adam, adamW, RMSProp, SGD, stepDecay, clipByGlobalNorm, clipByValue, clipByNorm, type Optimizer } from '../index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

// A quadratic f(w) = 0.5 * sum a_i (w_i - c_i)^2 over two variables; gradient a * (w - c).
const A = [1, 3, 0.5, 2, 4, 0.2, 1.5, 0.7, 2.5];
const C = [0.5, -1, 2, 0.3, -0.7, 1.1, 0, 0.9, -2];
const W0 = [0.1, 0.4, -0.3, 1.2, -0.5, 0.8, 0.05, -1.1, 0.6];

type Ref = (w: number[], g: number[], state: Record<string, number[]>, lr: number, t: number) => void;

/** float64 reference loop. */
function reference(update: Ref, steps: number, lrAt: (step: number) => number = () => 0.1, clip?: (g: number[]) => number[]): number[] {
  const w = W0.slice();
  const state: Record<string, number[]> = {};
  for (let t = 1; t <= steps; t++) {
    let g = w.map((wi, i) => (A[i] as number) * (wi - (C[i] as number)));
    if (clip) g = clip(g);
    update(w, g, state, lrAt(t - 1), t);
  }
  return w;
}

function slot(state: Record<string, number[]>, name: string, init = 0): number[] {
  return (state[name] ??= W0.map(() => init));
}

/** The same loop through tf.variableGrads and the optimizer. */
async function runTf(opt: Optimizer, steps: number, startFrom?: { vars: tf.Variable[] }): Promise<{ w: number[]; vars: tf.Variable[] }> {
  const vars = startFrom?.vars ?? tf.tidy(() => [tf.variable(tf.tensor2d(W0.slice(0, 6), [2, 3])), tf.variable(tf.tensor1d(W0.slice(6)))]);
  const a = [tf.tensor2d(A.slice(0, 6), [2, 3]), tf.tensor1d(A.slice(6))];
  const c = [tf.tensor2d(C.slice(0, 6), [2, 3]), tf.tensor1d(C.slice(6))];
  for (let s = 0; s < steps; s++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.mul(0.5, tf.addN(vars.map((v, i) => tf.sum(tf.mul(a[i] as tf.Tensor, tf.square(tf.sub(v, c[i] as tf.Tensor))))))) as tf.Scalar,
        vars,
      );
      opt.applyGradients(vars, vars.map((v) => grads[v.name] as tf.Tensor));
    });
  }
  tf.dispose([...a, ...c]);
  return { w: vars.flatMap((v) => Array.from(v.dataSync())), vars };
}

function expectClose(actual: number[], expected: number[], rtol = 2e-5, atol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => {
    const e = expected[i] as number;
    if (Math.abs(x - e) > atol + rtol * Math.abs(e)) throw new Error(`index ${i}: ${x} vs reference ${e}`);
  });
}

const sgdRef = (mu: number, nesterov: boolean, wd: number): Ref => (w, g0, st, lr) => {
  const b = slot(st, 'b');
  w.forEach((wi, i) => {
    let g = (g0[i] as number) + wd * wi;
    if (mu > 0) {
      b[i] = mu * (b[i] as number) + g;
      g = nesterov ? g + mu * (b[i] as number) : (b[i] as number);
    }
    w[i] = wi - lr * g;
  });
};

const adamRef = (b1: number, b2: number, eps: number, wd: number, decoupled: boolean): Ref => (w, g0, st, lr, t) => {
  const m = slot(st, 'm');
  const v = slot(st, 'v');
  w.forEach((wi, i) => {
    let g = g0[i] as number;
    let base = wi;
    if (decoupled) base = wi * (1 - lr * wd);
    else g += wd * wi;
    m[i] = b1 * (m[i] as number) + (1 - b1) * g;
    v[i] = b2 * (v[i] as number) + (1 - b2) * g * g;
    const mh = (m[i] as number) / (1 - b1 ** t);
    const vh = (v[i] as number) / (1 - b2 ** t);
    w[i] = base - (lr * mh) / (Math.sqrt(vh) + eps);
  });
};

const rmsRef = (rho: number, mu: number, eps: number, centered: boolean): Ref => (w, g0, st, lr) => {
  const s = slot(st, 's');
  const a = slot(st, 'a');
  const b = slot(st, 'b');
  w.forEach((wi, i) => {
    const g = g0[i] as number;
    s[i] = rho * (s[i] as number) + (1 - rho) * g * g;
    let varr = s[i] as number;
    if (centered) {
      a[i] = rho * (a[i] as number) + (1 - rho) * g;
      varr -= (a[i] as number) ** 2;
    }
    const step = g / (Math.sqrt(varr) + eps);
    if (mu > 0) {
      b[i] = mu * (b[i] as number) + step;
      w[i] = wi - lr * (b[i] as number);
    } else w[i] = wi - lr * step;
  });
};

const adagradRef = (init: number, eps: number): Ref => (w, g0, st, lr) => {
  const s = slot(st, 's', init);
  w.forEach((wi, i) => {
    const g = g0[i] as number;
    s[i] = (s[i] as number) + g * g;
    w[i] = wi - (lr * g) / (Math.sqrt(s[i] as number) + eps);
  });
};

const cases: { name: string; make: () => Optimizer; ref: Ref; lr?: number }[] = [
  { name: 'SGD', make: () => new SGD({ learningRate: 0.1 }), ref: sgdRef(0, false, 0) },
  { name: 'SGD momentum + weight decay', make: () => new SGD({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.01 }), ref: sgdRef(0.9, false, 0.01) },
  { name: 'SGD Nesterov', make: () => new SGD({ learningRate: 0.1, momentum: 0.8, nesterov: true }), ref: sgdRef(0.8, true, 0) },
  { name: 'Adam', make: () => new Adam({ learningRate: 0.1 }), ref: adamRef(0.9, 0.999, 1e-8, 0, false) },
  { name: 'Adam with L2 weight decay', make: () => new Adam({ learningRate: 0.1, beta1: 0.8, beta2: 0.99, weightDecay: 0.1 }), ref: adamRef(0.8, 0.99, 1e-8, 0.1, false) },
  { name: 'AdamW (decoupled weight decay)', make: () => adamW({ learningRate: 0.1, weightDecay: 0.1 }), ref: adamRef(0.9, 0.999, 1e-8, 0.1, true) },
  { name: 'RMSProp', make: () => new RMSProp({ learningRate: 0.05 }), ref: rmsRef(0.9, 0, 1e-7, false), lr: 0.05 },
  { name: 'RMSProp centered + momentum', make: () => new RMSProp({ learningRate: 0.05, centered: true, momentum: 0.5 }), ref: rmsRef(0.9, 0.5, 1e-7, true), lr: 0.05 },
  { name: 'Adagrad', make: () => new Adagrad({ learningRate: 0.3 }), ref: adagradRef(0.1, 1e-7), lr: 0.3 },
];

describe('optimizers match a float64 reference step on a quadratic', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const lr = c.lr ?? 0.1;
      const opt = c.make();
      const { w, vars } = await expectNoLeaks(() => runTf(opt, 6), { allow: 2 + 2 * slotCount(c.name) });
      expectClose(w, reference(c.ref, 6, () => lr));
      tf.dispose(vars);
      opt.dispose();
    });
  }

  // Adam runs @tessera/backend's fused TesseraAdam kernel where it is registered (cpu above);
  // the same cases on wasm, and on cpu through the tfjs ops the trainer falls back to elsewhere.
  for (const c of cases.filter((k) => k.name.startsWith('Adam'))) {
    it(`${c.name}: the op path (no fused kernel) and the wasm kernel agree with the reference`, async () => {
      const kernel = tf.getKernel('TesseraAdam', 'cpu');
      expect(kernel).toBeDefined();
      tf.unregisterKernel('TesseraAdam', 'cpu');
      try {
        const opt = c.make();
        const { w, vars } = await runTf(opt, 6);
        expectClose(w, reference(c.ref, 6, () => 0.1));
        tf.dispose(vars);
        opt.dispose();
      } finally {
        tf.registerKernel(kernel!);
      }
      await useBackend('wasm');
      try {
        expect(tf.getKernel('TesseraAdam', 'wasm')).toBeDefined();
        const opt = c.make();
        const { w, vars } = await expectNoLeaks(() => runTf(opt, 6), { allow: 2 + 2 * slotCount(c.name) });
        expectClose(w, reference(c.ref, 6, () => 0.1));
        tf.dispose(vars);
        opt.dispose();
      } finally {
        await useBackend('cpu');
      }
    });
  }

  it('a learning-rate schedule is read per step', async () => {
    const opt = new Adam({ learningRate: stepDecay({ initialLearningRate: 0.2, stepSize: 2, gamma: 0.5 }) });
    const { w, vars } = await runTf(opt, 6);
    expectClose(w, reference(adamRef(0.9, 0.999, 1e-8, 0, false), 6, (s) => 0.2 * 0.5 ** Math.floor(s / 2)));
    expect(opt.iterations).toBe(6);
    expect(opt.currentLearningRate()).toBeCloseTo(0.2 * 0.5 ** 3, 12);
    tf.dispose(vars);
    opt.dispose();
  });

  it('AdamW and Adam+L2 give different weights (the decay is really decoupled)', async () => {
    const a = reference(adamRef(0.9, 0.999, 1e-8, 0.1, true), 6);
    const b = reference(adamRef(0.9, 0.999, 1e-8, 0.1, false), 6);
    expect(Math.max(...a.map((x, i) => Math.abs(x - (b[i] as number))))).toBeGreaterThan(1e-3);
  });

  it('globalClipNorm and clipValue options clip before the update', async () => {
    const clipG = (g: number[]): number[] => {
      const n = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
      return g.map((x) => (x * 0.5) / Math.max(n, 0.5));
    };
    const opt = new SGD({ learningRate: 0.1, globalClipNorm: 0.5 });
    const r1 = await runTf(opt, 4);
    expectClose(r1.w, reference(sgdRef(0, false, 0), 4, () => 0.1, clipG));
    tf.dispose(r1.vars);
    const opt2 = new SGD({ learningRate: 0.1, clipValue: 0.3 });
    const r2 = await runTf(opt2, 4);
    expectClose(r2.w, reference(sgdRef(0, false, 0), 4, () => 0.1, (g) => g.map((x) => Math.min(0.3, Math.max(-0.3, x)))));
    tf.dispose(r2.vars);
  });

  it('state saved after 3 steps and restored into a fresh optimizer continues identically', async () => {
    for (const c of cases) {
      const full = c.make();
      const r = await runTf(full, 6);
      const first = c.make();
      const half = await runTf(first, 3);
      const state = first.getState();
      const second = c.make();
      second.setState(state);
      tf.dispose(state.slots.map((s) => s.tensor));
      first.dispose();
      const rest = await runTf(second, 3, { vars: half.vars });
      expect(second.iterations).toBe(6);
      expectClose(rest.w, r.w, 1e-6, 1e-7);
      tf.dispose([...r.vars, ...half.vars]);
      full.dispose();
      second.dispose();
    }
  });

  it('setState rejects a state of another optimizer kind, naming the argument', async () => {
    const a = new Adam();
    const r = await runTf(a, 1);
    const st = a.getState();
    expect(() => new SGD({ momentum: 0.9 }).setState(st)).toThrow(/SGD.setState: state.name must be 'sgd'/);
    tf.dispose([...st.slots.map((s) => s.tensor), ...r.vars]);
    a.dispose();
  });

  it('validates options and gradient lists', () => {
    expect(() => new SGD({ learningRate: -1 })).toThrow(/SGD: options.learningRate must be/);
    expect(() => new SGD({ nesterov: true })).toThrow(/options.momentum must be > 0 when nesterov/);
    expect(() => new Adam({ beta1: 1 })).toThrow(/Adam: options.beta1 must be < 1/);
    const v = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.zeros([3]);
    expect(() => new SGD().applyGradients([v], [g])).toThrow(/SGD.applyGradients: gradients\[0\] must have the shape of variable/);
    expect(() => new SGD().applyGradients([v], [])).toThrow(/gradients must be an array of 1 tensors/);
    tf.dispose([v, g]);
  });
});

function slotCount(name: string): number {
  if (name === 'SGD') return 0;
  if (name.startsWith('SGD')) return 1;
  if (name.startsWith('Adam')) return 2;
  if (name === 'RMSProp') return 1;
  if (name.startsWith('RMSProp')) return 3;
  return 1;
}

describe('clipping functions', () => {
  it('clipByGlobalNorm rescales jointly (TF clip_by_global_norm), clipByValue clamps, clipByNorm per tensor', async () => {
    const g1 = tf.tensor1d([3, 4]);
    const g2 = tf.tensor1d([12]);
    await expectNoLeaks(() => {
      const { gradients, norm } = clipByGlobalNorm([g1, g2], 6.5);
      expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
      expectClose(Array.from(gradients[0]!.dataSync()), [1.5, 2]);
      expectClose(Array.from(gradients[1]!.dataSync()), [6]);
      const unchanged = clipByGlobalNorm([g1, g2], 20);
      expectClose(Array.from(unchanged.gradients[0]!.dataSync()), [3, 4]);
      const v = clipByValue([g1, g2], 3.5);
      expectClose(Array.from(v[0]!.dataSync()), [3, 3.5]);
      expectClose(Array.from(v[1]!.dataSync()), [3.5]);
      const n = clipByNorm(g1, 1);
      expectClose(Array.from(n.dataSync()), [0.6, 0.8]);
      tf.dispose([...gradients, norm, ...unchanged.gradients, unchanged.norm, ...v, n]);
    });
    expect(() => clipByGlobalNorm([g1], 0)).toThrow(/clipByGlobalNorm: maxNorm must be/);
    tf.dispose([g1, g2]);
  });
});
