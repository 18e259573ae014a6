/**
 * DP-SGD (Abadi et al. 2016), as Opacus and TF Privacy do it: each example's (or microbatch's)
 * gradient is clipped to L2 norm `l2NormClip`, the clipped gradients are summed, Gaussian noise
 * of std `noiseMultiplier * l2NormClip` is added, and the sum is divided by the number of
 * microbatches. tfjs has no vmap, so per-example gradients are one backward pass per microbatch
 * inside a tidy (see the README for measured cost).
 */
import { tf, type Rng } from '@tessera/backend';
import type { Loss } from '../losses/loss.js';
import { resolveLoss, type LossName } from '../losses/resolve_loss.js';
import type { TrainableModel } from '../model.js';
import { checkNumber, fail, show } from '../internal/errors.js';
import type { RdpConversion } from './rdp_accountant.js';
import { l1l2Penalty, type Regularization } from '../losses/regularization.js';
import { tidyKeep } from '../internal/tidy.js';

/**
 * DP-SGD settings for `fit`'s `privacy` option.
 *
 * @example
 * ```ts
 * await fit(model, data, { ..., privacy: { l2NormClip: 1, noiseMultiplier: 1.1, delta: 1e-5, targetEpsilon: 3 } });
 * ```
 */
export interface DpSgdOptions {
  /** Per-example (per-microbatch) L2 clipping bound C. */
  l2NormClip: number;
  /** Noise std divided by C (sigma). */
  noiseMultiplier: number;
  /** Examples per microbatch; 1 (default) is true per-example clipping. Privacy is then per microbatch. */
  microbatchSize?: number;
  /** Target delta for the reported epsilon. Default 1e-5 (keep it below 1 / datasetSize). */
  delta?: number;
  /** Stop before the step that would push epsilon above this. */
  targetEpsilon?: number;
  /** Training set size N (sampling rate = batch size / N); inferred for tensor data. */
  datasetSize?: number;
  /** RDP orders. Default TF Privacy's. */
  orders?: readonly number[];
  /** RDP to (epsilon, delta) conversion. Default `'improved'`. */
  conversion?: RdpConversion;
}

/** Validates DP options. */
export function checkDpOptions(fn: string, o: DpSgdOptions): Required<Pick<DpSgdOptions, 'l2NormClip' | 'noiseMultiplier' | 'microbatchSize' | 'delta'>> {
  if (typeof o !== 'object' || o === null) fail(fn, 'options.privacy', 'be DP-SGD options', show(o));
  const l2NormClip = checkNumber(fn, 'options.privacy.l2NormClip', o.l2NormClip, { min: 0, exclusiveMin: true });
  const noiseMultiplier = checkNumber(fn, 'options.privacy.noiseMultiplier', o.noiseMultiplier, { min: 0 });
  const microbatchSize = checkNumber(fn, 'options.privacy.microbatchSize', o.microbatchSize ?? 1, { min: 1, integer: true });
  const delta = checkNumber(fn, 'options.privacy.delta', o.delta ?? 1e-5, { min: 0, max: 1, exclusiveMin: true });
  if (o.targetEpsilon !== undefined) checkNumber(fn, 'options.privacy.targetEpsilon', o.targetEpsilon, { min: 0, exclusiveMin: true });
  if (o.datasetSize !== undefined) checkNumber(fn, 'options.privacy.datasetSize', o.datasetSize, { min: 1, integer: true });
  return { l2NormClip, noiseMultiplier, microbatchSize, delta };
}

/**
 * Arguments of {@link dpSgdGradients}.
 *
 * @example
 * ```ts
 * dpSgdGradients({ model, loss, xs, ys, l2NormClip: 1, noiseMultiplier: 1.1, rng });
 * ```
 */
export interface DpSgdGradientArgs {
  model: Pick<TrainableModel, 'apply' | 'trainableVariables'>;
  loss: Loss | LossName;
  xs: tf.Tensor | tf.Tensor[];
  ys: tf.Tensor;
  mask?: tf.Tensor;
  l2NormClip: number;
  noiseMultiplier: number;
  microbatchSize?: number;
  /** Source of the Gaussian noise (seeded, so runs repeat). */
  rng: Rng;
  regularization?: Regularization;
  /** Also return the model outputs (for metrics). */
  keepOutputs?: boolean;
}

/**
 * The privatized gradient of one batch: per-microbatch gradients clipped to `l2NormClip`,
 * summed, plus N(0, (noiseMultiplier * l2NormClip)^2) noise, divided by the number of
 * microbatches. Returns new tensors the caller disposes (`gradients[i]` is null for a variable
 * the loss does not reach), the mean loss, and the fraction of microbatches that were clipped.
 *
 * @example
 * ```ts
 * const r = dpSgdGradients({ model, loss, xs, ys, l2NormClip: 1, noiseMultiplier: 1.1, rng: new Rng(0) });
 * optimizer.applyGradients(model.trainableVariables, r.gradients);
 * tf.dispose([...r.gradients.filter(Boolean), r.loss]);
 * ```
 */
export function dpSgdGradients(args: DpSgdGradientArgs): {
  gradients: (tf.Tensor | null)[];
  loss: tf.Scalar;
  clippedFraction: tf.Scalar;
  outputs: tf.Tensor | null;
} {
  const fn = 'dpSgdGradients';
  if (typeof args !== 'object' || args === null) fail(fn, 'args', 'be an object', show(args));
  if (typeof args.model?.apply !== 'function' || !Array.isArray(args.model.trainableVariables)) {
    fail(fn, 'args.model', 'be a model with apply() and trainableVariables', show(args.model));
  }
  const loss = resolveLoss(args.loss, fn, 'args.loss');
  if (typeof args.rng?.fillNormal !== 'function') fail(fn, 'args.rng', 'be an Rng from @tessera/backend', show(args.rng));
  const vars = args.model.trainableVariables;
  const c = checkNumber(fn, 'args.l2NormClip', args.l2NormClip, { min: 0, exclusiveMin: true });
  const sigma = checkNumber(fn, 'args.noiseMultiplier', args.noiseMultiplier, { min: 0 });
  const mb = checkNumber(fn, 'args.microbatchSize', args.microbatchSize ?? 1, { min: 1, integer: true });
  const n = args.ys.shape[0] as number;
  if (n % mb !== 0) fail(fn, 'args.microbatchSize', `divide the batch size ${n}`, String(mb));
  const count = n / mb;
  const xsList = Array.isArray(args.xs) ? args.xs : [args.xs];
  let sums: (tf.Tensor | null)[] = vars.map(() => null);
  let lossSum: tf.Tensor = tf.scalar(0);
  let clipped: tf.Tensor = tf.scalar(0);
  const outputs: tf.Tensor[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const next = tidyKeep(() => {
        const slice = (t: tf.Tensor): tf.Tensor => tf.slice(t, [k * mb], [mb]);
        const x = Array.isArray(args.xs) ? xsList.map(slice) : slice(args.xs);
        const y = slice(args.ys);
        const mask = args.mask ? slice(args.mask) : undefined;
        let out: tf.Tensor | null = null;
        const { value, grads } = tf.variableGrads(() => {
          const pred = args.model.apply(x, mask ? { training: true, mask } : { training: true });
          if (args.keepOutputs) out = tf.keep(pred);
          const l = loss.compute(y, pred, { x });
          return (args.regularization ? tf.add(l, l1l2Penalty(vars, args.regularization)) : l) as tf.Scalar;
        }, vars as tf.Variable[]);
        const gs = vars.map((v) => grads[v.name] ?? null);
        const present = gs.filter((g): g is tf.Tensor => g !== null);
        const norm = tf.sqrt(tf.addN(present.map((g) => tf.sum(tf.square(g)))));
        const factor = tf.div(c, tf.maximum(norm, c));
        const newSums = gs.map((g, i) => {
          if (!g) return sums[i] ? tf.clone(sums[i] as tf.Tensor) : null;
          const cg = tf.mul(g, factor);
          return sums[i] ? tf.add(sums[i] as tf.Tensor, cg) : cg;
        });
        return {
          sums: newSums,
          loss: tf.add(lossSum, value),
          clipped: tf.add(clipped, tf.cast(tf.greater(norm, c), 'float32')),
          out: out as tf.Tensor | null,
        };
      });
      tf.dispose(sums.filter((s): s is tf.Tensor => s !== null));
      tf.dispose([lossSum, clipped]);
      sums = next.sums;
      lossSum = next.loss;
      clipped = next.clipped;
      if (next.out) outputs.push(next.out);
    }
    const std = sigma * c;
    const gradients = sums.map((s) => {
      if (!s) return null;
      return tf.tidy(() => {
        const noise = args.rng.fillNormal(new Float32Array(s.size), 0, std);
        return tf.div(tf.add(s, tf.tensor(noise, s.shape, 'float32')), count);
      });
    });
    const result = {
      gradients,
      loss: tf.div(lossSum, count) as tf.Scalar,
      clippedFraction: tf.div(clipped, count) as tf.Scalar,
      outputs: outputs.length ? tf.concat(outputs, 0) : null,
    };
    return result;
  } finally {
    tf.dispose(sums.filter((s): s is tf.Tensor => s !== null));
    tf.dispose([lossSum, clipped, ...outputs]);
  }
}
