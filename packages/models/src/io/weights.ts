/**
 * Model weights <-> safetensors bytes, with optional storage as float16 or per-tensor
 * quantized int8/uint8 (dequantized to float32 on load). Names are the model's weight names
 * (`conv2d_1/kernel`), so the file lines up with `getWeights()`.
 */
import { tf } from '@tessera/backend';
import type { Model, NamedTensor } from '../model.js';
import {
  decodeSafetensors,
  encodeSafetensors,
  float32FromRaw,
  rawFromFloat32,
  type RawTensor,
  type SafetensorsDtype,
} from './safetensors.js';

/** How weights are stored: float32 (exact), float16 (half size), int8/uint8 (quarter size, per-tensor affine). */
export type WeightStorage = 'float32' | 'float16' | 'int8' | 'uint8';

/** Options of {@link encodeWeights}. */
export interface EncodeWeightsOptions {
  /** Default `'float32'`. */
  dtype?: WeightStorage;
  /** Extra string metadata stored in the header. */
  metadata?: Record<string, string>;
}

/**
 * Metadata key holding `{ name: [scale, zeroPoint] }` for quantized tensors: value = (q - zeroPoint) * scale.
 *
 * @example
 * ```ts
 * const params = JSON.parse(decodeSafetensors(bytes).metadata[QUANT_KEY] ?? '{}');
 * ```
 */
export const QUANT_KEY = 'tessera.quantization';

const STORAGE: Record<WeightStorage, SafetensorsDtype> = { float32: 'F32', float16: 'F16', int8: 'I8', uint8: 'U8' };

/** Per-tensor quantization: int8 symmetric (zero point 0), uint8 affine with 0 exactly representable. */
function quantize(
  values: Float32Array,
  dtype: 'int8' | 'uint8',
): { q: Float32Array; scale: number; zeroPoint: number } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`encodeWeights: cannot quantize a non-finite value (${v})`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const q = new Float32Array(values.length);
  if (dtype === 'int8') {
    const scale = Math.max(-lo, hi) / 127 || 1;
    for (let i = 0; i < q.length; i++) q[i] = Math.min(127, Math.max(-127, Math.round((values[i] as number) / scale)));
    return { q, scale, zeroPoint: 0 };
  }
  const scale = (hi - lo) / 255 || 1;
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-lo / scale)));
  for (let i = 0; i < q.length; i++)
    q[i] = Math.min(255, Math.max(0, Math.round((values[i] as number) / scale) + zeroPoint));
  return { q, scale, zeroPoint };
}

/**
 * Encodes a model's weights as safetensors bytes.
 *
 * @example
 * ```ts
 * const bytes = await encodeWeights(model, { dtype: 'float16' }); // Uint8Array, about half the float32 size
 * ```
 */
export async function encodeWeights(model: Model, options: EncodeWeightsOptions = {}): Promise<Uint8Array> {
  const dtype = options.dtype ?? 'float32';
  if (!(dtype in STORAGE)) {
    throw new Error(
      `encodeWeights: dtype must be one of ${Object.keys(STORAGE).join(', ')}; got ${JSON.stringify(options.dtype)}`,
    );
  }
  const metadata: Record<string, string> = {
    'tessera.format': 'weights',
    'tessera.version': '1',
    ...(options.metadata ?? {}),
  };
  const weights = model.getWeights();
  try {
    const raws: RawTensor[] = [];
    const quant: Record<string, [number, number]> = {};
    for (const w of weights) {
      if (w.tensor.dtype !== 'float32')
        throw new Error(`encodeWeights: weight '${w.name}' is ${w.tensor.dtype}; only float32 weights are stored`);
      const values = (await w.tensor.data()) as Float32Array;
      if (dtype === 'int8' || dtype === 'uint8') {
        const { q, scale, zeroPoint } = quantize(values, dtype);
        quant[w.name] = [scale, zeroPoint];
        raws.push(rawFromFloat32(w.name, [...w.tensor.shape], q, STORAGE[dtype]));
      } else {
        raws.push(rawFromFloat32(w.name, [...w.tensor.shape], values, STORAGE[dtype]));
      }
    }
    if (Object.keys(quant).length > 0) metadata[QUANT_KEY] = JSON.stringify(quant);
    return encodeSafetensors(raws, metadata);
  } finally {
    for (const w of weights) w.tensor.dispose();
  }
}

/**
 * Decodes safetensors bytes into float32 tensors for a model, checking every name, shape and
 * dtype against the model first and listing every mismatch in one error. Integer tensors need
 * the quantization parameters {@link encodeWeights} writes.
 */
function decodeFor(model: Model, bytes: Uint8Array | ArrayBuffer, where: string): NamedTensor[] {
  const file = decodeSafetensors(bytes);
  const own = model.getWeights();
  const expected = own.map((w) => ({ name: w.name, shape: [...w.tensor.shape], dtype: w.tensor.dtype }));
  for (const w of own) w.tensor.dispose();
  let quant: Record<string, [number, number]> = {};
  if (file.metadata[QUANT_KEY] !== undefined) {
    try {
      quant = JSON.parse(file.metadata[QUANT_KEY]) as Record<string, [number, number]>;
    } catch {
      throw new Error(`${where}: __metadata__['${QUANT_KEY}'] is not valid JSON`);
    }
  }
  const problems: string[] = [];
  const known = new Set(expected.map((e) => e.name));
  const missing = expected.filter((e) => !file.tensors.has(e.name)).map((e) => `'${e.name}'`);
  const unexpected = [...file.tensors.keys()].filter((n) => !known.has(n)).map((n) => `'${n}'`);
  if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
  if (unexpected.length > 0) problems.push(`unexpected ${unexpected.join(', ')}`);
  for (const e of expected) {
    const t = file.tensors.get(e.name);
    if (t === undefined) continue;
    const shapeOk = t.shape.length === e.shape.length && t.shape.every((d, i) => d === e.shape[i]);
    if (!shapeOk)
      problems.push(`'${e.name}': expected shape [${e.shape.join(', ')}], file has [${t.shape.join(', ')}]`);
    const float = t.dtype === 'F32' || t.dtype === 'F16' || t.dtype === 'BF16' || t.dtype === 'F64';
    const q = quant[e.name];
    const quantized =
      (t.dtype === 'I8' || t.dtype === 'U8') && Array.isArray(q) && q.length === 2 && q.every(Number.isFinite);
    if (!float && !quantized) {
      problems.push(
        `'${e.name}': expected a float tensor (F32, F16, BF16, F64) or I8/U8 with quantization parameters for the ` +
          `float32 weight; file has ${t.dtype}${t.dtype === 'I8' || t.dtype === 'U8' ? ` without __metadata__['${QUANT_KEY}'] for it` : ''}`,
      );
    }
  }
  if (problems.length > 0)
    throw new Error(`${where}: the weights do not fit model '${model.name}': ${problems.join('; ')}`);
  return expected.map((e) => {
    const t = file.tensors.get(e.name) as RawTensor;
    const values = float32FromRaw(t);
    const q = quant[e.name];
    if ((t.dtype === 'I8' || t.dtype === 'U8') && q !== undefined) {
      const [scale, zeroPoint] = q;
      for (let i = 0; i < values.length; i++) values[i] = ((values[i] as number) - zeroPoint) * scale;
    }
    return { name: e.name, tensor: tf.tensor(values, e.shape, 'float32') };
  });
}

/**
 * Loads safetensors bytes into a model's weights (see {@link encodeWeights}); checks names,
 * shapes and dtypes first and says exactly what does not match.
 *
 * @example
 * ```ts
 * loadWeights(model, await readFile('model.safetensors'));
 * ```
 */
export function loadWeights(model: Model, bytes: Uint8Array | ArrayBuffer): void {
  const tensors = decodeFor(model, bytes, 'loadWeights');
  try {
    model.setWeights(tensors);
  } finally {
    for (const t of tensors) t.tensor.dispose();
  }
}
