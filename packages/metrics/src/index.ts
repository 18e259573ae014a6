/**
 * @tessera/metrics: classification and regression metrics that agree with scikit-learn to the
 * last float64 digit, streaming metrics for training loops, ranking curves, cross-validation
 * splitters and SVG plots.
 *
 * Every function takes plain arrays, typed arrays or tensors from @tessera/backend and computes
 * in float64. Bad input throws an Error naming the argument, what was expected and what came.
 *
 * @example
 * ```ts
 * import { accuracy, precisionRecallF1, rocAuc, kFold } from '@tessera/metrics';
 * accuracy([0, 1, 1], [0, 1, 0]); // 0.666...
 * precisionRecallF1([0, 1, 2, 2], [0, 2, 2, 2], { average: 'macro' });
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * kFold(10, 5).map((f) => f.test);
 * ```
 */

// Input types
export type { NumericArray, Vector, Matrix } from './types.js';

// Classification
export { accuracy } from './classification/accuracy.js';
export type { AccuracyOptions } from './classification/accuracy.js';
export { balancedAccuracy } from './classification/balanced_accuracy.js';
export type { BalancedAccuracyOptions } from './classification/balanced_accuracy.js';
export { topKAccuracy } from './classification/top_k_accuracy.js';
export type { TopKAccuracyOptions } from './classification/top_k_accuracy.js';
export { precisionRecallF1, precisionScore, recallScore } from './classification/precision_recall_f1.js';
export type {
  Average,
  PrecisionRecallF1Options,
  PrecisionRecallF1Result,
  PrecisionRecallF1PerClass,
} from './classification/precision_recall_f1.js';
export { fbetaScore, f1Score } from './classification/fbeta_score.js';
export { confusionMatrix } from './classification/confusion_matrix.js';
export type { ConfusionMatrixOptions, ConfusionNormalize } from './classification/confusion_matrix.js';
export { classificationReport } from './classification/classification_report.js';
export type { ClassificationReport, ClassificationReportOptions, ReportRow } from './classification/classification_report.js';
export { logLoss } from './classification/log_loss.js';
export type { LogLossOptions } from './classification/log_loss.js';
export { brierScore } from './classification/brier_score.js';
export type { BrierScoreOptions } from './classification/brier_score.js';
export { matthewsCorrcoef } from './classification/matthews_corrcoef.js';
export type { MatthewsCorrcoefOptions } from './classification/matthews_corrcoef.js';
export { cohenKappa } from './classification/cohen_kappa.js';
export type { CohenKappaOptions, KappaWeights } from './classification/cohen_kappa.js';
export { expectedCalibrationError } from './classification/expected_calibration_error.js';
export type { CalibrationErrorOptions, CalibrationNorm } from './classification/expected_calibration_error.js';

// Curves and ranking metrics
export { rocCurve } from './curves/roc_curve.js';
export type { RocCurve, RocCurveOptions } from './curves/roc_curve.js';
export { rocAuc } from './curves/roc_auc.js';
export type { RocAucOptions } from './curves/roc_auc.js';
export { precisionRecallCurve } from './curves/precision_recall_curve.js';
export type { PrecisionRecallCurve, PrecisionRecallCurveOptions } from './curves/precision_recall_curve.js';
export { averagePrecision } from './curves/average_precision.js';
export type { AveragePrecisionOptions } from './curves/average_precision.js';
export { auc } from './curves/auc.js';

// Regression
export { meanSquaredError } from './regression/mean_squared_error.js';
export { rootMeanSquaredError } from './regression/root_mean_squared_error.js';
export { meanAbsoluteError } from './regression/mean_absolute_error.js';
export { medianAbsoluteError } from './regression/median_absolute_error.js';
export { meanAbsolutePercentageError } from './regression/mean_absolute_percentage_error.js';
export { r2Score } from './regression/r2_score.js';
export type { R2Options } from './regression/r2_score.js';
export { explainedVariance } from './regression/explained_variance.js';

// Streaming metrics
export type { Metric, MetricOptions } from './streaming/metric.js';
export {
  ConfusionMatrix,
  BalancedAccuracy,
  PrecisionRecallF1,
  Precision,
  Recall,
  F1Score,
  FBetaScore,
  MatthewsCorrcoef,
  CohenKappa,
} from './streaming/confusion_metrics.js';
export type {
  ConfusionMetricOptions,
  ConfusionMatrixMetricOptions,
  PrecisionRecallF1MetricOptions,
} from './streaming/confusion_metrics.js';
export {
  Accuracy,
  TopKAccuracy,
  LogLoss,
  BrierScore,
  MeanSquaredError,
  RootMeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
} from './streaming/mean_metrics.js';
export type { AccuracyMetricOptions, ProbabilityMetricOptions } from './streaming/mean_metrics.js';
export { R2Score, ExplainedVariance } from './streaming/moment_metrics.js';
export type { R2MetricOptions } from './streaming/moment_metrics.js';
export { RocAuc, AveragePrecision, MedianAbsoluteError } from './streaming/stored_metrics.js';
export { CalibrationError } from './streaming/calibration_error.js';
export { MetricCollection } from './streaming/metric_collection.js';

// Splitters and cross-validation
export type { Fold, ShuffleOptions } from './splitters/fold.js';
export { kFold } from './splitters/k_fold.js';
export { stratifiedKFold } from './splitters/stratified_k_fold.js';
export { groupKFold } from './splitters/group_k_fold.js';
export { timeSeriesSplit } from './splitters/time_series_split.js';
export type { TimeSeriesSplitOptions } from './splitters/time_series_split.js';
export { crossValidate } from './splitters/cross_validate.js';
export type {
  CrossValidateOptions,
  CrossValidateResult,
  FoldOutcome,
  FoldResult,
  ScoreFunction,
} from './splitters/cross_validate.js';

// Plots (vega and vega-lite load only when a plot is rendered)
export { renderSvg } from './plots/render_svg.js';
export type { VegaLiteSpec } from './plots/render_svg.js';
export { confusionMatrixSpec, plotConfusionMatrix } from './plots/plot_confusion_matrix.js';
export type { ConfusionMatrixPlotOptions } from './plots/plot_confusion_matrix.js';
export { rocCurveSpec, plotRocCurve } from './plots/plot_roc_curve.js';
export { precisionRecallCurveSpec, plotPrecisionRecallCurve } from './plots/plot_precision_recall_curve.js';
export type { CurvePlotOptions, Curves } from './plots/line_chart.js';
