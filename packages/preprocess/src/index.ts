/**
 * @tessera/preprocess: everything between raw records and a batch of tensors.
 *
 * - Dataset: a lazy, seeded, streaming pipeline (`fromCsv`, `fromJsonl`, `fromArray`,
 *   `fromGenerator`; `map`, `filter`, `shuffle`, `batch`, `prefetch`, ... `toTensors`).
 * - Tabular: scikit-learn-shaped transformers with exact JSON round trips, splits, class
 *   imbalance helpers.
 * - Image: seeded NHWC batch augmentation on any backend.
 * - Text: word-level and byte-level BPE tokenizers with padding and attention masks.
 *
 * @example
 * ```ts
 * import { fromCsv, ColumnTransformer, StandardScaler } from '@tessera/preprocess';
 * const rows = fromCsv('train.csv', { types: { age: 'number', label: 'integer' } });
 * ```
 */

// Dataset
export { Dataset } from './dataset/dataset.js';
export type { DatasetOpener, ChunkOpener, ChunkedSource, EpochContext, IterateOptions, ShuffleOptions, BatchOptions, ZipOptions } from './dataset/dataset.js';
export type { ZipLengths } from './dataset/zip.js';
export { epochSeed } from './dataset/epoch_seed.js';
export { fromArray } from './dataset/from_array.js';
export { fromGenerator } from './dataset/from_generator.js';
export { fromCsv } from './dataset/from_csv.js';
export type { FromCsvOptions, CsvRow } from './dataset/from_csv.js';
export { fromJsonl } from './dataset/from_jsonl.js';
export type { FromJsonlOptions } from './dataset/from_jsonl.js';
export type { TextSource, ChunkStream } from './dataset/chunk_source.js';
export type { ColumnType, FieldValue } from './dataset/parse_value.js';
export { ReportingDataset, MAX_LISTED_PROBLEMS } from './dataset/read_report.js';
export type { ReadReport, ReadProblem } from './dataset/read_report.js';
export { batchToTensor } from './dataset/to_tensors.js';
export type { BatchTensors, BatchDType, ToTensorsOptions } from './dataset/to_tensors.js';

// Tabular
export type { Cell, Table, TableTransformer, TransformerJSON } from './tabular/transformer.js';
export type { Category } from './tabular/categories.js';
export { StandardScaler } from './tabular/standard_scaler.js';
export type { StandardScalerOptions } from './tabular/standard_scaler.js';
export { MinMaxScaler } from './tabular/min_max_scaler.js';
export type { MinMaxScalerOptions } from './tabular/min_max_scaler.js';
export { RobustScaler } from './tabular/robust_scaler.js';
export type { RobustScalerOptions } from './tabular/robust_scaler.js';
export { SimpleImputer } from './tabular/simple_imputer.js';
export type { SimpleImputerOptions, ImputeStrategy } from './tabular/simple_imputer.js';
export { OneHotEncoder } from './tabular/one_hot_encoder.js';
export type { OneHotEncoderOptions } from './tabular/one_hot_encoder.js';
export { LabelEncoder } from './tabular/label_encoder.js';
export { OutlierFilter } from './tabular/outlier_filter.js';
export type { OutlierFilterOptions, OutlierReport, OutlierFilterResult } from './tabular/outlier_filter.js';
export { Pipeline } from './tabular/pipeline.js';
export { ColumnTransformer } from './tabular/column_transformer.js';
export type { ColumnSpec, ColumnTransformerOptions, TableRecord } from './tabular/column_transformer.js';
export { transformerFromJSON } from './tabular/registry.js';
export { trainTestSplit, trainValTestSplit } from './tabular/train_test_split.js';
export type { TrainTestSplitOptions, TrainTestSplit, TrainValTestSplitOptions, TrainValTestSplit } from './tabular/train_test_split.js';
export { classWeights, sampleWeights } from './tabular/class_weights.js';
export { randomOverSample, randomUnderSample } from './tabular/resample.js';
export type { ResampleOptions, ResampleReport, ResampleResult } from './tabular/resample.js';

// Image
export { normalize, denormalize } from './image/normalize.js';
export type { NormalizeOptions } from './image/normalize.js';
export { randomFlip } from './image/random_flip.js';
export type { RandomFlipOptions } from './image/random_flip.js';
export { randomRotation } from './image/random_rotation.js';
export type { RandomRotationOptions } from './image/random_rotation.js';
export { randomZoom } from './image/random_zoom.js';
export type { RandomZoomOptions } from './image/random_zoom.js';
export { randomCrop } from './image/random_crop.js';
export type { RandomCropOptions } from './image/random_crop.js';
export { randomBrightness } from './image/random_brightness.js';
export type { RandomBrightnessOptions } from './image/random_brightness.js';
export { randomContrast } from './image/random_contrast.js';
export type { RandomContrastOptions } from './image/random_contrast.js';
export { cutout } from './image/cutout.js';
export type { CutoutOptions } from './image/cutout.js';
export type { FillMode, Interpolation, GeometryOptions } from './image/affine.js';

// Text
export { WordTokenizer } from './text/word_tokenizer.js';
export type { WordTokenizerOptions } from './text/word_tokenizer.js';
export { BpeTokenizer } from './text/bpe_tokenizer.js';
export type { BpeTrainOptions } from './text/bpe_tokenizer.js';
export { padSequences, unpadSequences, encodedBatchToTensors } from './text/padding.js';
export type { PaddingOptions, EncodedBatch } from './text/padding.js';

// Shared
export type { RandomSource } from './random_source.js';
