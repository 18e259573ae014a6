/**
 * Runs one op on the active backend with seeded random inputs and compares its forward
 * result and its gradients with the float64 reference (reference.ts), inside expectNoLeaks.
 *
 * Tolerance (float32 against float64): every element must satisfy
 *   |actual - reference| <= rtol * |reference| + atol * max|reference|
 * with rtol = 1e-4 and atol = 1e-5 by default. The second term is a floor scaled to the
 * tensor's magnitude, because float32 sums of mixed-sign terms carry an absolute error of
 * ~1e-7 of the terms' size, so elements that cancel to near zero cannot be held to a
 * relative bound. A wrong index, padding rule or divisor gives errors of order 1 and fails.
 */
import { expect } from 'vitest';
import { expectNoLeaks, type Rng, tf } from '@tessera/backend';
import { type F64, numericGradients, size } from './reference.js';

export interface Tolerance {
  rtol: number;
  atol: number;
}

export const FLOAT32: Tolerance = { rtol: 1e-4, atol: 1e-5 };

export interface InputSpec {
  shape: number[];
  /** Fixed values (indices, labels, masks); otherwise standard normal samples times `scale`. */
  values?: ArrayLike<number>;
  dtype?: 'float32' | 'int32';
  /** Differentiate with respect to this input. Default: random float32 inputs only. */
  grad?: boolean;
  scale?: number;
}

export interface OpCase {
  name: string;
  inputs: InputSpec[];
  /** The tfjs computation (tfjs-core ops only, no chained methods). */
  op: (...xs: tf.Tensor[]) => tf.Tensor;
  /** The same computation in float64 on flat arrays. */
  ref: (xs: F64[]) => F64;
  outShape: number[];
  tol?: Tolerance;
  gradTol?: Tolerance;
}

/** Float64 values that are exactly representable in float32 (what the tensor will hold). */
export function f32Values(n: number, rng: Rng, scale = 1): F64 {
  return Float64Array.from(Float32Array.from(rng.fillNormal(new Float64Array(n), 0, scale)));
}

export function expectClose(actual: ArrayLike<number>, expected: F64, tol: Tolerance, label: string): void {
  expect(actual.length, `${label}: number of elements`).toBe(expected.length);
  let scale = 0;
  for (const e of expected) scale = Math.max(scale, Math.abs(e));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    const allowed = tol.rtol * Math.abs(e) + tol.atol * scale + 1e-30;
    const ratio = Number.isFinite(a) ? Math.abs(a - e) / allowed : Infinity;
    if (ratio > worst) {
      worst = ratio;
      at = i;
    }
  }
  expect(
    worst,
    `${label}: element ${at} is ${actual[at]}, reference ${expected[at]} ` +
      `(allowed |a-e| <= ${tol.rtol}*|e| + ${tol.atol}*${scale.toPrecision(3)})`,
  ).toBeLessThanOrEqual(1);
}

/**
 * Forward and gradients of `c` against the reference. The gradient is that of
 * loss = sum(op(x) * r) for a random r, obtained from one backward pass (`r` as dy).
 */
export async function checkOp(c: OpCase, rng: Rng): Promise<void> {
  const data = c.inputs.map((s) => (s.values ? Float64Array.from(s.values) : f32Values(size(s.shape), rng, s.scale ?? 1)));
  const wrt = c.inputs.flatMap((s, i) => ((s.grad ?? (s.values === undefined && s.dtype !== 'int32')) ? [i] : []));
  const expected = c.ref(data.map((d) => d.slice()));
  expect(expected.length, `${c.name}: reference size vs outShape`).toBe(size(c.outShape));
  const r = f32Values(expected.length, rng);
  const expectedGrads = numericGradients(c.ref, data.map((d) => d.slice()), r, wrt);
  await expectNoLeaks(
    () => {
      const xs = c.inputs.map((s, i) =>
        s.dtype === 'int32' ? tf.tensor(Int32Array.from(data[i]!), s.shape, 'int32') : tf.tensor(Float32Array.from(data[i]!), s.shape),
      );
      const y = tf.tidy(() => c.op(...xs));
      expect(y.shape, `${c.name}: output shape`).toEqual(c.outShape);
      expectClose(y.dataSync(), expected, c.tol ?? FLOAT32, `${c.name} forward`);
      if (wrt.length > 0) {
        const dy = tf.tensor(Float32Array.from(r), y.shape);
        const f = (...diff: tf.Tensor[]): tf.Tensor => {
          const all = xs.slice();
          wrt.forEach((k, j) => (all[k] = diff[j]!));
          return c.op(...all);
        };
        const grads = tf.grads(f)(
          wrt.map((k) => xs[k]!),
          dy,
        );
        grads.forEach((g, j) => {
          const k = wrt[j]!;
          expect(g.shape, `${c.name}: gradient shape of input ${k}`).toEqual(c.inputs[k]!.shape);
          expectClose(g.dataSync(), expectedGrads[j]!, c.gradTol ?? c.tol ?? FLOAT32, `${c.name} gradient of input ${k}`);
        });
        tf.dispose([dy, ...grads]);
      }
      tf.dispose([...xs, y]);
    },
    { label: c.name },
  );
}

/** The backends every conformance test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;
