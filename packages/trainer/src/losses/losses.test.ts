import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend, expectNoLeaks } from '@tessera/backend';
import {
  binaryCrossEntropy,
  distillation,
  distillationLoss,
  huber,
  l1l2Penalty,
  meanSquaredError,
  resolveLoss,
  softmaxCrossEntropy,
} from '../index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const logits = [
  [2, -1, 0.5],
  [0.1, 0.2, 3],
  [-2, 1, 1],
  [0, 0, 0],
];
const labels = [0, 2, 1, 1];

function logSoftmax(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
  return row.map((x) => x - lse);
}

async function value(f: () => tf.Scalar): Promise<number> {
  return expectNoLeaks(() => {
    const t = f();
    const v = t.dataSync()[0] as number;
    t.dispose();
    return v;
  });
}

describe('losses match float64 references', () => {
  it('softmax cross-entropy: sparse, one-hot, label smoothing, class weights', async () => {
    const ref = (ls: number, cw?: number[]): number => {
      let num = 0;
      let den = 0;
      logits.forEach((row, i) => {
        const lp = logSoftmax(row);
        const y = labels[i] as number;
        const l = -lp.reduce((s, v, j) => s + ((j === y ? 1 : 0) * (1 - ls) + ls / 3) * v, 0);
        const w = cw ? (cw[y] as number) : 1;
        num += w * l;
        den += w;
      });
      return num / den;
    };
    const yp = tf.tensor2d(logits);
    const ys = tf.tensor1d(labels, 'int32');
    const yh = tf.oneHot(ys, 3);
    expect(await value(() => softmaxCrossEntropy().compute(ys, yp))).toBeCloseTo(ref(0), 5);
    expect(await value(() => softmaxCrossEntropy().compute(yh, yp))).toBeCloseTo(ref(0), 5);
    expect(await value(() => softmaxCrossEntropy({ labelSmoothing: 0.2 }).compute(ys, yp))).toBeCloseTo(ref(0.2), 5);
    expect(await value(() => softmaxCrossEntropy({ classWeights: [1, 3, 0.5] }).compute(ys, yp))).toBeCloseTo(ref(0, [1, 3, 0.5]), 5);
    const probs = tf.softmax(yp);
    expect(await value(() => softmaxCrossEntropy({ fromLogits: false }).compute(ys, probs))).toBeCloseTo(ref(0), 5);
    expect(() => softmaxCrossEntropy().compute(tf.tensor1d([0, 3, 1, 1]), yp)).toThrow(/softmaxCrossEntropy.compute: yTrue\[1\] must be an integer class label in \[0, 3\); got 3/);
    expect(() => softmaxCrossEntropy().compute(tf.tensor1d([0, 1]), yp)).toThrow(/yTrue must have 4 labels/);
    expect(() => softmaxCrossEntropy({ classWeights: [1, 2] }).compute(ys, yp)).toThrow(/options.classWeights must have 3 entries/);
    tf.dispose([yp, ys, yh, probs]);
  });

  it('binary cross-entropy from logits (stable form), positive weight, probabilities', async () => {
    const x = [-3, -0.5, 0, 2, 40];
    const y = [0, 1, 1, 0, 1];
    // -log(sigmoid(v)) and -log(1 - sigmoid(v)) in float64 without overflow at v = 40.
    const softplus = (v: number): number => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    const ref = (pw: number, ls = 0): number =>
      x.reduce((s, v, i) => {
        const t = (y[i] as number) * (1 - ls) + 0.5 * ls;
        return s + pw * t * softplus(-v) + (1 - t) * softplus(v);
      }, 0) / x.length;
    const xt = tf.tensor2d(x, [5, 1]);
    const yt = tf.tensor1d(y);
    expect(await value(() => binaryCrossEntropy().compute(yt, xt))).toBeCloseTo(ref(1), 5);
    expect(await value(() => binaryCrossEntropy({ positiveWeight: 3 }).compute(yt, xt))).toBeCloseTo(ref(3), 5);
    expect(await value(() => binaryCrossEntropy({ labelSmoothing: 0.1 }).compute(yt, xt))).toBeCloseTo(ref(1, 0.1), 5);
    const p = tf.tensor1d([0.1, 0.8, 0.6, 0.3, 0.99]);
    const refP = [0.1, 0.8, 0.6, 0.3, 0.99].reduce((s, v, i) => s - ((y[i] as number) * Math.log(v) + (1 - (y[i] as number)) * Math.log(1 - v)), 0) / 5;
    expect(await value(() => binaryCrossEntropy({ fromLogits: false }).compute(yt, p))).toBeCloseTo(refP, 5);
    expect(() => binaryCrossEntropy().compute(tf.tensor1d([1, 0]), xt)).toThrow(/binaryCrossEntropy.compute: yTrue must have the shape of yPred \[5, 1\]; got \[2\]/);
    tf.dispose([xt, yt, p]);
  });

  it('MSE and Huber', async () => {
    const a = [0, 1, -2, 0.5];
    const b = [0.5, -1, -2.2, 3];
    const ya = tf.tensor1d(a);
    const yb = tf.tensor2d(b, [4, 1]);
    const e = a.map((v, i) => v - (b[i] as number));
    expect(await value(() => meanSquaredError().compute(ya, yb))).toBeCloseTo(e.reduce((s, v) => s + v * v, 0) / 4, 5);
    const hub = (d: number): number => e.reduce((s, v) => s + (Math.abs(v) <= d ? 0.5 * v * v : d * (Math.abs(v) - 0.5 * d)), 0) / 4;
    expect(await value(() => huber().compute(ya, yb))).toBeCloseTo(hub(1), 5);
    expect(await value(() => huber({ delta: 0.3 }).compute(ya, yb))).toBeCloseTo(hub(0.3), 5);
    expect(resolveLoss('huber').name).toBe('huber');
    expect(() => resolveLoss('nope' as never, 'fit', 'options.loss')).toThrow(/fit: options.loss must be a Loss or one of/);
    tf.dispose([ya, yb]);
  });

  it('distillation: T^2 * KL(teacher || student) + alpha * hard, and its gradient is T (p_s - p_t) / n', async () => {
    const teacher = [
      [1, 0, -1],
      [0.5, 2, 0],
      [0, 0, 3],
      [1, 1, 1],
    ];
    const T = 3;
    const alpha = 0.25;
    const soft = (s: number[][]): number =>
      s.reduce((acc, row, i) => {
        const lt = logSoftmax((teacher[i] as number[]).map((v) => v / T));
        const ls = logSoftmax(row.map((v) => v / T));
        return acc + lt.reduce((k, v, j) => k + Math.exp(v) * (v - (ls[j] as number)), 0);
      }, 0) / s.length;
    const hard = logits.reduce((acc, row, i) => acc - (logSoftmax(row)[labels[i] as number] as number), 0) / logits.length;
    const ys = tf.tensor1d(labels, 'int32');
    const s = tf.tensor2d(logits);
    const t = tf.tensor2d(teacher);
    expect(await value(() => distillationLoss(ys, s, t, { temperature: T, alpha }))).toBeCloseTo(alpha * hard + (1 - alpha) * T * T * soft(logits), 5);
    // Gradient of the soft term alone: T^2 * d KL / ds = T * (softmax(s/T) - softmax(t/T)) / n.
    const g = tf.grad((x: tf.Tensor) => distillationLoss(ys, x, t, { temperature: T, alpha: 0 }))(s);
    const gv = await g.array() as number[][];
    logits.forEach((row, i) => {
      const ps = logSoftmax(row.map((v) => v / T)).map(Math.exp);
      const pt = logSoftmax((teacher[i] as number[]).map((v) => v / T)).map(Math.exp);
      row.forEach((_, j) => expect(gv[i]![j]).toBeCloseTo((T * ((ps[j] as number) - (pt[j] as number))) / 4, 5));
    });
    // The fit-ready Loss runs the teacher on the batch input.
    const teacherModel = { apply: () => tf.clone(t) };
    const l = distillation({ teacher: teacherModel, temperature: T, alpha });
    expect(await value(() => l.compute(ys, s, { x: s }))).toBeCloseTo(alpha * hard + (1 - alpha) * T * T * soft(logits), 5);
    expect(() => distillationLoss(ys, s, tf.zeros([4, 2]))).toThrow(/distillationLoss: teacherLogits must have the student's shape \[4, 3\]/);
    expect(() => distillation({ teacher: 5 as never })).toThrow(/distillation: options.teacher must be a model/);
    tf.dispose([ys, s, t, g]);
  });

  it('L1/L2 penalty skips biases by default', async () => {
    const k = tf.tidy(() => tf.variable(tf.tensor2d([[1, -2], [3, 0.5]])));
    const b = tf.tidy(() => tf.variable(tf.tensor1d([10, 10])));
    expect(await value(() => l1l2Penalty([k, b], { l1: 0.1, l2: 0.01 }))).toBeCloseTo(0.1 * 6.5 + 0.01 * 14.25, 5);
    expect(await value(() => l1l2Penalty([k, b], { l2: 1, filter: () => true }))).toBeCloseTo(14.25 + 200, 4);
    tf.dispose([k, b]);
  });
});
