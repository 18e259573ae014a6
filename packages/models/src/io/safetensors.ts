/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of
 * UTF-8 JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: { string: string } }`
 * padded with spaces to a multiple of 8, then the raw little-endian, row-major tensor bytes.
 * Offsets are relative to the data buffer and must tile it exactly. Writing sorts tensors by
 * element size (largest first) then name, as the reference implementation does, so every
 * tensor is aligned to its element size in the file. Pure JS: no tensors, no Node APIs.
 */
import { fromBFloat16Bits, fromFloat16Bits, toBFloat16Bits, toFloat16Bits } from './float16.js';

/** The dtypes read and written here. */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

const SIZES: Record<SafetensorsDtype, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

/**
 * Bytes per element of each dtype.
 *
 * @example
 * ```ts
 * dtypeSize('BF16'); // 2
 * ```
 */
export function dtypeSize(dtype: SafetensorsDtype): number {
  return SIZES[dtype];
}

/** One tensor in a safetensors file: its raw little-endian bytes. */
export interface RawTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  data: Uint8Array;
}

/** A decoded file: tensors by name (in file order) and the free-form string metadata. */
export interface SafetensorsFile {
  tensors: Map<string, RawTensor>;
  metadata: Record<string, string>;
}

/** The reference implementation refuses headers above 100 MB. */
const MAX_HEADER = 100_000_000;

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Serialises tensors (and optional string metadata) to safetensors bytes.
 *
 * @example
 * ```ts
 * const bytes = encodeSafetensors([rawFromFloat32('w', [2], new Float32Array([1, 2]), 'F16')], { note: 'hi' });
 * ```
 */
export function encodeSafetensors(tensors: readonly RawTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const names = new Set<string>();
  for (const t of tensors) {
    if (t.name === '__metadata__')
      throw new Error(`encodeSafetensors: '__metadata__' is reserved and cannot name a tensor`);
    if (names.has(t.name)) throw new Error(`encodeSafetensors: tensor name '${t.name}' appears twice`);
    names.add(t.name);
    if (!(t.dtype in SIZES))
      throw new Error(`encodeSafetensors: '${t.name}' has unknown dtype ${JSON.stringify(t.dtype)}`);
    const want = numel(t.shape) * SIZES[t.dtype];
    if (t.data.byteLength !== want) {
      throw new Error(
        `encodeSafetensors: '${t.name}' ${t.dtype} [${t.shape.join(', ')}] needs ${want} bytes, has ${t.data.byteLength}`,
      );
    }
  }
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new Error(`encodeSafetensors: metadata['${k}'] must be a string; got ${typeof v}`);
  }
  const order = [...tensors].sort(
    (a, b) => SIZES[b.dtype] - SIZES[a.dtype] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of order) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (8 - (json.byteLength % 8)) % 8;
  if (pad > 0) {
    const padded = new Uint8Array(json.byteLength + pad).fill(0x20);
    padded.set(json);
    json = padded;
  }
  const out = new Uint8Array(8 + json.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.byteLength, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const t of order) {
    out.set(t.data, at);
    at += t.data.byteLength;
  }
  return out;
}

/**
 * Parses safetensors bytes, checking the header against the spec: known dtypes, shapes of
 * non-negative integers, byte ranges matching shape x dtype and tiling the data exactly.
 * The tensors' `data` are views into `bytes` (no copy).
 *
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * const w = float32FromRaw(tensors.get('dense_1/kernel')!);
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array | ArrayBuffer): SafetensorsFile {
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const fail = (why: string): never => {
    throw new Error(`decodeSafetensors: ${why}`);
  };
  if (buf.byteLength < 8)
    fail(`the file has ${buf.byteLength} bytes; a safetensors file starts with an 8-byte header length`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  const n = hi * 2 ** 32 + lo;
  if (n > MAX_HEADER) fail(`header length ${n} exceeds the 100 MB limit`);
  if (8 + n > buf.byteLength) fail(`header length ${n} runs past the end of the ${buf.byteLength}-byte file`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the header is not UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');
  const data = buf.subarray(8 + n);
  const metadata: Record<string, string> = {};
  const entries: { name: string; begin: number; end: number; dtype: SafetensorsDtype; shape: number[] }[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof info !== 'object' || info === null || Array.isArray(info))
        fail('__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__['${k}'] must be a string; got ${JSON.stringify(v)}`);
        metadata[k] = v as string;
      }
      continue;
    }
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== 'object' || t === null) fail(`'${name}' must be an object with dtype, shape, data_offsets`);
    const dtype = t.dtype as SafetensorsDtype;
    if (typeof dtype !== 'string' || !(dtype in SIZES)) {
      fail(`'${name}' has dtype ${JSON.stringify(t.dtype)}; supported: ${Object.keys(SIZES).join(', ')}`);
    }
    const shape = t.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      fail(`'${name}' has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
    }
    const off = t.data_offsets;
    if (
      !Array.isArray(off) ||
      off.length !== 2 ||
      !off.every((d) => Number.isInteger(d) && d >= 0) ||
      off[0] > off[1]
    ) {
      fail(`'${name}' has data_offsets ${JSON.stringify(off)}; expected [begin, end] with 0 <= begin <= end`);
    }
    const [begin, end] = off as [number, number];
    const want = numel(shape as number[]) * SIZES[dtype];
    if (end - begin !== want) {
      fail(
        `'${name}' ${dtype} [${(shape as number[]).join(', ')}] needs ${want} bytes but data_offsets span ${end - begin}`,
      );
    }
    entries.push({ name, begin, end, dtype, shape: shape as number[] });
  }
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expect = 0;
  for (const e of byOffset) {
    if (e.begin !== expect)
      fail(`'${e.name}' starts at byte ${e.begin} of the data, expected ${expect} (tensors must tile the data)`);
    expect = e.end;
  }
  if (expect !== data.byteLength)
    fail(`the tensors cover ${expect} bytes of data but the file holds ${data.byteLength}`);
  const tensors = new Map<string, RawTensor>();
  for (const e of byOffset)
    tensors.set(e.name, { name: e.name, dtype: e.dtype, shape: e.shape, data: data.subarray(e.begin, e.end) });
  return { tensors, metadata };
}

/**
 * Reads any numeric tensor as float32 values (F16/BF16 widened, F64/I64 narrowed, BOOL as 0/1).
 *
 * @example
 * ```ts
 * const values = float32FromRaw(file.tensors.get('w')!);
 * ```
 */
export function float32FromRaw(t: RawTensor): Float32Array {
  const n = numel(t.shape);
  const v = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const out = new Float32Array(n);
  switch (t.dtype) {
    case 'F32':
      for (let i = 0; i < n; i++) out[i] = v.getFloat32(4 * i, true);
      break;
    case 'F64':
      for (let i = 0; i < n; i++) out[i] = v.getFloat64(8 * i, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = fromFloat16Bits(v.getUint16(2 * i, true));
      break;
    case 'BF16':
      for (let i = 0; i < n; i++) out[i] = fromBFloat16Bits(v.getUint16(2 * i, true));
      break;
    case 'I64':
      for (let i = 0; i < n; i++) out[i] = Number(v.getBigInt64(8 * i, true));
      break;
    case 'I32':
      for (let i = 0; i < n; i++) out[i] = v.getInt32(4 * i, true);
      break;
    case 'I16':
      for (let i = 0; i < n; i++) out[i] = v.getInt16(2 * i, true);
      break;
    case 'I8':
      for (let i = 0; i < n; i++) out[i] = v.getInt8(i);
      break;
    case 'U8':
    case 'BOOL':
      for (let i = 0; i < n; i++) out[i] = v.getUint8(i);
      break;
  }
  return out;
}

/**
 * Encodes float values as a tensor of `dtype`. Float dtypes round to nearest (even); integer
 * dtypes round to nearest and throw on values out of range (quantize first).
 *
 * @example
 * ```ts
 * const raw = rawFromFloat32('w', [2, 2], new Float32Array([1, 2, 3, 4]), 'F16');
 * ```
 */
export function rawFromFloat32(
  name: string,
  shape: number[],
  values: ArrayLike<number>,
  dtype: SafetensorsDtype,
): RawTensor {
  const n = numel(shape);
  if (values.length !== n)
    throw new Error(
      `rawFromFloat32: '${name}' shape [${shape.join(', ')}] holds ${n} values, received ${values.length}`,
    );
  const data = new Uint8Array(n * SIZES[dtype]);
  const v = new DataView(data.buffer);
  const int = (lo: number, hi: number, i: number): number => {
    const x = Math.round(values[i] as number);
    if (!(x >= lo && x <= hi))
      throw new Error(`rawFromFloat32: '${name}' value ${values[i]} at ${i} does not fit ${dtype}`);
    return x;
  };
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'F32':
        v.setFloat32(4 * i, values[i] as number, true);
        break;
      case 'F64':
        v.setFloat64(8 * i, values[i] as number, true);
        break;
      case 'F16':
        v.setUint16(2 * i, toFloat16Bits(values[i] as number), true);
        break;
      case 'BF16':
        v.setUint16(2 * i, toBFloat16Bits(values[i] as number), true);
        break;
      case 'I64':
        v.setBigInt64(8 * i, BigInt(int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, i)), true);
        break;
      case 'I32':
        v.setInt32(4 * i, int(-(2 ** 31), 2 ** 31 - 1, i), true);
        break;
      case 'I16':
        v.setInt16(2 * i, int(-32768, 32767, i), true);
        break;
      case 'I8':
        v.setInt8(i, int(-128, 127, i));
        break;
      case 'U8':
        v.setUint8(i, int(0, 255, i));
        break;
      case 'BOOL':
        v.setUint8(i, int(0, 1, i));
        break;
    }
  }
  return { name, dtype, shape: [...shape], data };
}
