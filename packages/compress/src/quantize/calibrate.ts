/**
 * Static (full-integer) quantization support: observe activation ranges over a representative
 * dataset (TFLite recommends 100-500 samples), then evaluate a model whose weights are
 * quantized and whose activations are fake-quantized to 8 bits at every layer boundary.
 */
import { tf } from '@tessera/backend';
import { fromConfig, type Sequential } from '@tessera/models';
import { checkEnum, checkNumber, checkOptions, fail, show } from '../internal/errors.js';
import { forward } from '../internal/forward.js';
import { quantParams, type QuantParams } from './affine.js';
import { fakeQuantize } from './fake_quant.js';
import { createObserver, type Observer, type ObserverKind, type Range } from './observers.js';
import { type QuantizeOptions, quantizeWeights } from './quantize_model.js';
import { dequantizeWeights } from './weights_file.js';

/**
 * Activation ranges by point: `'input'` (the model input) and each layer's name (its output).
 *
 * @example
 * ```ts
 * const r: ActivationRanges = { input: [0, 1], conv2d_1: [0, 4.2], dense_2: [-7.5, 9.1] };
 * ```
 */
export type ActivationRanges = Record<string, Range>;

/**
 * Calibration data: one tensor of samples (batched here), `{ x }`, or an iterable of batches.
 *
 * @example
 * ```ts
 * const data: CalibrationData = { x: xTrain.slice(0, 200) };
 * ```
 */
export type CalibrationData = tf.Tensor | { x: tf.Tensor } | Iterable<tf.Tensor>;

/**
 * Options of {@link calibrateActivations}.
 *
 * @example
 * ```ts
 * const o: CalibrateOptions = { observer: 'percentile', batchSize: 50, maxSamples: 300 };
 * ```
 */
export interface CalibrateOptions {
  /** Default `'minmax'`. */
  observer?: ObserverKind;
  /** Batch size when `data` is one tensor. Default 32. */
  batchSize?: number;
  /** Use at most this many samples. Default all. */
  maxSamples?: number;
}

/**
 * Checks that a model exposes layers and an input shape (a `Sequential`).
 *
 * @example
 * ```ts
 * const seq = checkSequential('calibrateActivations', model);
 * ```
 */
export function checkSequential(fn: string, model: unknown): Sequential {
  const m = model as Partial<Sequential> | null;
  if (typeof m !== 'object' || m === null || !Array.isArray(m.layers) || !Array.isArray(m.inputShape) || typeof m.toConfig !== 'function') {
    fail(fn, 'model', 'be a Sequential from @tessera/models (its layers are walked one by one)', show(model));
  }
  return m as Sequential;
}

function* batches(fn: string, data: CalibrationData, batchSize: number): Generator<tf.Tensor> {
  const whole = data instanceof tf.Tensor ? data : typeof data === 'object' && data !== null && 'x' in data ? data.x : null;
  if (whole !== null) {
    if (!(whole instanceof tf.Tensor)) fail(fn, 'data.x', 'be a tensor', show(whole));
    const n = whole.shape[0] as number;
    for (let i = 0; i < n; i += batchSize) {
      const b = tf.slice(whole, [i], [Math.min(batchSize, n - i)]);
      try {
        yield b;
      } finally {
        b.dispose();
      }
    }
    return;
  }
  if (typeof data !== 'object' || data === null || typeof (data as Iterable<tf.Tensor>)[Symbol.iterator] !== 'function') {
    fail(fn, 'data', 'be a tensor, { x } or an iterable of batch tensors', show(data));
  }
  let i = 0;
  for (const b of data as Iterable<tf.Tensor>) {
    if (!(b instanceof tf.Tensor)) fail(fn, `data batch ${i}`, 'be a tensor', show(b));
    i++;
    yield b;
  }
}

/**
 * Runs the representative data through the model (inference mode) and returns the observed
 * range of the input and of each layer's output.
 *
 * @example
 * ```ts
 * const ranges = calibrateActivations(model, { x: xCalib }, { observer: 'moving-average' });
 * const fq = fakeQuantModel(model, { activationRanges: ranges });
 * ```
 */
export function calibrateActivations(model: Sequential, data: CalibrationData, options: CalibrateOptions = {}): ActivationRanges {
  const fn = 'calibrateActivations';
  checkSequential(fn, model);
  const o = checkOptions(fn, 'options', options);
  const batchSize = checkNumber(fn, 'options.batchSize', o.batchSize ?? 32, { min: 1, integer: true });
  const maxSamples = o.maxSamples === undefined ? Infinity : checkNumber(fn, 'options.maxSamples', o.maxSamples, { min: 1, integer: true });
  const observers = new Map<string, Observer>();
  const observe = (point: string, y: tf.Tensor): tf.Tensor => {
    let obs = observers.get(point);
    if (obs === undefined) {
      obs = createObserver(o.observer ?? 'minmax', fn);
      observers.set(point, obs);
    }
    obs.observe(y);
    return y;
  };
  let used = 0;
  for (const b of batches(fn, data, batchSize)) {
    if (used >= maxSamples) break;
    const take = Math.min(b.shape[0] as number, maxSamples - used);
    tf.tidy(() => {
      const x = take < (b.shape[0] as number) ? tf.slice(b, [0], [take]) : b;
      forward(model, x, { training: false }, { activation: observe });
    });
    used += take;
  }
  if (used === 0) fail(fn, 'data', 'hold at least one sample', 'none');
  const out: ActivationRanges = {};
  for (const [point, obs] of observers) out[point] = obs.range();
  return out;
}

/**
 * Options of {@link fakeQuantModel}.
 *
 * @example
 * ```ts
 * const o: FakeQuantModelOptions = { activationRanges: ranges, weights: { dtype: 'int8' }, activationDtype: 'uint8' };
 * ```
 */
export interface FakeQuantModelOptions {
  /** From {@link calibrateActivations} (or a QAT model's `activationRanges()`). */
  activationRanges: ActivationRanges;
  /** How weights are quantized first; `false` keeps them float32. Default `{ dtype: 'int8' }` (per-channel symmetric). */
  weights?: QuantizeOptions | false;
  /** Activation format, affine per tensor. Default `'int8'`. */
  activationDtype?: 'int8' | 'uint8';
}

/**
 * A model that evaluates like a fully integer-quantized one: weights quantized and dequantized,
 * every activation point with a range fake-quantized with its scale and zero point.
 *
 * @example
 * ```ts
 * const fq = fakeQuantModel(model, { activationRanges: ranges });
 * const logits = fq.apply(xTest);
 * fq.dispose();
 * ```
 */
export interface FakeQuantModel {
  readonly name: string;
  /** Quantization parameters used at each activation point. */
  readonly activationParams: Readonly<Record<string, QuantParams>>;
  apply(x: tf.Tensor | tf.Tensor[]): tf.Tensor;
  dispose(): void;
}

/**
 * Builds a {@link FakeQuantModel} from a model and calibrated activation ranges. The model is
 * copied; the original is not changed.
 *
 * @example
 * ```ts
 * const ranges = calibrateActivations(model, { x: xCalib }, { observer: 'percentile' });
 * const fq = fakeQuantModel(model, { activationRanges: ranges });
 * const acc = accuracy(yTest, argMaxRows(fq.apply(xTest)));
 * ```
 */
export function fakeQuantModel(model: Sequential, options: FakeQuantModelOptions): FakeQuantModel {
  const fn = 'fakeQuantModel';
  checkSequential(fn, model);
  const o = checkOptions(fn, 'options', options);
  const ranges = o.activationRanges;
  if (typeof ranges !== 'object' || ranges === null) fail(fn, 'options.activationRanges', 'be the result of calibrateActivations', show(ranges));
  const dtype = checkEnum(fn, 'options.activationDtype', o.activationDtype ?? 'int8', ['int8', 'uint8'] as const);
  const points = new Set(['input', ...model.layers.map((l) => l.name)]);
  const params: Record<string, QuantParams> = {};
  for (const [point, r] of Object.entries(ranges)) {
    if (!points.has(point)) fail(fn, `options.activationRanges['${point}']`, `name the input or a layer (${[...points].join(', ')})`, 'an unknown point');
    if (!Array.isArray(r) || r.length !== 2) fail(fn, `options.activationRanges['${point}']`, 'be [min, max]', show(r));
    params[point] = quantParams(r[0], r[1], { dtype, mode: 'affine' });
  }
  const copy = fromConfig(model.toConfig());
  try {
    if (o.weights === false) {
      const ws = model.getWeights();
      copy.setWeights(ws);
      tf.dispose(ws.map((w) => w.tensor));
    } else {
      const named = dequantizeWeights(quantizeWeights(model, o.weights ?? { dtype: 'int8' }));
      copy.setWeights(named);
      tf.dispose(named.map((w) => w.tensor));
    }
  } catch (e) {
    copy.dispose();
    throw e;
  }
  const hook = (point: string, y: tf.Tensor): tf.Tensor => {
    const p = params[point];
    return p === undefined ? y : fakeQuantize(y, p);
  };
  return {
    name: `${model.name}-fake-quant`,
    activationParams: params,
    apply(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
      const input = Array.isArray(x) ? x[0] : x;
      if (!(input instanceof tf.Tensor) || (Array.isArray(x) && x.length !== 1)) fail(`${fn}.apply`, 'x', 'be one tensor', show(x));
      return tf.tidy(() => forward(copy, input, { training: false }, { activation: hook }));
    },
    dispose: () => copy.dispose(),
  };
}
