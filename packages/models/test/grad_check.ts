/**
 * Checks a layer against a float64 reference: the forward output, and the gradient of
 * L = sum(y * P) (P a fixed random projection) with respect to the inputs and every trainable
 * weight, computed by tfjs (float32) and by central finite differences of the reference.
 *
 * Tolerances: forward |y - ref| <= fwdTol * max(1, max|ref|); gradients, element-wise,
 * |g - fd| <= gradAtol * max(1, max|fd|) + gradRtol * |fd|.
 */
import { tf } from '@tessera/backend';
import { expect } from 'vitest';
import type { ApplyOptions, Layer } from '../src/index.js';
import { Arr, rand } from './ref.js';

export interface GradCase {
  layer: Layer;
  /** Float inputs (one, or several for attention); values should be float32-exact (see `rand`). */
  inputs: Arr[];
  /** Integer inputs instead (token ids); no input gradient then. */
  ids?: number[][];
  options?: { training?: boolean; mask?: number[][] | number[][][] };
  /** Float64 forward from the inputs and the weights by local name. */
  reference: (inputs: Arr[], weights: Map<string, Arr>) => Arr;
  fwdTol?: number;
  gradAtol?: number;
  gradRtol?: number;
  /** Skip the input gradient (e.g. when the layer's input is not differentiable). */
  noInputGrad?: boolean;
}

export interface GradReport {
  fwdErr: number;
  gradErr: number;
  checked: number;
}

const toArr = (t: tf.Tensor): Arr => new Arr([...t.shape], Float64Array.from(t.dataSync()));

export function gradCheck(c: GradCase): GradReport {
  const fwdTol = c.fwdTol ?? 1e-5;
  const gradAtol = c.gradAtol ?? 2e-4;
  const gradRtol = c.gradRtol ?? 2e-3;
  const layer = c.layer;
  if (!layer.built) {
    if (c.ids) layer.build([(c.ids[0] as number[]).length]);
    else
      layer.build(c.inputs.length === 1 ? (c.inputs[0] as Arr).shape.slice(1) : c.inputs.map((a) => a.shape.slice(1)));
  }
  const weights = layer.weights();
  const wArr = new Map<string, Arr>(weights.map((w) => [w.name, toArr(w.variable)]));
  const trainable = weights.filter((w) => w.variable.trainable);

  const out0 = c.reference(c.inputs, wArr);
  const proj = rand(out0.shape, 12345);
  const loss = (inputs: Arr[], ws: Map<string, Arr>): number => {
    const y = c.reference(inputs, ws);
    let s = 0;
    for (let i = 0; i < y.size; i++) s += (y.data[i] as number) * (proj.data[i] as number);
    return s;
  };

  // tfjs forward and gradients.
  const xVars = c.ids ? [] : c.inputs.map((a) => tf.variable(tf.tensor(Float32Array.from(a.data), a.shape), true));
  const ids = c.ids ? tf.tensor2d(c.ids, undefined, 'int32') : null;
  const mask = c.options?.mask !== undefined ? tf.tensor(c.options.mask as number[][]) : undefined;
  const p = tf.tensor(Float32Array.from(proj.data), proj.shape);
  const opts: ApplyOptions = { training: c.options?.training ?? false, ...(mask ? { mask } : {}) };
  const input = (): tf.Tensor | tf.Tensor[] =>
    ids !== null ? ids : xVars.length === 1 ? (xVars[0] as tf.Variable) : xVars;
  const yTf = toArr(tf.tidy(() => layer.call(input(), opts).y));
  expect(yTf.shape).toEqual(out0.shape);
  let fwdErr = 0;
  const scale = Math.max(1, ...Array.from(out0.data, Math.abs));
  for (let i = 0; i < out0.size; i++)
    fwdErr = Math.max(fwdErr, Math.abs((yTf.data[i] as number) - (out0.data[i] as number)));
  expect(fwdErr, `forward max abs error (scale ${scale})`).toBeLessThanOrEqual(fwdTol * scale);

  const wrt: tf.Variable[] = [...(c.noInputGrad ? [] : xVars), ...trainable.map((w) => w.variable)];
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.call(input(), opts).y, p)) as tf.Scalar, wrt);
  const analytic = new Map<tf.Variable, Float32Array>();
  for (const v of wrt) {
    const g = grads[v.name];
    analytic.set(v, g === undefined ? new Float32Array(v.size) : (g.dataSync() as Float32Array));
  }
  tf.dispose(Object.values(grads));

  // Finite differences of the float64 reference.
  let gradErr = 0;
  let checked = 0;
  const compare = (label: string, an: Float32Array, base: Arr, f: (perturbed: Arr) => number): void => {
    const fd = new Float64Array(base.size);
    for (let i = 0; i < base.size; i++) {
      const v = base.data[i] as number;
      const h = 1e-6 * Math.max(1, Math.abs(v));
      const plus = new Arr(base.shape, Float64Array.from(base.data));
      plus.data[i] = v + h;
      const minus = new Arr(base.shape, Float64Array.from(base.data));
      minus.data[i] = v - h;
      fd[i] = (f(plus) - f(minus)) / (2 * h);
    }
    const s = Math.max(1, ...Array.from(fd, Math.abs));
    for (let i = 0; i < fd.length; i++) {
      const err = Math.abs((an[i] as number) - (fd[i] as number));
      const tol = gradAtol * s + gradRtol * Math.abs(fd[i] as number);
      gradErr = Math.max(gradErr, err / s);
      checked++;
      if (err > tol) {
        throw new Error(
          `${layer.name}: gradient of ${label}[${i}] is ${an[i]}, finite differences give ${fd[i]} (tolerance ${tol})`,
        );
      }
    }
  };
  if (!c.noInputGrad) {
    c.inputs.forEach((a, k) => {
      compare(`input ${k}`, analytic.get(xVars[k] as tf.Variable) as Float32Array, a, (pert) =>
        loss(
          c.inputs.map((b, j) => (j === k ? pert : b)),
          wArr,
        ),
      );
    });
  }
  for (const w of trainable) {
    const base = wArr.get(w.name) as Arr;
    compare(w.name, analytic.get(w.variable) as Float32Array, base, (pert) =>
      loss(c.inputs, new Map([...wArr, [w.name, pert]])),
    );
  }
  tf.dispose([...xVars, p]);
  ids?.dispose();
  mask?.dispose();
  return { fwdErr, gradErr, checked };
}

/** Gives every weight of a built layer deterministic random values (variances positive), so no check passes by symmetry. */
export function randomizeWeights(layer: Layer, seed: number, scale = 0.5): void {
  layer.weights().forEach((w, i) => {
    const r = rand([...w.variable.shape], seed + 7919 * i, scale);
    if (w.name.endsWith('moving_variance'))
      for (let j = 0; j < r.size; j++) r.data[j] = Math.fround(0.5 + Math.abs(r.data[j] as number));
    const t = tf.tensor(Float32Array.from(r.data), r.shape);
    w.variable.assign(t);
    t.dispose();
  });
}
