/**
 * Rebuilds layers from `{ className, config }`. The one module that knows every layer class,
 * so composite layers (Bidirectional, Residual) never import it: it builds their children
 * first and hands them over.
 */
import { Activation } from './activation.js';
import { BatchNormalization } from './batch_normalization.js';
import { Bidirectional } from './bidirectional.js';
import { Conv2D } from './conv2d.js';
import { Dense } from './dense.js';
import { DepthwiseConv2D } from './depthwise_conv2d.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { Flatten } from './flatten.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D } from './global_pooling.js';
import { GRU } from './gru.js';
import type { Layer, LayerJson } from './layer.js';
import { LayerNormalization } from './layer_normalization.js';
import { LSTM } from './lstm.js';
import { MultiHeadAttention } from './multi_head_attention.js';
import { AveragePooling2D, MaxPooling2D } from './pooling.js';
import { PositionalEncoding } from './positional_encoding.js';
import type { Recurrent } from './recurrent.js';
import { Residual } from './residual.js';
import { SimpleRNN } from './simple_rnn.js';
import { TransformerEncoder } from './transformer_encoder.js';

// Configs come from JSON files: each constructor validates the options it reads.
type AnyConfig = never;
const SIMPLE: Record<string, new (config: AnyConfig) => Layer> = {
  Activation,
  AveragePooling2D,
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  Embedding,
  Flatten,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GRU,
  LayerNormalization,
  LSTM,
  MaxPooling2D,
  MultiHeadAttention,
  PositionalEncoding,
  SimpleRNN,
  TransformerEncoder,
};

/**
 * Every class name {@link layerFromConfig} knows.
 *
 * @example
 * ```ts
 * LAYER_CLASS_NAMES.includes('TransformerEncoder'); // true
 * ```
 */
export const LAYER_CLASS_NAMES: readonly string[] = [...Object.keys(SIMPLE), 'Bidirectional', 'Residual'].sort();

function isLayerJson(v: unknown): v is LayerJson {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as LayerJson).className === 'string' &&
    typeof (v as LayerJson).config === 'object' &&
    (v as LayerJson).config !== null
  );
}

/**
 * Rebuilds a layer (unbuilt, with the config's name and seed) from `layer.toJSON()`.
 *
 * @example
 * ```ts
 * const copy = layerFromConfig(new Dense({ units: 4, seed: 3 }).toJSON());
 * ```
 */
export function layerFromConfig(json: LayerJson, where = 'layerFromConfig'): Layer {
  if (!isLayerJson(json)) {
    throw new Error(
      `${where}: expected { className: string, config: object }; got ${JSON.stringify(json)?.slice(0, 200)}`,
    );
  }
  const { className, config } = json;
  if (className === 'Bidirectional') {
    const inner = layerFromConfig(config.layer as LayerJson, `${where} > Bidirectional.layer`);
    return new Bidirectional({ ...(config as object), layer: inner as Recurrent });
  }
  if (className === 'Residual') {
    const list = (key: string): Layer[] => {
      const v = config[key] ?? [];
      if (!Array.isArray(v)) throw new Error(`${where}: Residual.${key} must be an array of layer configs`);
      return v.map((c, i) => layerFromConfig(c as LayerJson, `${where} > Residual.${key}[${i}]`));
    };
    return new Residual({ ...(config as object), layers: list('layers'), shortcut: list('shortcut') });
  }
  const Ctor = SIMPLE[className];
  if (Ctor === undefined) {
    throw new Error(
      `${where}: unknown layer class ${JSON.stringify(className)}; known: ${LAYER_CLASS_NAMES.join(', ')}`,
    );
  }
  return new Ctor(config as AnyConfig);
}
