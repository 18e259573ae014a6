/**
 * The training loop: batches from tensors or datasets, gradients with `tf.variableGrads` inside
 * tidies, gradient accumulation and clipping, a NaN/Inf guard, DP-SGD, validation, callbacks,
 * checkpoints that resume exactly, and a History. The number of live tensors after each epoch
 * is the same from the first epoch on.
 */
import { tf, Rng } from '@tessera/backend';
import { checkModel, type TrainableModel } from './model.js';
import { checkMetrics, type Metric } from './metric.js';
import type { Logs } from './logs.js';
import { History } from './history.js';
import { disposeBatch, isTensorData, checkTensorData, openEpoch, type LoopBatch, type TrainData } from './data.js';
import { resolveLoss, type LossName } from './losses/resolve_loss.js';
import type { Loss } from './losses/loss.js';
import { l1l2Penalty, type Regularization } from './losses/regularization.js';
import { Optimizer } from './optimizers/optimizer.js';
import { clipByGlobalNorm, clipByValue, type GradientClip } from './optimizers/clip.js';
import type { Callback, TrainerHandle } from './callbacks/callback.js';
import { autoMode } from './schedules/reduce_on_plateau.js';
import type { Checkpoint } from './checkpoint/checkpoint.js';
import { metricLogs, runEvaluation } from './evaluate.js';
import { activate } from './internal/activation.js';
import { checkNumber, checkOptions, fail, show } from './internal/errors.js';
import { deriveSeed, TRAINER_STREAM } from './internal/seed.js';
import { checkDpOptions, dpSgdGradients, type DpSgdOptions } from './privacy/dp_sgd.js';
import { RdpAccountant } from './privacy/rdp_accountant.js';
import { plotTrainingCurves, type TrainingCurvesOptions } from './plots/training_curves.js';

/**
 * Options for {@link fit}.
 *
 * @example
 * ```ts
 * const opts: FitOptions = { epochs: 5, batchSize: 32, optimizer: new Adam(), loss: 'softmaxCrossEntropy', seed: 1 };
 * ```
 */
export interface FitOptions {
  epochs: number;
  optimizer: Optimizer;
  loss: Loss | LossName;
  /** Batch size for tensor data. Default 32. */
  batchSize?: number;
  /** Shuffle tensor data each epoch (order from seed and epoch). Default true. */
  shuffle?: boolean;
  /** Seeds shuffles and DP noise. Default 0. */
  seed?: number;
  metrics?: Metric[];
  /** Evaluated after each epoch; logs get `val_` keys. */
  validationData?: TrainData;
  callbacks?: Callback[];
  /** Clip the (accumulated) gradient before the optimizer: global L2 norm or element value. */
  gradientClip?: GradientClip;
  /** Sum gradients over this many batches before one optimizer step. Default 1. */
  accumulateSteps?: number;
  /** L1/L2 penalty added to the loss. */
  regularization?: Regularization;
  /** Train with DP-SGD and report epsilon after each epoch. */
  privacy?: DpSgdOptions;
  /** Aborting rejects `fit` after the current batch (callbacks' `fail` is called). */
  signal?: AbortSignal;
  /** Continue a run from a checkpoint (weights, optimizer, schedule, epoch, RNG, history, callbacks). */
  resumeFrom?: Checkpoint;
  /** Stop after this many optimizer steps in total. */
  maxSteps?: number;
  /** Use at most this many batches per epoch. */
  limitTrainBatches?: number;
  /** Validate on at most this many batches. */
  limitValBatches?: number;
  /** Log the global gradient norm (before clipping) per step and its epoch mean. Default false. */
  logGradNorm?: boolean;
  /** Throw on a non-finite loss or gradient, naming the step and variable. Default true. */
  stopOnNonFinite?: boolean;
  /** Keep per-step logs in the History. Default true. */
  keepStepLogs?: boolean;
  /** Render loss/metric curves to `history.curvesSvg` at the end. */
  curves?: boolean | TrainingCurvesOptions;
  /** Dispose batches from an iterable after use. Default true unless the data is an array. */
  disposeBatches?: boolean;
}

interface StepOutcome {
  loss: number;
  gradNorm: number;
}

/**
 * Trains `model` on `trainData` and returns its {@link History}.
 *
 * @example
 * ```ts
 * import { fit, Adam, softmaxCrossEntropy, EarlyStopping } from '@tessera/trainer';
 * import { Accuracy } from '@tessera/metrics';
 * const history = await fit(model, { x, y }, {
 *   epochs: 10, batchSize: 32, seed: 42,
 *   optimizer: new Adam({ learningRate: 1e-3 }), loss: softmaxCrossEntropy(),
 *   metrics: [new Accuracy()], validationData: { x: xVal, y: yVal },
 *   callbacks: [new EarlyStopping({ patience: 2, restoreBestWeights: true })],
 * });
 * ```
 */
export async function fit(model: TrainableModel, trainData: TrainData, options: FitOptions): Promise<History> {
  const fn = 'fit';
  checkModel(fn, model, 'training');
  const o = checkOptions(fn, 'options', options);
  const epochs = checkNumber(fn, 'options.epochs', o.epochs, { min: 0, integer: true });
  if (!(o.optimizer instanceof Optimizer)) fail(fn, 'options.optimizer', 'be a trainer Optimizer (SGD, Adam, adamW(), RMSProp, Adagrad)', show(o.optimizer));
  const optimizer = o.optimizer;
  if (o.loss === undefined) fail(fn, 'options.loss', 'be given', 'undefined');
  const loss = resolveLoss(o.loss, fn, 'options.loss');
  const metrics = checkMetrics(fn, o.metrics);
  const batchSize = checkNumber(fn, 'options.batchSize', o.batchSize ?? 32, { min: 1, integer: true });
  const seed = checkNumber(fn, 'options.seed', o.seed ?? 0, { integer: true });
  const accumulate = checkNumber(fn, 'options.accumulateSteps', o.accumulateSteps ?? 1, { min: 1, integer: true });
  const maxSteps = o.maxSteps === undefined ? Infinity : checkNumber(fn, 'options.maxSteps', o.maxSteps, { min: 1, integer: true });
  const limitTrain = o.limitTrainBatches === undefined ? Infinity : checkNumber(fn, 'options.limitTrainBatches', o.limitTrainBatches, { min: 1, integer: true });
  const limitVal = o.limitValBatches === undefined ? Infinity : checkNumber(fn, 'options.limitValBatches', o.limitValBatches, { min: 1, integer: true });
  const clip = o.gradientClip;
  if (clip !== undefined) {
    if (typeof clip !== 'object' || clip === null || (clip.algorithm !== 'norm' && clip.algorithm !== 'value')) {
      fail(fn, 'options.gradientClip', "be { algorithm: 'norm' | 'value', value }", show(clip));
    }
    checkNumber(fn, 'options.gradientClip.value', clip.value, { min: 0, exclusiveMin: true });
  }
  const callbacks = o.callbacks ?? [];
  if (!Array.isArray(callbacks)) fail(fn, 'options.callbacks', 'be an array of callbacks', show(callbacks));
  callbacks.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) fail(fn, `options.callbacks[${i}]`, 'be a callback object', show(c));
  });
  if (o.signal !== undefined && (typeof o.signal !== 'object' || typeof o.signal.aborted !== 'boolean')) {
    fail(fn, 'options.signal', 'be an AbortSignal', show(o.signal));
  }
  const stopOnNonFinite = o.stopOnNonFinite ?? true;
  const keepSteps = o.keepStepLogs ?? true;
  const shuffle = o.shuffle ?? true;
  const dataSize = isTensorData(trainData) ? checkTensorData(fn, 'trainData', trainData) : null;
  if (o.validationData !== undefined && isTensorData(o.validationData)) checkTensorData(fn, 'options.validationData', o.validationData);

  // DP-SGD setup
  let dp: (ReturnType<typeof checkDpOptions> & { n: number; accountant: RdpAccountant; target: number | undefined }) | null = null;
  if (o.privacy !== undefined) {
    const d = checkDpOptions(fn, o.privacy);
    if (accumulate !== 1) fail(fn, 'options.accumulateSteps', 'be 1 with privacy (DP-SGD clips per example; use a larger batch)', String(accumulate));
    if (clip) fail(fn, 'options.gradientClip', 'be unset with privacy (DP-SGD clips per example with privacy.l2NormClip)', show(clip));
    const n = o.privacy.datasetSize ?? dataSize;
    if (n === null || n === undefined) fail(fn, 'options.privacy.datasetSize', 'be given for non-tensor training data (the sampling rate needs N)', 'undefined');
    dp = {
      ...d,
      n,
      accountant: new RdpAccountant({ ...(o.privacy.orders ? { orders: o.privacy.orders } : {}), ...(o.privacy.conversion ? { conversion: o.privacy.conversion } : {}) }),
      target: o.privacy.targetEpsilon,
    };
  }

  const vars = model.trainableVariables.slice() as tf.Variable[];
  const rng = new Rng(deriveSeed(seed, TRAINER_STREAM));
  const history = new History();
  let epoch = 0;
  let globalStep = 0;
  let stopReason: string | null = null;
  let atBoundary = true;
  let completedEpochs = 0;
  let stepsPerEpoch: number | null = dataSize !== null ? Math.min(Math.ceil(dataSize / batchSize), limitTrain) : null;

  const ordered = [...callbacks.filter((c) => !c.runsLast), ...callbacks.filter((c) => c.runsLast)];
  const higherIsBetter = (name: string): boolean => {
    const base = name.startsWith('val_') ? name.slice(4) : name;
    const m = metrics.find((mm) => mm.name === base);
    if (m) return m.higherIsBetter;
    return autoMode(base) === 'max';
  };
  const handle: TrainerHandle = {
    model,
    optimizer,
    metrics,
    history,
    get epoch() {
      return epoch;
    },
    get globalStep() {
      return globalStep;
    },
    epochs,
    get stepsPerEpoch() {
      return stepsPerEpoch;
    },
    stop(reason: string) {
      if (typeof reason !== 'string' || reason === '') fail('TrainerHandle.stop', 'reason', 'be a non-empty string', show(reason));
      stopReason ??= reason;
    },
    checkpoint(): Checkpoint {
      if (!atBoundary) {
        throw new Error(
          `TrainerHandle.checkpoint: checkpoints are taken between epochs (in onEpochEnd/onTrainBegin/onTrainEnd) so that resuming is exact; called at epoch ${epoch}, step ${globalStep}`,
        );
      }
      const weights = model.getWeights();
      const opt = optimizer.getState();
      return {
        epoch: completedEpochs,
        globalStep,
        seed,
        weights,
        optimizer: opt,
        rng: rng.getState(),
        history: { epochs: history.epochs.map((e) => ({ ...e })), steps: history.steps.map((s) => ({ ...s })) },
        callbacks: callbacks.flatMap((c, index) => {
          if (!c.getState) return [];
          const st = c.getState();
          return [{ index, name: c.constructor?.name ?? 'Object', json: st.json, tensors: st.tensors ?? [] }];
        }),
        ...(dp ? { privacy: dp.accountant.getState() } : {}),
      };
    },
    higherIsBetter,
  };

  // Resume
  let startEpoch = 0;
  if (o.resumeFrom !== undefined) {
    const ck = o.resumeFrom;
    if (typeof ck !== 'object' || ck === null || !Array.isArray(ck.weights)) fail(fn, 'options.resumeFrom', 'be a Checkpoint (loadCheckpoint)', show(ck));
    if (ck.seed !== seed) fail(fn, 'options.seed', `equal the checkpoint's seed ${ck.seed} for an exact resume`, String(seed));
    model.setWeights(ck.weights);
    optimizer.setState(ck.optimizer);
    rng.setState(ck.rng);
    startEpoch = ck.epoch;
    completedEpochs = ck.epoch;
    globalStep = ck.globalStep;
    for (const e of ck.history.epochs) history.epochs.push({ ...e });
    for (const s of ck.history.steps) history.steps.push({ ...s });
    for (const saved of ck.callbacks) {
      const cb = callbacks[saved.index];
      if (cb && (cb.constructor?.name ?? 'Object') === saved.name && cb.setState) cb.setState({ json: saved.json, tensors: saved.tensors });
    }
    if (dp && ck.privacy) dp.accountant.setState(ck.privacy);
  }

  const call = async <K extends 'onTrainBegin' | 'onTrainEnd'>(hook: K, logs: Logs): Promise<void> => {
    for (const c of ordered) await c[hook]?.(logs);
  };
  const callE = async <K extends 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>(hook: K, i: number, logs: Logs): Promise<void> => {
    for (const c of ordered) await c[hook]?.(i, logs);
  };

  // Accumulated gradients across batches (accumulateSteps > 1).
  let acc: (tf.Tensor | null)[] | null = null;
  let accCount = 0;
  const disposeAcc = (): void => {
    if (acc) tf.dispose(acc.filter((g): g is tf.Tensor => g !== null));
    acc = null;
    accCount = 0;
  };

  const applyAccumulated = (): void => {
    if (!acc) return;
    const list = acc;
    const n = accCount;
    try {
      tf.tidy(() => {
        let grads: (tf.Tensor | null)[] = n > 1 ? list.map((g) => (g ? tf.div(g, n) : null)) : list;
        if (clip) {
          const present = grads.filter((g): g is tf.Tensor => g !== null);
          const clipped = clip.algorithm === 'norm' ? clipByGlobalNorm(present, clip.value).gradients : clipByValue(present, clip.value);
          let k = 0;
          grads = grads.map((g) => (g ? (clipped[k++] as tf.Tensor) : null));
        }
        optimizer.applyGradients(vars, grads);
      });
    } finally {
      disposeAcc();
    }
  };

  // The model's name for a variable: getWeights() returns clones, which share the variable's data id.
  const weightName = (v: tf.Variable): string => {
    const ws = model.getWeights();
    try {
      const hit = ws.find((w) => (w.tensor as unknown as { dataId: unknown }).dataId === (v as unknown as { dataId: unknown }).dataId);
      return hit ? hit.name : v.name;
    } finally {
      tf.dispose(ws.map((w) => w.tensor));
    }
  };

  const checkFinite = (lossValue: number, grads: (tf.Tensor | null)[], gradNorm: number, batch: number): void => {
    if (Number.isFinite(lossValue) && Number.isFinite(gradNorm)) return;
    let bad = '';
    for (let i = 0; i < grads.length && !bad; i++) {
      const g = grads[i];
      if (!g) continue;
      const d = g.dataSync();
      for (let j = 0; j < d.length; j++) {
        const v = d[j] as number;
        if (!Number.isFinite(v)) {
          bad = `first non-finite gradient: variable ${i} '${weightName(vars[i] as tf.Variable)}' [${(vars[i] as tf.Variable).shape.join(', ')}] has ${v} at flat index ${j}`;
          break;
        }
      }
    }
    if (!bad) bad = 'gradients are finite but their squared norm overflowed';
    throw new Error(
      `fit: non-finite ${Number.isFinite(lossValue) ? 'gradient' : `loss (${lossValue})`} at epoch ${epoch}, batch ${batch} (optimizer step ${globalStep + 1}); ${bad}. ` +
        'Lower the learning rate, clip gradients (gradientClip) or check the data for NaN/Inf; stopOnNonFinite: false disables this check.',
    );
  };

  const trainStep = (b: LoopBatch, batchIndex: number): StepOutcome => {
    const needOut = metrics.length > 0;
    const reg = o.regularization;
    if (dp) {
      const r = dpSgdGradients({
        model,
        loss,
        xs: b.xs,
        ys: b.ys,
        ...(b.mask ? { mask: b.mask } : {}),
        l2NormClip: dp.l2NormClip,
        noiseMultiplier: dp.noiseMultiplier,
        microbatchSize: Math.min(dp.microbatchSize, b.size),
        rng,
        ...(reg ? { regularization: reg } : {}),
        keepOutputs: needOut,
      });
      try {
        const lossValue = r.loss.dataSync()[0] as number;
        if (stopOnNonFinite && !Number.isFinite(lossValue)) checkFinite(lossValue, r.gradients, NaN, batchIndex);
        if (r.outputs) updateMetrics(b.ys, r.outputs);
        optimizer.applyGradients(vars, r.gradients);
        dp.accountant.step({ sampleRate: Math.min(1, b.size / dp.n), noiseMultiplier: dp.noiseMultiplier });
        return { loss: lossValue, gradNorm: NaN };
      } finally {
        tf.dispose([r.loss, r.clippedFraction, ...(r.outputs ? [r.outputs] : []), ...r.gradients.filter((g): g is tf.Tensor => g !== null)]);
      }
    }
    let out: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const pred = model.apply(b.xs, b.mask ? { training: true, mask: b.mask } : { training: true });
      if (needOut) out = tf.keep(pred);
      const l = loss.compute(b.ys, pred, { x: b.xs });
      return (reg ? tf.add(l, l1l2Penalty(vars, reg)) : l) as tf.Scalar;
    }, vars);
    const gs = vars.map((v) => grads[v.name] ?? null);
    try {
      if (gs.every((g) => g === null)) fail(fn, 'options.loss', 'depend on the model trainable variables', 'no gradient reached any variable');
      const stats = tf.tidy(() => {
        const present = gs.filter((g): g is tf.Tensor => g !== null);
        return tf.stack([value, tf.addN(present.map((g) => tf.sum(tf.square(g))))]);
      });
      const [lossValue, normSq] = stats.dataSync() as unknown as [number, number];
      stats.dispose();
      const gradNorm = Math.sqrt(normSq);
      if (stopOnNonFinite) checkFinite(lossValue, gs, gradNorm, batchIndex);
      if (out) updateMetrics(b.ys, out);
      if (!acc) {
        acc = gs;
      } else {
        const prev: (tf.Tensor | null)[] = acc;
        acc = gs.map((g, i) => {
          const p = prev[i] ?? null;
          if (g && p) return tf.add(p, g);
          return g ? tf.clone(g) : p ? tf.clone(p) : null;
        });
        tf.dispose([...prev, ...gs].filter((g): g is tf.Tensor => g !== null));
      }
      accCount++;
      if (accCount >= accumulate) applyAccumulated();
      return { loss: lossValue, gradNorm };
    } catch (e) {
      if (acc !== gs) tf.dispose(gs.filter((g): g is tf.Tensor => g !== null));
      disposeAcc();
      throw e;
    } finally {
      value.dispose();
      if (out) (out as tf.Tensor).dispose();
    }
  };

  function updateMetrics(ys: tf.Tensor, out: tf.Tensor): void {
    const act = tf.tidy(() => activate(loss.outputActivation, out));
    try {
      for (const m of metrics) m.update(ys, act);
    } finally {
      act.dispose();
    }
  }

  const abortError = (): Error =>
    new Error(`fit: aborted by options.signal at epoch ${epoch}, optimizer step ${globalStep}`, { cause: o.signal?.reason });

  for (const c of ordered) {
    c.setModel?.(model);
    c.setTrainer?.(handle);
  }

  let lastLogs: Logs = {};
  try {
    epoch = startEpoch;
    await call('onTrainBegin', {});
    for (epoch = startEpoch; epoch < epochs && stopReason === null; epoch++) {
      if (globalStep >= maxSteps) {
        stopReason = `maxSteps ${maxSteps} reached`;
        break;
      }
      atBoundary = false;
      for (const m of metrics) m.reset();
      await callE('onEpochBegin', epoch, {});
      const opened = openEpoch(fn, 'trainData', trainData, epoch, { batchSize, shuffle, seed, ...(o.disposeBatches !== undefined ? { disposeBatches: o.disposeBatches } : {}) });
      let lossSum = 0;
      let samples = 0;
      let normSum = 0;
      let batchIndex = 0;
      const it = opened.batches[Symbol.asyncIterator]();
      try {
        while (batchIndex < limitTrain) {
          if (o.signal?.aborted) throw abortError();
          if (dp?.target !== undefined) {
            const next = dp.accountant.peekEpsilon(dp.delta, { sampleRate: Math.min(1, batchSize / dp.n), noiseMultiplier: dp.noiseMultiplier });
            if (next > dp.target) {
              stopReason = `privacy budget: one more step would bring epsilon to ${next.toFixed(4)} > targetEpsilon ${dp.target} (delta ${dp.delta})`;
              break;
            }
          }
          const r = await it.next();
          if (r.done) break;
          const b = r.value;
          let outcome: StepOutcome;
          const lr = optimizer.currentLearningRate();
          try {
            await callE('onBatchBegin', batchIndex, { batch: batchIndex, size: b.size });
            outcome = trainStep(b, batchIndex);
          } finally {
            if (b.owned) disposeBatch(b);
          }
          const stepped = accCount === 0; // an optimizer step happened (no partial accumulation pending)
          if (stepped) globalStep++;
          lossSum += outcome.loss * b.size;
          samples += b.size;
          normSum += outcome.gradNorm;
          const logs: Logs = { batch: batchIndex, size: b.size, loss: outcome.loss, lr, step: globalStep };
          if (o.logGradNorm) logs.grad_norm = outcome.gradNorm;
          if (keepSteps) {
            history.steps.push({
              epoch,
              batch: batchIndex,
              step: globalStep,
              size: b.size,
              loss: outcome.loss,
              lr,
              ...(o.logGradNorm ? { gradNorm: outcome.gradNorm } : {}),
            });
          }
          await callE('onBatchEnd', batchIndex, logs);
          batchIndex++;
          if (globalStep >= maxSteps && stepped) {
            stopReason = `maxSteps ${maxSteps} reached`;
            break;
          }
          if (stopReason !== null) break;
        }
      } finally {
        await it.return?.();
      }
      if (accCount > 0) {
        // Lightning-style: a partial accumulation at the end of an epoch still makes a step.
        applyAccumulated();
        globalStep++;
      }
      if (batchIndex === 0) {
        if (stopReason !== null) break;
        fail(fn, 'trainData', `produce at least one batch in epoch ${epoch}`, 'no batches (a one-shot generator? pass a function of the epoch or a Dataset)');
      }
      stepsPerEpoch ??= batchIndex;
      const logs: Logs = { loss: lossSum / samples, ...metricLogs(fn, metrics) };
      if (o.logGradNorm) logs.grad_norm = normSum / batchIndex;
      if (o.validationData !== undefined) {
        Object.assign(
          logs,
          await runEvaluation(fn, 'options.validationData', model, o.validationData, {
            loss,
            metrics,
            batchSize,
            limit: limitVal,
            regularization: o.regularization,
            epoch,
            disposeBatches: o.disposeBatches,
            prefix: 'val_',
          }),
        );
      }
      if (dp) logs.epsilon = dp.accountant.getEpsilon(dp.delta).epsilon;
      logs.lr = optimizer.currentLearningRate();
      history.epochs[epoch] = logs;
      const schedule = optimizer.learningRate;
      if (typeof schedule === 'object') schedule.onEpochEnd?.(epoch, logs);
      atBoundary = true;
      completedEpochs = epoch + 1;
      await callE('onEpochEnd', epoch, logs);
      lastLogs = logs;
    }
    atBoundary = true;
    history.stopReason = stopReason ?? 'completed';
    if (o.curves) history.curvesSvg = await plotTrainingCurves(history, o.curves === true ? {} : o.curves);
    await call('onTrainEnd', lastLogs);
    return history;
  } catch (e) {
    atBoundary = true;
    disposeAcc();
    for (const c of ordered) {
      try {
        await c.fail?.(e);
      } catch {
        /* the original error matters more than a callback's failure to record it */
      }
    }
    throw e;
  }
}
