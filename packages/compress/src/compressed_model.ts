/**
 * The unit every compression step returns and every report reads: the bytes of the weights
 * file as it goes to disk, and the float32 model that loading exactly those bytes gives.
 */
import { encodeWeights, fromConfig, loadWeights, type Model, type ModelConfig, type Sequential } from '@tessera/models';
import { checkEnum, checkOptions, fail, show } from './internal/errors.js';

/**
 * A compressed model: `weights` is the safetensors file (what is stored and downloaded),
 * `model` the float32 model rebuilt from `config` and those bytes (what runs), `details` the
 * settings that made it. It owns `model`: call `dispose()` when done.
 *
 * @example
 * ```ts
 * const int8 = await quantizeModel(model, { dtype: 'int8' });
 * int8.weights.byteLength; // bytes on disk
 * predict(int8.model, x);  // runs like the original
 * int8.dispose();
 * ```
 */
export interface CompressedModel {
  readonly name: string;
  /** A readable description, e.g. `int8 symmetric per-channel`. */
  readonly method: string;
  readonly model: Sequential;
  readonly config: ModelConfig;
  readonly weights: Uint8Array;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  dispose(): void;
}

/**
 * Checks a model has what compression reads: weights, config, apply.
 *
 * @example
 * ```ts
 * const m = checkModel('quantizeModel', model); // throws "quantizeModel: model must be a @tessera/models model ..."
 * ```
 */
export function checkModel(fn: string, model: unknown): Model {
  const m = model as Partial<Model> | null;
  if (typeof m !== 'object' || m === null || typeof m.getWeights !== 'function' || typeof m.toConfig !== 'function' || typeof m.apply !== 'function') {
    fail(fn, 'model', 'be a @tessera/models model (apply, getWeights, setWeights, toConfig)', show(model));
  }
  return m as Model;
}

/**
 * Checks a variant name: it becomes a folder name, so a plain path segment.
 *
 * @example
 * ```ts
 * checkName('quantizeModel', 'int8-per-channel'); // ok; '../x' throws
 * ```
 */
export function checkName(fn: string, name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.+-]+$/.test(name) || name === '.' || name === '..') {
    fail(fn, 'options.name', "be a non-empty name of letters, digits, '_', '.', '+', '-' (it names a folder)", show(name));
  }
  return name;
}

/**
 * Builds a {@link CompressedModel} from a config and weight bytes: the model is rebuilt and
 * loaded through `load` so it is exactly what a reader of the file gets.
 *
 * @example
 * ```ts
 * fromBytes({ name: 'int8', method: 'int8', config, weights: bytes, details: {}, load: (m, b) => loadQuantizedWeights(m, b) });
 * ```
 */
export function fromBytes(args: {
  name: string;
  method: string;
  config: ModelConfig;
  weights: Uint8Array;
  details: Record<string, string | number | boolean | null>;
  load: (model: Sequential, bytes: Uint8Array) => void;
}): CompressedModel {
  const model = fromConfig(args.config);
  try {
    args.load(model, args.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return {
    name: args.name,
    method: args.method,
    model,
    config: args.config,
    weights: args.weights,
    details: { ...args.details },
    dispose: () => model.dispose(),
  };
}

/**
 * Options of {@link asCompressed}.
 *
 * @example
 * ```ts
 * const o: AsCompressedOptions = { name: 'pruned-80', storage: 'float32' };
 * ```
 */
export interface AsCompressedOptions {
  /** Name in reports and folders. Default `'float32'` or `'float16'` (the storage). */
  name?: string;
  /** Weights file format. Default `'float32'`. */
  storage?: 'float32' | 'float16';
  /** Description in reports. Default the storage, e.g. `float32 (uncompressed)`. */
  method?: string;
}

/**
 * Wraps a model that needs no quantization (the float32 baseline, a pruned or distilled
 * model) as a {@link CompressedModel}: a plain `@tessera/models` weights file (float32 or
 * float16) and a copy of the model loaded from it. The original model is not touched.
 *
 * @example
 * ```ts
 * const baseline = await asCompressed(model, { name: 'float32' });
 * const pruned = await asCompressed(prunedModel, { name: 'pruned-80' });
 * ```
 */
export async function asCompressed(model: Model, options: AsCompressedOptions = {}): Promise<CompressedModel> {
  const fn = 'asCompressed';
  checkModel(fn, model);
  const o = checkOptions(fn, 'options', options);
  const storage = checkEnum(fn, 'options.storage', o.storage ?? 'float32', ['float32', 'float16'] as const);
  const name = checkName(fn, o.name ?? storage);
  const weights = await encodeWeights(model, { dtype: storage });
  return fromBytes({
    name,
    method: o.method ?? (storage === 'float32' ? 'float32 (uncompressed)' : 'float16'),
    config: model.toConfig(),
    weights,
    details: { storage },
    load: (m, bytes) => loadWeights(m, bytes),
  });
}
