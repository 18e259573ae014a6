import { checkJSON, type TableTransformer } from './transformer.js';
import { MinMaxScaler } from './min_max_scaler.js';
import { OneHotEncoder } from './one_hot_encoder.js';
import { Pipeline } from './pipeline.js';
import { RobustScaler } from './robust_scaler.js';
import { SimpleImputer } from './simple_imputer.js';
import { StandardScaler } from './standard_scaler.js';

/**
 * Restores any table transformer from its `toJSON()` output, by its `type`
 * (StandardScaler, MinMaxScaler, RobustScaler, SimpleImputer, OneHotEncoder, Pipeline).
 *
 * @example
 * ```ts
 * const t = transformerFromJSON(JSON.parse(saved)); // whichever class saved it
 * ```
 */
export function transformerFromJSON(json: unknown): TableTransformer {
  const type = json !== null && typeof json === 'object' ? (json as { type?: unknown }).type : undefined;
  switch (type) {
    case 'StandardScaler':
      return StandardScaler.fromJSON(json);
    case 'MinMaxScaler':
      return MinMaxScaler.fromJSON(json);
    case 'RobustScaler':
      return RobustScaler.fromJSON(json);
    case 'SimpleImputer':
      return SimpleImputer.fromJSON(json);
    case 'OneHotEncoder':
      return OneHotEncoder.fromJSON(json);
    case 'Pipeline':
      return Pipeline.fromJSON(json);
    case 'ColumnTransformer':
      checkJSON(json, 'ColumnTransformer');
      throw new Error('transformerFromJSON: a ColumnTransformer reads records, not tables; use ColumnTransformer.fromJSON');
    default:
      throw new Error(`transformerFromJSON: unknown transformer type ${JSON.stringify(type)}; expected the output of a Tessera transformer's toJSON()`);
  }
}
