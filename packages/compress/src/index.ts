/**
 * @tessera/compress: post-training quantization (float16, int8/uint8 per-tensor or
 * per-channel, 4-bit grouped), calibration observers and fake-quant evaluation,
 * quantization-aware training, magnitude / N:M / structured pruning with TF-MOT schedules,
 * distillation, and size/accuracy/latency reports. Node file helpers are in
 * `@tessera/compress/node`.
 *
 * @example
 * ```ts
 * import { asCompressed, quantizeModel, compressionReport, reportTable } from '@tessera/compress';
 * const baseline = await asCompressed(model, { name: 'float32' });
 * const int8 = await quantizeModel(model, { dtype: 'int8' });
 * console.log(reportTable(await compressionReport([baseline, int8], { data: { x: xTest, y: yTest } })));
 * ```
 */

// Compressed models
export { asCompressed } from './compressed_model.js';
export type { AsCompressedOptions, CompressedModel } from './compressed_model.js';
export { channelAxis, describeWeights, selectWeights } from './select_weights.js';
export type { SelectionOptions, WeightFilter, WeightInfo, WeightedModel } from './select_weights.js';

// Quantization: the math
export { quantParams, codeRange, defaultMode, bitsOf, float32AtLeast, roundHalfEven, quantizeValue, dequantizeValue, INTEGER_DTYPES } from './quantize/affine.js';
export type { IntegerDtype, QuantMode, QuantParams } from './quantize/affine.js';
export { packInt4, unpackInt4 } from './quantize/int4_pack.js';
export { quantizeTensor, dequantizeTensor, quantizedCodes, quantizedByteLength, blockCount, WEIGHT_DTYPES } from './quantize/quantized_tensor.js';
export type { QuantizedTensor, TensorQuantSpec, WeightDtype } from './quantize/quantized_tensor.js';

// Quantization: models and files
export { quantizeModel, quantizeWeights } from './quantize/quantize_model.js';
export type { QuantizeDtype, QuantizeOptions } from './quantize/quantize_model.js';
export {
  encodeQuantizedWeights,
  decodeQuantizedWeights,
  dequantizeWeights,
  loadQuantizedWeights,
  quantizedWeights,
  COMPRESS_METADATA_KEY,
} from './quantize/weights_file.js';
export type { QuantizedWeights } from './quantize/weights_file.js';

// Calibration, fake quantization, QAT
export { MinMaxObserver, MovingAverageMinMaxObserver, PercentileObserver, createObserver } from './quantize/observers.js';
export type { Observer, ObserverKind, MovingAverageOptions, PercentileOptions, Range } from './quantize/observers.js';
export { calibrateActivations, fakeQuantModel } from './quantize/calibrate.js';
export type { ActivationRanges, CalibrateOptions, CalibrationData, FakeQuantModel, FakeQuantModelOptions } from './quantize/calibrate.js';
export { fakeQuantize, fakeQuantizeWeight } from './quantize/fake_quant.js';
export type { WeightFakeQuant } from './quantize/fake_quant.js';
export { quantizationAwareModel } from './quantize/qat.js';
export type { QatModel, QatOptions } from './quantize/qat.js';

// Pruning
export { magnitudeMask, globalMagnitudeMasks, keptCount } from './prune/magnitude.js';
export { nmMask, nmAxis } from './prune/n_m.js';
export { polynomialDecay, constantSparsity } from './prune/schedules.js';
export type { PruningSchedule, PruningDecision, PolynomialDecayOptions, ConstantSparsityOptions } from './prune/schedules.js';
export { pruneLowMagnitude, strip, Pruning } from './prune/prune_low_magnitude.js';
export type { PruneOptions, SparsityReport } from './prune/prune_low_magnitude.js';
export { measureSparsity } from './prune/sparsity.js';
export { pruneFilters } from './prune/structured.js';
export type { PruneFiltersOptions, PruneFiltersResult } from './prune/structured.js';

// Distillation
export { shrinkModel } from './shrink_model.js';
export type { ShrinkOptions } from './shrink_model.js';
export { distill } from './distill.js';
export type { DistillOptions, DistillTrainer, Teacher } from './distill.js';

// Reports
export { compressionReport, reportTable } from './report.js';
export type { CompressionReport, EvalData, ReportOptions, ReportRow } from './report.js';
export { gzipSize } from './gzip_size.js';
