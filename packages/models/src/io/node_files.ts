/**
 * Models and weights on disk in Node: `<dir>/model.json` (config) beside
 * `<dir>/model.safetensors`. `node:fs` is imported lazily inside each function so that
 * browser bundles of this package never load it.
 */
import type * as FsPromises from 'node:fs/promises';
import type * as NodePath from 'node:path';
import type { Model, ModelConfig } from '../model.js';
import type { Sequential } from '../sequential.js';
import { loadModel, saveModel } from './artifacts.js';
import { encodeWeights, type EncodeWeightsOptions, loadWeights } from './weights.js';

/**
 * The config file inside a model directory.
 *
 * @example
 * ```ts
 * join(dir, MODEL_CONFIG_FILE); // '<dir>/model.json'
 * ```
 */
export const MODEL_CONFIG_FILE = 'model.json';
/**
 * The weights file inside a model directory.
 *
 * @example
 * ```ts
 * join(dir, MODEL_WEIGHTS_FILE); // '<dir>/model.safetensors'
 * ```
 */
export const MODEL_WEIGHTS_FILE = 'model.safetensors';

async function fsp(): Promise<typeof FsPromises> {
  return import('node:fs/promises');
}

async function pathMod(): Promise<typeof NodePath> {
  return import('node:path');
}

/** Writes through a temporary file and a rename, so a crash mid-write leaves the old file intact. */
async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const fs = await fsp();
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, path);
}

/**
 * Saves a model to a directory (created if needed): `model.json` and `model.safetensors`.
 * Returns the two paths.
 *
 * @example
 * ```ts
 * await saveModelToDir(model, './out/cnn', { dtype: 'float16' });
 * ```
 */
export async function saveModelToDir(
  model: Sequential,
  dir: string,
  options: EncodeWeightsOptions = {},
): Promise<{ configPath: string; weightsPath: string }> {
  if (typeof dir !== 'string' || dir === '')
    throw new Error(`saveModelToDir: dir must be a non-empty path; got ${JSON.stringify(dir)}`);
  const fs = await fsp();
  const path = await pathMod();
  const { config, weights } = await saveModel(model, options);
  await fs.mkdir(dir, { recursive: true });
  const configPath = path.join(dir, MODEL_CONFIG_FILE);
  const weightsPath = path.join(dir, MODEL_WEIGHTS_FILE);
  await writeAtomic(weightsPath, weights);
  await writeAtomic(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return { configPath, weightsPath };
}

/**
 * Loads a model saved by {@link saveModelToDir}.
 *
 * @example
 * ```ts
 * const model = await loadModelFromDir('./out/cnn');
 * ```
 */
export async function loadModelFromDir(dir: string): Promise<Sequential> {
  const fs = await fsp();
  const path = await pathMod();
  const configPath = path.join(dir, MODEL_CONFIG_FILE);
  let config: ModelConfig;
  try {
    config = JSON.parse(await fs.readFile(configPath, 'utf8')) as ModelConfig;
  } catch (e) {
    throw new Error(`loadModelFromDir: cannot read the config ${configPath}: ${(e as Error).message}`, { cause: e });
  }
  const weights = await fs.readFile(path.join(dir, MODEL_WEIGHTS_FILE));
  return loadModel({ config, weights: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength) });
}

/**
 * Writes only the weights, as one safetensors file.
 *
 * @example
 * ```ts
 * await saveWeightsToFile(model, './cnn.safetensors');
 * ```
 */
export async function saveWeightsToFile(model: Model, file: string, options: EncodeWeightsOptions = {}): Promise<void> {
  await writeAtomic(file, await encodeWeights(model, options));
}

/**
 * Reads a safetensors file into a model's weights (names, shapes and dtypes checked).
 *
 * @example
 * ```ts
 * await loadWeightsFromFile(model, './cnn.safetensors');
 * ```
 */
export async function loadWeightsFromFile(model: Model, file: string): Promise<void> {
  const fs = await fsp();
  const b = await fs.readFile(file);
  loadWeights(model, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}
