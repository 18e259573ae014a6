/**
 * Post-training weight quantization of a whole model: pick the weights, store each in the
 * chosen format (per-channel axis by layer kind), write the safetensors file, and rebuild the
 * model from that file.
 */
import type { Model } from '@tessera/models';
import { checkModel, checkName, type CompressedModel, fromBytes } from '../compressed_model.js';
import { checkEnum, checkNumber, checkOptions, fail, show } from '../internal/errors.js';
import { channelAxis, describeWeights, selectWeights, type SelectionOptions, type WeightInfo } from '../select_weights.js';
import { defaultMode, type QuantMode } from './affine.js';
import { quantizeTensor, type QuantizedTensor } from './quantized_tensor.js';
import { encodeQuantizedWeights, loadQuantizedWeights, type QuantizedWeights, quantizedWeights } from './weights_file.js';

/**
 * Target formats of {@link quantizeModel}.
 *
 * @example
 * ```ts
 * const d: QuantizeDtype = 'int8';
 * ```
 */
export type QuantizeDtype = 'float16' | 'int8' | 'uint8' | 'q4';

const DTYPES: readonly QuantizeDtype[] = ['float16', 'int8', 'uint8', 'q4'];
const BITS: Record<number, QuantizeDtype> = { 16: 'float16', 8: 'int8', 4: 'q4' };

/**
 * Options of {@link quantizeModel} and {@link quantizeWeights}.
 *
 * @example
 * ```ts
 * const o: QuantizeOptions = { dtype: 'int8', perChannel: true, skipLast: true };
 * const q4: QuantizeOptions = { bits: 4, groupSize: 16 };
 * ```
 */
export interface QuantizeOptions extends SelectionOptions {
  /** The format. Give this or `bits`. */
  dtype?: QuantizeDtype;
  /** 16 (float16), 8 (int8) or 4 (q4): another way to name the format. */
  bits?: number;
  /** Integer formats. Default symmetric for int8 and q4, affine for uint8. */
  mode?: QuantMode;
  /** int8/uint8: one scale per output channel (axis by layer kind). Default true. */
  perChannel?: boolean;
  /** q4: elements per group. Default 32. */
  groupSize?: number;
  /** Variant name in reports and folders. Default from the settings, e.g. `int8-per-channel`. */
  name?: string;
}

interface Resolved {
  dtype: QuantizeDtype;
  mode: QuantMode | null;
  perChannel: boolean;
  groupSize: number | null;
}

function resolve(fn: string, options: QuantizeOptions): Resolved {
  const o = checkOptions(fn, 'options', options);
  let dtype: QuantizeDtype;
  if (o.bits !== undefined) {
    const fromBits = BITS[o.bits as number];
    if (fromBits === undefined) fail(fn, 'options.bits', 'be 16 (float16), 8 (int8) or 4 (q4)', show(o.bits));
    if (o.dtype !== undefined && o.dtype !== fromBits) fail(fn, 'options.dtype', `agree with options.bits ${o.bits} ('${fromBits}')`, show(o.dtype));
    dtype = fromBits;
  } else {
    if (o.dtype === undefined) fail(fn, 'options.dtype', `be given (one of ${DTYPES.map((d) => `'${d}'`).join(', ')}) or options.bits`, 'undefined');
    dtype = checkEnum(fn, 'options.dtype', o.dtype, DTYPES);
  }
  if (dtype === 'float16') {
    for (const k of ['mode', 'perChannel', 'groupSize'] as const) {
      if (o[k] !== undefined) fail(fn, `options.${k}`, "be omitted for 'float16'", show(o[k]));
    }
    return { dtype, mode: null, perChannel: false, groupSize: null };
  }
  const mode = checkEnum(fn, 'options.mode', o.mode ?? defaultMode(dtype), ['symmetric', 'affine'] as const);
  if (dtype === 'q4') {
    if (o.perChannel !== undefined) fail(fn, 'options.perChannel', "be omitted for 'q4' (it is grouped: use options.groupSize)", show(o.perChannel));
    return { dtype, mode, perChannel: false, groupSize: checkNumber(fn, 'options.groupSize', o.groupSize ?? 32, { min: 1, integer: true }) };
  }
  if (o.groupSize !== undefined) fail(fn, 'options.groupSize', "be omitted unless dtype is 'q4'", show(o.groupSize));
  if (o.perChannel !== undefined && typeof o.perChannel !== 'boolean') fail(fn, 'options.perChannel', 'be a boolean', show(o.perChannel));
  return { dtype, mode, perChannel: o.perChannel ?? true, groupSize: null };
}

/** Integer formats apply to matrices and up (kernels, embeddings); float16 to any float weight. */
function eligible(r: Resolved): (w: WeightInfo) => boolean {
  return (w) => w.dtype === 'float32' && (r.dtype === 'float16' || w.shape.length >= 2);
}

function defaultName(r: Resolved): string {
  if (r.dtype === 'float16') return 'float16';
  const m = r.mode === defaultMode(r.dtype) ? '' : `-${r.mode}`;
  if (r.dtype === 'q4') return `q4-g${r.groupSize}${m}`;
  return `${r.dtype}-${r.perChannel ? 'per-channel' : 'per-tensor'}${m}`;
}

function describe(r: Resolved): string {
  if (r.dtype === 'float16') return 'float16';
  if (r.dtype === 'q4') return `4-bit ${r.mode}, groups of ${r.groupSize}`;
  return `${r.dtype} ${r.mode} ${r.perChannel ? 'per-channel' : 'per-tensor'}`;
}

/**
 * Quantizes a model's weights and keeps them quantized in memory (typed arrays: a quarter of
 * the float32 bytes for int8, about an eighth for q4). Weights that are not selected stay
 * float32. Non-finite weights are an error naming the weight and the index.
 *
 * @example
 * ```ts
 * const q = quantizeWeights(model, { dtype: 'int8' });
 * q.tensors.find((t) => t.name === 'conv2d_1/kernel')!.scale; // one scale per filter
 * const bytes = encodeQuantizedWeights(q);
 * ```
 */
export function quantizeWeights(model: Model, options: QuantizeOptions): QuantizedWeights {
  const fn = 'quantizeWeights';
  return quantizeWith(fn, checkModel(fn, model), resolve(fn, options), options);
}

function quantizeWith(fn: string, model: Model, r: Resolved, options: SelectionOptions): QuantizedWeights {
  const infos = describeWeights(model);
  const picked = selectWeights(fn, infos, options, eligible(r));
  const ws = model.getWeights();
  try {
    const tensors: QuantizedTensor[] = ws.map((w, i) => {
      const info = infos[i] as WeightInfo;
      if (w.tensor.dtype !== 'float32') fail(fn, `weight '${w.name}'`, 'be float32', w.tensor.dtype);
      const values = w.tensor.dataSync() as Float32Array;
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        fail(fn, `model '${model.name}' weight '${w.name}'`, 'hold finite values only (train or fix the model first)', `${values[bad]} at flat index ${bad}`);
      }
      const shape = [...w.tensor.shape];
      if (!picked.has(w.name)) return quantizeTensor(values, shape, { dtype: 'float32' }, w.name);
      if (r.dtype === 'float16') return quantizeTensor(values, shape, { dtype: 'float16' }, w.name);
      if (r.dtype === 'q4') return quantizeTensor(values, shape, { dtype: 'q4', mode: r.mode as QuantMode, groupSize: r.groupSize as number }, w.name);
      return quantizeTensor(values, shape, { dtype: r.dtype, mode: r.mode as QuantMode, axis: r.perChannel ? channelAxis(info) : null }, w.name);
    });
    return quantizedWeights(tensors);
  } finally {
    for (const w of ws) w.tensor.dispose();
  }
}

/**
 * Post-training weight quantization: returns a {@link CompressedModel} whose `weights` are the
 * quantized safetensors file and whose `model` is rebuilt from that file (dequantized to
 * float32, because tfjs computes in float32). The original model is not changed.
 *
 * @example
 * ```ts
 * const int8 = await quantizeModel(model, { dtype: 'int8' });              // per-channel symmetric
 * const q4 = await quantizeModel(model, { dtype: 'q4', groupSize: 32, skipFirst: true, skipLast: true });
 * const f16 = await quantizeModel(model, { bits: 16 });
 * ```
 */
export async function quantizeModel(model: Model, options: QuantizeOptions): Promise<CompressedModel> {
  const fn = 'quantizeModel';
  checkModel(fn, model);
  const r = resolve(fn, options);
  const name = checkName(fn, options.name ?? defaultName(r));
  const q = quantizeWith(fn, model, r, options);
  const quantized = q.tensors.filter((t) => t.dtype !== 'float32').length;
  const weights = encodeQuantizedWeights(q);
  return fromBytes({
    name,
    method: describe(r),
    config: model.toConfig(),
    weights,
    details: {
      dtype: r.dtype,
      mode: r.mode,
      perChannel: r.dtype === 'int8' || r.dtype === 'uint8' ? r.perChannel : null,
      groupSize: r.groupSize,
      quantizedTensors: quantized,
      floatTensors: q.tensors.length - quantized,
    },
    load: (m, bytes) => loadQuantizedWeights(m, bytes),
  });
}
