/**
 * @tessera/trainer: fit/evaluate/predict, optimizers with saveable state, learning-rate
 * schedules, callbacks (early stopping that restores the best weights, checkpoints), exact
 * resume, DP-SGD with an RDP accountant, distillation loss and training-curve plots.
 * Node-only pieces (checkpoint files, CSV/JSONL loggers, progress bar) are in
 * `@tessera/trainer/node`.
 *
 * @example
 * ```ts
 * import { fit, evaluate, Adam, softmaxCrossEntropy, EarlyStopping } from '@tessera/trainer';
 * const history = await fit(model, { x, y }, {
 *   epochs: 10, optimizer: new Adam({ learningRate: 1e-3 }), loss: softmaxCrossEntropy(), seed: 1,
 *   validationData: { x: xVal, y: yVal }, callbacks: [new EarlyStopping({ patience: 2, restoreBestWeights: true })],
 * });
 * ```
 */

// Training loop
export { fit } from './fit.js';
export type { FitOptions } from './fit.js';
export { evaluate } from './evaluate.js';
export type { EvaluateOptions } from './evaluate.js';
export { predict } from './predict.js';
export type { PredictOptions } from './predict.js';
export { History } from './history.js';
export type { StepLog } from './history.js';
export type { Logs } from './logs.js';
export type { Batch, TensorData, BatchSource, TrainData } from './data.js';

// Structural interfaces
export type { Model, TrainableModel, InferenceModel, NamedTensor, ModelApplyOptions } from './model.js';
export type { Metric } from './metric.js';

// Optimizers
export { Optimizer } from './optimizers/optimizer.js';
export type { OptimizerOptions, OptimizerState } from './optimizers/optimizer.js';
export { SGD } from './optimizers/sgd.js';
export type { SGDOptions } from './optimizers/sgd.js';
export { Adam, adamW } from './optimizers/adam.js';
export type { AdamOptions } from './optimizers/adam.js';
export { RMSProp } from './optimizers/rmsprop.js';
export type { RMSPropOptions } from './optimizers/rmsprop.js';
export { Adagrad } from './optimizers/adagrad.js';
export type { AdagradOptions } from './optimizers/adagrad.js';
export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from './optimizers/clip.js';
export type { GradientClip } from './optimizers/clip.js';

// Schedules
export type { LearningRateSchedule, LearningRate } from './schedules/schedule.js';
export { stepDecay, piecewiseConstant } from './schedules/step_decay.js';
export type { StepDecayOptions, PiecewiseConstantOptions } from './schedules/step_decay.js';
export { exponentialDecay } from './schedules/exponential_decay.js';
export type { ExponentialDecayOptions } from './schedules/exponential_decay.js';
export { cosineDecay } from './schedules/cosine_decay.js';
export type { CosineDecayOptions } from './schedules/cosine_decay.js';
export { oneCycle } from './schedules/one_cycle.js';
export type { OneCycleOptions } from './schedules/one_cycle.js';
export { reduceOnPlateau } from './schedules/reduce_on_plateau.js';
export type { ReduceOnPlateauOptions, ReduceOnPlateauSchedule } from './schedules/reduce_on_plateau.js';

// Losses
export type { Loss, LossContext } from './losses/loss.js';
export { softmaxCrossEntropy } from './losses/softmax_cross_entropy.js';
export type { SoftmaxCrossEntropyOptions } from './losses/softmax_cross_entropy.js';
export { binaryCrossEntropy } from './losses/binary_cross_entropy.js';
export type { BinaryCrossEntropyOptions } from './losses/binary_cross_entropy.js';
export { meanSquaredError } from './losses/mean_squared_error.js';
export { huber } from './losses/huber.js';
export type { HuberOptions } from './losses/huber.js';
export { distillationLoss, distillation } from './losses/distillation.js';
export type { DistillationOptions, DistillationLossOptions } from './losses/distillation.js';
export { l1l2Penalty } from './losses/regularization.js';
export type { Regularization } from './losses/regularization.js';
export { resolveLoss } from './losses/resolve_loss.js';
export type { LossName } from './losses/resolve_loss.js';

// Callbacks
export { lambdaCallback } from './callbacks/callback.js';
export type { Callback, CallbackState, TrainerHandle } from './callbacks/callback.js';
export { EarlyStopping } from './callbacks/early_stopping.js';
export type { EarlyStoppingOptions } from './callbacks/early_stopping.js';
export { ModelCheckpoint } from './callbacks/model_checkpoint.js';
export type { ModelCheckpointOptions } from './callbacks/model_checkpoint.js';
export { LearningRateMonitor } from './callbacks/learning_rate_monitor.js';
export type { LearningRateMonitorOptions } from './callbacks/learning_rate_monitor.js';
export type { MonitorMode } from './callbacks/monitor.js';

// Checkpoints
export { encodeCheckpoint, decodeCheckpoint, disposeCheckpoint } from './checkpoint/checkpoint.js';
export type { Checkpoint, SavedCallbackState } from './checkpoint/checkpoint.js';
export { memoryCheckpointStore, saveCheckpoint, loadCheckpoint } from './checkpoint/store.js';
export type { CheckpointStore } from './checkpoint/store.js';

// Differential privacy
export { dpSgdGradients } from './privacy/dp_sgd.js';
export type { DpSgdOptions, DpSgdGradientArgs } from './privacy/dp_sgd.js';
export {
  RdpAccountant,
  computeRdp,
  epsilonFromRdp,
  deltaFromRdp,
  computeDpSgdPrivacy,
  DEFAULT_RDP_ORDERS,
  OPACUS_RDP_ORDERS,
} from './privacy/rdp_accountant.js';
export type { RdpAccountantOptions, RdpConversion } from './privacy/rdp_accountant.js';

// Plots
export { trainingCurvesSpec, plotTrainingCurves } from './plots/training_curves.js';
export type { TrainingCurvesOptions } from './plots/training_curves.js';
