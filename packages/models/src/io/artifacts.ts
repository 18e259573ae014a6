/**
 * A whole model as two in-memory parts, the JSON config and the safetensors weights: the form
 * that goes to files, IndexedDB, a fetch body or a worker message.
 */
import type { ModelConfig } from '../model.js';
import { fromConfig, type Sequential } from '../sequential.js';
import { encodeWeights, type EncodeWeightsOptions, loadWeights } from './weights.js';

/** A saved model: config (plain JSON) and weights (safetensors bytes). */
export interface ModelArtifacts {
  config: ModelConfig;
  weights: Uint8Array;
}

/**
 * Saves a model to memory: its config and its weights as safetensors bytes.
 *
 * @example
 * ```ts
 * const { config, weights } = await saveModel(model, { dtype: 'float16' });
 * const copy = loadModel({ config, weights });
 * ```
 */
export async function saveModel(model: Sequential, options: EncodeWeightsOptions = {}): Promise<ModelArtifacts> {
  return { config: model.toConfig(), weights: await encodeWeights(model, options) };
}

/**
 * Rebuilds a model from {@link ModelArtifacts} (config, then weights checked and loaded).
 *
 * @example
 * ```ts
 * const model = loadModel({ config: JSON.parse(json), weights: new Uint8Array(buffer) });
 * ```
 */
export function loadModel(artifacts: { config: ModelConfig; weights: Uint8Array | ArrayBuffer }): Sequential {
  if (typeof artifacts !== 'object' || artifacts === null)
    throw new Error(`loadModel: expected { config, weights }; got ${String(artifacts)}`);
  const model = fromConfig(artifacts.config);
  try {
    loadWeights(model, artifacts.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
