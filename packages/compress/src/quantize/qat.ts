/**
 * Quantization-aware training (PyTorch `prepare_qat`, TF-MOT `quantize_model`): a wrapper whose
 * forward pass fake-quantizes the weights of Dense, Conv2D and DepthwiseConv2D layers and
 * (optionally) every activation, with straight-through gradients, so fine-tuning with the
 * trainer's `fit` teaches the float weights to survive quantization. It matches the trainer's
 * model interface structurally; this package does not import the trainer.
 */
import { tf } from '@tessera/backend';
import type { ModelApplyOptions, NamedTensor, Sequential } from '@tessera/models';
import { checkEnum, checkNumber, checkOptions, fail, show } from '../internal/errors.js';
import { forward, REWRITTEN_LAYERS } from '../internal/forward.js';
import { defaultMode, quantParams, type QuantMode } from './affine.js';
import { type ActivationRanges, checkSequential } from './calibrate.js';
import { fakeQuantize, fakeQuantizeWeight, type WeightFakeQuant } from './fake_quant.js';
import { MovingAverageMinMaxObserver } from './observers.js';
import { channelAxis } from '../select_weights.js';

/**
 * Options of {@link quantizationAwareModel}.
 *
 * @example
 * ```ts
 * const o: QatOptions = { weights: { dtype: 'int8', perChannel: true }, activations: { averagingConstant: 0.01 } };
 * ```
 */
export interface QatOptions {
  /** Weight fake-quantization (kernels of Dense, Conv2D, DepthwiseConv2D). Default `{ dtype: 'int8' }` (symmetric per-channel). */
  weights?: { dtype?: 'int8' | 'uint8' | 'q4'; mode?: QuantMode; perChannel?: boolean; groupSize?: number };
  /**
   * Activation fake-quantization (int8 affine per tensor) with moving-average ranges updated
   * in training mode; `false` leaves activations in float. Default on.
   */
  activations?: false | { averagingConstant?: number; dtype?: 'int8' | 'uint8'; initialRanges?: ActivationRanges };
}

/**
 * A model for quantization-aware training: pass it to `fit` like any model. `trainableVariables`
 * are the wrapped model's own float weights, so after training the wrapped model is ready for
 * `quantizeModel`, and `activationRanges()` for `fakeQuantModel`.
 *
 * @example
 * ```ts
 * const qat = quantizationAwareModel(model);
 * await fit(qat, train, { epochs: 1, optimizer: new Adam({ learningRate: 1e-4 }), loss: 'softmaxCrossEntropy' });
 * const int8 = await quantizeModel(model, { dtype: 'int8' });
 * const fq = fakeQuantModel(model, { activationRanges: qat.activationRanges() });
 * ```
 */
export interface QatModel {
  readonly name: string;
  /** The wrapped float model (trained in place). */
  readonly model: Sequential;
  apply(x: tf.Tensor | tf.Tensor[], options?: ModelApplyOptions): tf.Tensor;
  readonly trainableVariables: tf.Variable[];
  readonly nonTrainableVariables: tf.Variable[];
  getWeights(): NamedTensor[];
  setWeights(weights: NamedTensor[] | tf.Tensor[]): void;
  countParams(): number;
  /** The activation ranges learned so far (points seen in training, or the initial ones). */
  activationRanges(): ActivationRanges;
  /** Frees nothing of the wrapped model (it stays the caller's); drops the observers. */
  dispose(): void;
}

/**
 * Wraps a `Sequential` for quantization-aware training. Weights of other layer kinds (batch
 * norm, recurrent, embeddings) run in float during training.
 *
 * @example
 * ```ts
 * const qat = quantizationAwareModel(model, { weights: { dtype: 'int8' } });
 * await fit(qat, { x, y }, { epochs: 2, optimizer: new Adam({ learningRate: 1e-4 }), loss: 'softmaxCrossEntropy' });
 * ```
 */
export function quantizationAwareModel(model: Sequential, options: QatOptions = {}): QatModel {
  const fn = 'quantizationAwareModel';
  checkSequential(fn, model);
  const o = checkOptions(fn, 'options', options);
  const w = checkOptions(fn, 'options.weights', o.weights);
  const wDtype = checkEnum(fn, 'options.weights.dtype', w.dtype ?? 'int8', ['int8', 'uint8', 'q4'] as const);
  const wMode = checkEnum(fn, 'options.weights.mode', w.mode ?? defaultMode(wDtype), ['symmetric', 'affine'] as const);
  const perChannel = w.perChannel ?? wDtype !== 'q4';
  if (wDtype === 'q4' && w.perChannel === true) fail(fn, 'options.weights.perChannel', "be omitted for 'q4' (grouped)", 'true');
  const groupSize = wDtype === 'q4' ? checkNumber(fn, 'options.weights.groupSize', w.groupSize ?? 32, { min: 1, integer: true }) : null;
  const a = o.activations === false ? null : checkOptions(fn, 'options.activations', o.activations);
  const aDtype = a === null ? 'int8' : checkEnum(fn, 'options.activations.dtype', a.dtype ?? 'int8', ['int8', 'uint8'] as const);
  const averagingConstant = a?.averagingConstant ?? 0.01;
  const observers = new Map<string, MovingAverageMinMaxObserver>();
  for (const [point, r] of Object.entries(a?.initialRanges ?? {})) {
    const obs = new MovingAverageMinMaxObserver({ averagingConstant });
    obs.update([r[0], r[1]]);
    observers.set(point, obs);
  }

  const weightHook = (layer: { name: string }, local: string, v: tf.Variable): tf.Tensor => {
    if (local === 'bias' || v.rank < 2) return v;
    const spec: WeightFakeQuant = {
      dtype: wDtype,
      mode: wMode,
      axis: perChannel ? channelAxis({ local, shape: [...v.shape] }) : null,
      groupSize,
    };
    return fakeQuantizeWeight(v, spec);
  };

  const activationHook = (training: boolean) => (point: string, y: tf.Tensor): tf.Tensor => {
    let obs = observers.get(point);
    if (training) {
      const mm = tf.tidy(() => tf.stack([tf.min(y), tf.max(y)]));
      const [lo, hi] = mm.dataSync() as unknown as [number, number];
      mm.dispose();
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) fail(fn, `activation '${point}'`, 'be finite during training', `[${lo}, ${hi}]`);
      if (obs === undefined) {
        obs = new MovingAverageMinMaxObserver({ averagingConstant });
        observers.set(point, obs);
      }
      obs.update([lo, hi]);
    }
    if (obs === undefined) return y;
    const [lo, hi] = obs.range();
    return fakeQuantize(y, quantParams(lo, hi, { dtype: aDtype, mode: 'affine' }));
  };

  const hasRewritten = model.layers.some((l) => REWRITTEN_LAYERS.includes(l.className));
  if (!hasRewritten) fail(fn, 'model', `have at least one ${REWRITTEN_LAYERS.join(', ')} layer to fake-quantize`, `layers ${model.layers.map((l) => l.className).join(', ')}`);

  return {
    get name() {
      return `${model.name}-qat`;
    },
    model,
    apply(x: tf.Tensor | tf.Tensor[], opts: ModelApplyOptions = {}): tf.Tensor {
      const input = Array.isArray(x) ? x[0] : x;
      if (!(input instanceof tf.Tensor) || (Array.isArray(x) && x.length !== 1)) fail(`${fn}.apply`, 'x', 'be one tensor', show(x));
      const training = opts.training ?? false;
      return tf.tidy(() =>
        forward(model, input, { training }, { weight: weightHook, ...(a !== null ? { activation: activationHook(training) } : {}) }),
      );
    },
    get trainableVariables() {
      return model.trainableVariables;
    },
    get nonTrainableVariables() {
      return model.nonTrainableVariables;
    },
    getWeights: () => model.getWeights(),
    setWeights: (ws) => model.setWeights(ws),
    countParams: () => model.countParams(),
    activationRanges(): ActivationRanges {
      const out: ActivationRanges = {};
      for (const [point, obs] of observers) out[point] = obs.range();
      return out;
    },
    dispose: () => observers.clear(),
  };
}
