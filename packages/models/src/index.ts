/**
 * @tessera/models: layers and the model zoo (MLP, CNN, ResNet, RNN, Transformer) on tfjs-core
 * ops, with Keras-compatible weight layouts and safetensors weight files.
 *
 * @example
 * ```ts
 * import { useBackend } from '@tessera/backend';
 * import { cnn, predict } from '@tessera/models';
 * await useBackend('auto');
 * const model = cnn({ inputShape: [32, 32, 3], filters: [32, 64], dense: [128], numClasses: 10, seed: 1 });
 * console.log(model.summary());
 * ```
 */
export type { Model, ModelApplyOptions, ModelConfig, NamedTensor } from './model.js';
export { Sequential, fromConfig } from './sequential.js';
export type { SequentialConfig } from './sequential.js';
export { predict } from './predict.js';

export { Layer, recordingGradients } from './layers/layer.js';
export type { ApplyOptions, BaseLayerConfig, LayerJson, LayerOutput, LayerWeight } from './layers/layer.js';
export { formatShape } from './layers/shape.js';
export type { Shape } from './layers/shape.js';
export { activate, ACTIVATION_NAMES } from './layers/activations.js';
export type { ActivationName } from './layers/activations.js';
export { initialize, computeFans, INITIALIZER_NAMES } from './initializers.js';
export type { Fans, InitializerName } from './initializers.js';
export { layerFromConfig, LAYER_CLASS_NAMES } from './layers/registry.js';

export { Dense } from './layers/dense.js';
export type { DenseConfig } from './layers/dense.js';
export { Conv2D } from './layers/conv2d.js';
export type { Conv2DConfig, ConvBaseConfig } from './layers/conv2d.js';
export { DepthwiseConv2D } from './layers/depthwise_conv2d.js';
export type { DepthwiseConv2DConfig } from './layers/depthwise_conv2d.js';
export { MaxPooling2D, AveragePooling2D } from './layers/pooling.js';
export type { Pool2DConfig } from './layers/pooling.js';
export { GlobalAveragePooling1D, GlobalAveragePooling2D } from './layers/global_pooling.js';
export { BatchNormalization } from './layers/batch_normalization.js';
export type { BatchNormalizationConfig } from './layers/batch_normalization.js';
export { LayerNormalization } from './layers/layer_normalization.js';
export type { LayerNormalizationConfig } from './layers/layer_normalization.js';
export { Dropout } from './layers/dropout.js';
export type { DropoutConfig } from './layers/dropout.js';
export { Flatten } from './layers/flatten.js';
export { Activation } from './layers/activation.js';
export type { ActivationConfig } from './layers/activation.js';
export { Embedding } from './layers/embedding.js';
export type { EmbeddingConfig } from './layers/embedding.js';
export { Recurrent, Gated } from './layers/recurrent.js';
export type { RecurrentConfig, GatedConfig, SequencePlan } from './layers/recurrent.js';
export { SimpleRNN } from './layers/simple_rnn.js';
export { LSTM } from './layers/lstm.js';
export type { LSTMConfig } from './layers/lstm.js';
export { GRU } from './layers/gru.js';
export type { GRUConfig } from './layers/gru.js';
export { Bidirectional } from './layers/bidirectional.js';
export type { BidirectionalConfig } from './layers/bidirectional.js';
export { MultiHeadAttention } from './layers/multi_head_attention.js';
export type { MultiHeadAttentionConfig } from './layers/multi_head_attention.js';
export { TransformerEncoder } from './layers/transformer_encoder.js';
export type { TransformerEncoderConfig } from './layers/transformer_encoder.js';
export { PositionalEncoding, sinusoidTable } from './layers/positional_encoding.js';
export type { PositionalEncodingConfig } from './layers/positional_encoding.js';
export { Residual } from './layers/residual.js';
export type { ResidualConfig } from './layers/residual.js';

export { mlp } from './zoo/mlp.js';
export type { MlpConfig } from './zoo/mlp.js';
export { cnn } from './zoo/cnn.js';
export type { CnnConfig } from './zoo/cnn.js';
export { resnet } from './zoo/resnet.js';
export type { ResnetConfig } from './zoo/resnet.js';
export { rnn } from './zoo/rnn.js';
export type { RnnConfig } from './zoo/rnn.js';
export { transformer } from './zoo/transformer.js';
export type { TransformerConfig } from './zoo/transformer.js';

export { encodeSafetensors, decodeSafetensors, float32FromRaw, rawFromFloat32, dtypeSize } from './io/safetensors.js';
export type { RawTensor, SafetensorsDtype, SafetensorsFile } from './io/safetensors.js';
export { toFloat16Bits, fromFloat16Bits, toBFloat16Bits, fromBFloat16Bits } from './io/float16.js';
export { encodeWeights, loadWeights, QUANT_KEY } from './io/weights.js';
export type { EncodeWeightsOptions, WeightStorage } from './io/weights.js';
export { saveModel, loadModel } from './io/artifacts.js';
export type { ModelArtifacts } from './io/artifacts.js';
export {
  saveModelToDir,
  loadModelFromDir,
  saveWeightsToFile,
  loadWeightsFromFile,
  MODEL_CONFIG_FILE,
  MODEL_WEIGHTS_FILE,
} from './io/node_files.js';
export { saveModelToIndexedDB, loadModelFromIndexedDB, deleteModelFromIndexedDB } from './io/indexed_db.js';
export type { IndexedDBOptions } from './io/indexed_db.js';
