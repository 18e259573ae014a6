/**
 * Quantized weights <-> safetensors bytes. Each weight `<name>` is one tensor in its storage
 * dtype (F32, F16, I8, U8; q4 codes as a flat U8 of packed nibbles) beside `<name>.scale` (F32,
 * one per tensor, channel or group) and, for affine modes, `<name>.zero_point` (I8/U8). The
 * layout of each non-float32 weight (dtype; mode when not the default; axis; group size and
 * original shape for q4) is compact JSON in `__metadata__['tessera.compress']`: on a small
 * model the header is a visible share of the file. Any safetensors reader sees plain tensors;
 * the integers are stored exactly.
 */
import { tf } from '@tessera/backend';
import { decodeSafetensors, encodeSafetensors, float32FromRaw, type NamedTensor, type RawTensor, type SafetensorsDtype } from '@tessera/models';
import { checkOptions, fail, numel, show } from '../internal/errors.js';
import { defaultMode, type IntegerDtype, type QuantMode } from './affine.js';
import { blockCount, dequantizeTensor, quantizedByteLength, type QuantizedTensor, type WeightDtype, WEIGHT_DTYPES } from './quantized_tensor.js';

/**
 * Metadata key of the per-weight layout JSON.
 *
 * @example
 * ```ts
 * JSON.parse(decodeSafetensors(bytes).metadata[COMPRESS_METADATA_KEY]!).tensors['dense_1/kernel'].dtype; // 'int8'
 * ```
 */
export const COMPRESS_METADATA_KEY = 'tessera.compress';

/**
 * A model's weights in their storage formats, kept as typed arrays (the in-memory quantized
 * form). `quantizeWeights` lists them in model order; decoding a file lists the quantized ones
 * first, then the float32 ones. `byteLength` counts data, scales and zero points.
 *
 * @example
 * ```ts
 * const q = quantizeWeights(model, { dtype: 'int8' });
 * q.byteLength; // about a quarter of the float32 bytes
 * ```
 */
export interface QuantizedWeights {
  readonly tensors: readonly QuantizedTensor[];
  readonly byteLength: number;
}

/**
 * Bundles tensors as {@link QuantizedWeights}.
 *
 * @example
 * ```ts
 * const q = quantizedWeights([quantizeTensor(values, [4, 2], { dtype: 'int8', axis: 1 }, 'dense_1/kernel')]);
 * ```
 */
export function quantizedWeights(tensors: readonly QuantizedTensor[]): QuantizedWeights {
  return { tensors: [...tensors], byteLength: tensors.reduce((n, t) => n + quantizedByteLength(t), 0) };
}

interface LayoutJson {
  dtype: WeightDtype;
  /** Only for q4, whose data tensor is the flat packed bytes. */
  shape?: number[];
  mode?: QuantMode;
  axis?: number;
  groupSize?: number;
}

const STORED: Record<WeightDtype, SafetensorsDtype> = { float32: 'F32', float16: 'F16', int8: 'I8', uint8: 'U8', q4: 'U8' };

/** Little-endian bytes of a typed array (the file format's byte order on any platform). */
function leBytes(a: Float32Array | Uint16Array | Int8Array | Uint8Array): Uint8Array {
  if (a instanceof Uint8Array) return a.slice();
  if (a instanceof Int8Array) return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  const out = new Uint8Array(a.byteLength);
  const v = new DataView(out.buffer);
  if (a instanceof Float32Array) a.forEach((x, i) => v.setFloat32(4 * i, x, true));
  else a.forEach((x, i) => v.setUint16(2 * i, x, true));
  return out;
}

/**
 * Serialises quantized weights to safetensors bytes.
 *
 * @example
 * ```ts
 * const bytes = encodeQuantizedWeights(quantizeWeights(model, { dtype: 'q4' }));
 * await writeFile('model.safetensors', bytes);
 * ```
 */
export function encodeQuantizedWeights(weights: QuantizedWeights, options: { metadata?: Record<string, string> } = {}): Uint8Array {
  const fn = 'encodeQuantizedWeights';
  if (typeof weights !== 'object' || weights === null || !Array.isArray(weights.tensors)) {
    fail(fn, 'weights', 'be QuantizedWeights ({ tensors })', show(weights));
  }
  const o = checkOptions(fn, 'options', options);
  const layout: Record<string, LayoutJson> = {};
  const raws: RawTensor[] = [];
  const names = new Set<string>();
  const list: readonly QuantizedTensor[] = weights.tensors;
  for (const t of list) {
    if (names.has(t.name)) fail(fn, 'weights.tensors', 'have unique names', `'${t.name}' twice`);
    names.add(t.name);
    // Float32 tensors need no layout; the rest record only what the tensor entry does not say.
    if (t.dtype !== 'float32') {
      const entry: LayoutJson = { dtype: t.dtype };
      if (t.dtype === 'q4') entry.shape = [...t.shape];
      if (t.mode !== null && t.mode !== defaultMode(t.dtype as IntegerDtype)) entry.mode = t.mode;
      if (t.axis !== null) entry.axis = t.axis;
      if (t.groupSize !== null) entry.groupSize = t.groupSize;
      layout[t.name] = entry;
    }
    const dataShape = t.dtype === 'q4' ? [t.data.length] : [...t.shape];
    raws.push({ name: t.name, dtype: STORED[t.dtype], shape: dataShape, data: leBytes(t.data) });
    if (t.scale !== null) raws.push({ name: `${t.name}.scale`, dtype: 'F32', shape: [t.scale.length], data: leBytes(t.scale) });
    if (t.zeroPoint !== null) {
      raws.push({
        name: `${t.name}.zero_point`,
        dtype: t.zeroPoint instanceof Int8Array ? 'I8' : 'U8',
        shape: [t.zeroPoint.length],
        data: leBytes(t.zeroPoint),
      });
    }
  }
  const metadata = {
    'tessera.format': 'weights',
    ...(o.metadata ?? {}),
    [COMPRESS_METADATA_KEY]: JSON.stringify({ version: 1, tensors: layout }),
  };
  return encodeSafetensors(raws, metadata);
}

function typed(raw: RawTensor): Float32Array | Uint16Array | Int8Array | Uint8Array {
  const n = raw.data.byteLength;
  const v = new DataView(raw.data.buffer, raw.data.byteOffset, n);
  switch (raw.dtype) {
    case 'I8':
      return new Int8Array(raw.data.slice().buffer);
    case 'U8':
      return raw.data.slice();
    case 'F16':
      return Uint16Array.from({ length: n / 2 }, (_, i) => v.getUint16(2 * i, true));
    default:
      return float32FromRaw(raw);
  }
}

/**
 * Parses safetensors bytes written by {@link encodeQuantizedWeights}. Plain weight files
 * (e.g. `@tessera/models`' float32/float16 files) read as float tensors. Every inconsistency
 * (missing scales, wrong counts, dtypes that do not match the layout) is an error naming the
 * tensor.
 *
 * @example
 * ```ts
 * const q = decodeQuantizedWeights(await readFile('model.safetensors'));
 * q.tensors.map((t) => `${t.name}: ${t.dtype}`);
 * ```
 */
export function decodeQuantizedWeights(bytes: Uint8Array | ArrayBuffer): QuantizedWeights {
  const fn = 'decodeQuantizedWeights';
  const file = decodeSafetensors(bytes);
  const rawMeta = file.metadata[COMPRESS_METADATA_KEY];
  let layout: Record<string, LayoutJson> = {};
  if (rawMeta !== undefined) {
    try {
      const parsed = JSON.parse(rawMeta) as { version?: unknown; tensors?: unknown };
      if (parsed.version !== 1 || typeof parsed.tensors !== 'object' || parsed.tensors === null) throw new Error('bad');
      layout = parsed.tensors as Record<string, LayoutJson>;
    } catch {
      fail(fn, `__metadata__['${COMPRESS_METADATA_KEY}']`, "be JSON { version: 1, tensors }", show(rawMeta));
    }
  }
  const used = new Set<string>();
  const tensors: QuantizedTensor[] = [];
  const get = (name: string, what: string): RawTensor => {
    const t = file.tensors.get(name);
    if (t === undefined) fail(fn, `the file`, `hold '${name}' (${what})`, 'no such tensor');
    used.add(name);
    return t;
  };
  for (const [name, l] of Object.entries(layout)) {
    const where = `tensor '${name}'`;
    if (!WEIGHT_DTYPES.includes(l.dtype)) fail(fn, `${where} layout dtype`, `be one of ${WEIGHT_DTYPES.join(', ')}`, show(l.dtype));
    const raw = get(name, 'its data');
    const shape = l.dtype === 'q4' ? l.shape : raw.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(fn, `${where} layout shape`, 'be non-negative integers (q4 records its shape)', show(shape));
    const n = numel(shape);
    const wantDtype = STORED[l.dtype];
    const wantLength = l.dtype === 'q4' ? Math.ceil(n / 2) : n;
    const rawLength = numel(raw.shape);
    if (raw.dtype !== wantDtype || rawLength !== wantLength) {
      fail(fn, where, `be ${wantDtype} with ${wantLength} elements for ${l.dtype} [${shape.join(', ')}]`, `${raw.dtype} [${raw.shape.join(', ')}]`);
    }
    const q: QuantizedTensor = {
      name,
      shape: [...shape],
      dtype: l.dtype,
      mode: null,
      axis: null,
      groupSize: null,
      data: typed(raw),
      scale: null,
      zeroPoint: null,
    };
    if (l.dtype !== 'float32' && l.dtype !== 'float16') {
      const mode = l.mode ?? defaultMode(l.dtype);
      if (mode !== 'symmetric' && mode !== 'affine') fail(fn, `${where} layout mode`, "be 'symmetric' or 'affine'", show(l.mode));
      q.mode = mode;
      if (l.axis !== undefined) {
        if (!Number.isInteger(l.axis) || l.axis < 0 || l.axis >= shape.length) fail(fn, `${where} layout axis`, `be in [0, ${shape.length})`, show(l.axis));
        q.axis = l.axis;
      }
      if (l.groupSize !== undefined) {
        if (!Number.isInteger(l.groupSize) || l.groupSize < 1) fail(fn, `${where} layout groupSize`, 'be a positive integer', show(l.groupSize));
        q.groupSize = l.groupSize;
      }
      if (l.dtype === 'q4' && q.groupSize === null) fail(fn, `${where} layout groupSize`, 'be given for q4', 'undefined');
      const blocks = blockCount(q.shape, q);
      const scale = get(`${name}.scale`, 'its scales');
      if (scale.dtype !== 'F32' || numel(scale.shape) !== blocks) {
        fail(fn, `tensor '${name}.scale'`, `be F32 with ${blocks} entries`, `${scale.dtype} [${scale.shape.join(', ')}]`);
      }
      q.scale = float32FromRaw(scale);
      const bad = q.scale.findIndex((s) => !(s > 0) || !Number.isFinite(s));
      if (bad >= 0) fail(fn, `tensor '${name}.scale'`, 'hold positive finite scales', `${q.scale[bad]} at ${bad}`);
      if (mode === 'affine') {
        const zp = get(`${name}.zero_point`, 'its zero points (affine mode)');
        const want = l.dtype === 'int8' ? 'I8' : 'U8';
        if (zp.dtype !== want || numel(zp.shape) !== blocks) {
          fail(fn, `tensor '${name}.zero_point'`, `be ${want} with ${blocks} entries`, `${zp.dtype} [${zp.shape.join(', ')}]`);
        }
        q.zeroPoint = typed(zp) as Int8Array | Uint8Array;
      }
    }
    tensors.push(q);
  }
  // Tensors without a layout: plain float weights (a models file, or extra float tensors).
  for (const [name, raw] of file.tensors) {
    if (used.has(name)) continue;
    if (raw.dtype !== 'F32' && raw.dtype !== 'F16' && raw.dtype !== 'BF16' && raw.dtype !== 'F64') {
      fail(fn, `tensor '${name}'`, `be a float tensor or have a layout in __metadata__['${COMPRESS_METADATA_KEY}']`, raw.dtype);
    }
    const base = { name, shape: [...raw.shape], mode: null, axis: null, groupSize: null, scale: null, zeroPoint: null };
    tensors.push(raw.dtype === 'F16' ? { ...base, dtype: 'float16', data: typed(raw) } : { ...base, dtype: 'float32', data: float32FromRaw(raw) });
  }
  return quantizedWeights(tensors);
}

/**
 * Float32 tensors of quantized weights (dequantized), named as the model's weights. The caller
 * disposes them.
 *
 * @example
 * ```ts
 * const named = dequantizeWeights(decodeQuantizedWeights(bytes));
 * model.setWeights(named);
 * tf.dispose(named.map((w) => w.tensor));
 * ```
 */
export function dequantizeWeights(weights: QuantizedWeights): NamedTensor[] {
  return weights.tensors.map((t) => ({ name: t.name, tensor: tf.tensor(dequantizeTensor(t), [...t.shape], 'float32') }));
}

/**
 * Loads quantized safetensors bytes into a model (dequantized to float32). The model checks
 * names and shapes and lists every mismatch.
 *
 * @example
 * ```ts
 * const model = fromConfig(config);
 * loadQuantizedWeights(model, bytes);
 * ```
 */
export function loadQuantizedWeights(model: { setWeights(w: NamedTensor[]): void }, bytes: Uint8Array | ArrayBuffer): void {
  const named = dequantizeWeights(decodeQuantizedWeights(bytes));
  try {
    model.setWeights(named);
  } finally {
    tf.dispose(named.map((w) => w.tensor));
  }
}
