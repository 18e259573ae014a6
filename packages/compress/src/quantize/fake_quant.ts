/**
 * Fake quantization as tensor ops: values are rounded to the codes they would get and mapped
 * back to float (`(clamp(round(x / s) + z, qmin, qmax) - z) * s`), so a float model computes
 * what an integer model would. Gradients use the straight-through estimator (`tf.customGrad`):
 * they pass unchanged where `x` lies in the representable range and are zero where it was
 * clamped (PyTorch's FakeQuantize).
 */
import { tf } from '@tessera/backend';
import { checkNumber, fail, show } from '../internal/errors.js';
import { codeRange, defaultMode, type IntegerDtype, type QuantMode, type QuantParams } from './affine.js';

/** `(clamp(round(x / s) + z, qmin, qmax) - z) * s` with scalars or broadcastable tensors. */
function roundTrip(x: tf.Tensor, scale: tf.Tensor | number, zero: tf.Tensor | number, qmin: number, qmax: number): tf.Tensor {
  const q = tf.clipByValue(tf.add(tf.round(tf.div(x, scale)), zero), qmin, qmax);
  return tf.mul(tf.sub(q, zero), scale);
}

/**
 * Fake-quantizes a tensor with fixed parameters (per tensor). The gradient is straight
 * through inside `[(qmin - zeroPoint) * scale, (qmax - zeroPoint) * scale]` and zero outside.
 *
 * @example
 * ```ts
 * const p = quantParams(-1, 1, { dtype: 'int8', mode: 'affine' });
 * const y = fakeQuantize(x, p); // same shape, values on the int8 grid
 * ```
 */
export function fakeQuantize(x: tf.Tensor, params: QuantParams): tf.Tensor {
  const fn = 'fakeQuantize';
  if (!(x instanceof tf.Tensor)) fail(fn, 'x', 'be a tensor', show(x));
  if (typeof params !== 'object' || params === null) fail(fn, 'params', 'be { scale, zeroPoint, qmin, qmax }', show(params));
  const scale = checkNumber(fn, 'params.scale', params.scale, { min: 0, exclusiveMin: true });
  const zero = checkNumber(fn, 'params.zeroPoint', params.zeroPoint, { integer: true });
  const qmin = checkNumber(fn, 'params.qmin', params.qmin, { integer: true });
  const qmax = checkNumber(fn, 'params.qmax', params.qmax, { integer: true });
  if (!(qmin <= zero && zero <= qmax)) fail(fn, 'params.zeroPoint', `lie in [qmin, qmax] = [${qmin}, ${qmax}]`, show(zero));
  const lo = (qmin - zero) * scale;
  const hi = (qmax - zero) * scale;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([input]);
    return {
      value: tf.tidy(() => roundTrip(input, scale, zero, qmin, qmax)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const xs = saved[0] as tf.Tensor;
        return tf.mul(dy, tf.cast(tf.logicalAnd(tf.greaterEqual(xs, lo), tf.lessEqual(xs, hi)), 'float32'));
      },
    };
  });
  return op(x.dtype === 'float32' ? x : tf.cast(x, 'float32'));
}

/**
 * How a weight is fake-quantized during quantization-aware training.
 *
 * @example
 * ```ts
 * const w: WeightFakeQuant = { dtype: 'int8', mode: 'symmetric', axis: 3, groupSize: null };
 * ```
 */
export interface WeightFakeQuant {
  dtype: IntegerDtype;
  mode: QuantMode;
  /** Per-channel axis, or null for one range per tensor (ignored when grouped). */
  axis: number | null;
  /** q4: elements per group of the flattened tensor. */
  groupSize: number | null;
}

/**
 * Fake-quantizes a weight with parameters computed from the weight itself (min-max per tensor,
 * channel or group, as {@link quantizeTensor} does), with a straight-through gradient: every
 * value is inside its own range, so the gradient passes unchanged.
 *
 * @example
 * ```ts
 * const wq = fakeQuantizeWeight(kernel, { dtype: 'int8', mode: 'symmetric', axis: 3, groupSize: null });
 * ```
 */
export function fakeQuantizeWeight(w: tf.Tensor, spec: WeightFakeQuant): tf.Tensor {
  const mode = spec.mode ?? defaultMode(spec.dtype);
  const { qmin, qmax, zero } = codeRange(spec.dtype, mode);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.tidy(() => {
      const input = args[0] as tf.Tensor;
      let blocks: tf.Tensor = input;
      let axes: number[];
      const n = input.size;
      if (spec.groupSize !== null) {
        const g = spec.groupSize;
        const padded = Math.ceil(n / g) * g;
        const flat = tf.reshape(input, [n]);
        blocks = tf.reshape(padded === n ? flat : tf.pad(flat, [[0, padded - n]]), [padded / g, g]);
        axes = [1];
      } else {
        axes = input.shape.map((_, i) => i).filter((i) => i !== spec.axis);
      }
      let scale: tf.Tensor;
      let zp: tf.Tensor | number;
      if (mode === 'symmetric') {
        scale = tf.div(tf.max(tf.abs(blocks), axes, true), qmax - zero);
        zp = zero;
      } else {
        const lo = tf.minimum(tf.min(blocks, axes, true), 0);
        const hi = tf.maximum(tf.max(blocks, axes, true), 0);
        scale = tf.div(tf.sub(hi, lo), qmax - qmin);
        scale = tf.where(tf.greater(scale, 0), scale, tf.onesLike(scale));
        zp = tf.clipByValue(tf.round(tf.sub(qmin, tf.div(lo, scale))), qmin, qmax);
      }
      scale = tf.where(tf.greater(scale, 0), scale, tf.onesLike(scale));
      const out = roundTrip(blocks, scale, zp, qmin, qmax);
      if (spec.groupSize === null) return out;
      return tf.reshape(tf.slice(tf.reshape(out, [-1]), [0], [n]), input.shape);
    }),
    gradFunc: (dy: tf.Tensor) => dy,
  }));
  return op(w);
}
