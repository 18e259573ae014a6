/**
 * Checkpoints: everything needed to resume a run exactly (weights, optimizer slots and step,
 * schedule state, epoch, RNG state, history, callback states), encoded as one safetensors file
 * (tensors as F32/I32 blobs, the rest as JSON in `__metadata__`), which PyTorch and other
 * safetensors readers can open too.
 */
import { tf } from '@tessera/backend';
import type { RngState } from '@tessera/backend';
import type { NamedTensor } from '../model.js';
import type { OptimizerState } from '../optimizers/optimizer.js';
import type { Logs } from '../logs.js';
import type { StepLog } from '../history.js';
import { fail, show } from '../internal/errors.js';

/**
 * A saved callback state inside a checkpoint, matched back by position and name.
 *
 * @example
 * ```ts
 * const s: SavedCallbackState = { index: 0, name: 'EarlyStopping', json: { best: 0.2 }, tensors: [] };
 * ```
 */
export interface SavedCallbackState {
  index: number;
  name: string;
  json: unknown;
  tensors: NamedTensor[];
}

/**
 * A full training snapshot. Tensors are owned by the checkpoint: free them with
 * {@link disposeCheckpoint}.
 *
 * @example
 * ```ts
 * const ckpt = await loadCheckpoint(store, 'last');
 * if (ckpt) await fit(model, data, { ...opts, resumeFrom: ckpt });
 * ```
 */
export interface Checkpoint {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps taken. */
  globalStep: number;
  weights: NamedTensor[];
  optimizer: OptimizerState;
  /** The trainer's generator (shuffles, DP noise) after `epoch` epochs. */
  rng: RngState;
  seed: number;
  history: { epochs: Logs[]; steps: StepLog[] };
  callbacks: SavedCallbackState[];
  /** DP-SGD accountant state (accumulated RDP per order). */
  privacy?: { rdp: number[] };
  /** Free-form user data (JSON). */
  meta?: Record<string, unknown>;
}

const FORMAT = 'tessera-checkpoint';
const VERSION = '1';

const DTYPES: Record<string, { st: string; bytes: number }> = {
  float32: { st: 'F32', bytes: 4 },
  int32: { st: 'I32', bytes: 4 },
  bool: { st: 'BOOL', bytes: 1 },
};

/** JSON that keeps Infinity and NaN (reduce-on-plateau's initial best is Infinity). */
function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v,
  );
}

function parse(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$number') return Number((v as { $number: string }).$number);
    }
    return v;
  });
}

/**
 * Encodes a checkpoint as safetensors bytes. Reads the tensors (sync); disposes nothing.
 *
 * @example
 * ```ts
 * const bytes = encodeCheckpoint(ckpt);
 * ```
 */
export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  const fn = 'encodeCheckpoint';
  if (typeof ckpt !== 'object' || ckpt === null || !Array.isArray(ckpt.weights)) fail(fn, 'ckpt', 'be a Checkpoint', show(ckpt));
  const entries: { key: string; t: tf.Tensor }[] = [];
  ckpt.weights.forEach((w, i) => entries.push({ key: `weights/${i}`, t: w.tensor }));
  ckpt.optimizer.slots.forEach((s, i) => entries.push({ key: `optimizer/${i}`, t: s.tensor }));
  ckpt.callbacks.forEach((c, ci) => c.tensors.forEach((t, i) => entries.push({ key: `callbacks/${ci}/${i}`, t: t.tensor })));
  const state = {
    epoch: ckpt.epoch,
    globalStep: ckpt.globalStep,
    seed: ckpt.seed,
    rng: ckpt.rng,
    weightNames: ckpt.weights.map((w) => w.name),
    optimizer: { ...ckpt.optimizer, slots: ckpt.optimizer.slots.map((s) => s.name) },
    history: ckpt.history,
    callbacks: ckpt.callbacks.map((c) => ({ index: c.index, name: c.name, json: c.json, tensors: c.tensors.map((t) => t.name) })),
    privacy: ckpt.privacy,
    meta: ckpt.meta,
  };
  const header: Record<string, unknown> = { __metadata__: { format: FORMAT, version: VERSION, state: stringify(state) } };
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const { key, t } of entries) {
    const d = DTYPES[t.dtype];
    if (!d) fail(fn, `tensor '${key}'`, 'be float32, int32 or bool', t.dtype);
    const data = t.dataSync();
    const bytes =
      t.dtype === 'bool'
        ? Uint8Array.from(data as ArrayLike<number>)
        : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    header[key] = { dtype: d.st, shape: t.shape, data_offsets: [offset, offset + bytes.byteLength] };
    blobs.push(bytes);
    offset += bytes.byteLength;
  }
  let headerText = JSON.stringify(header);
  // Pad the header with spaces so the data starts 8-byte aligned (as the safetensors spec advises).
  headerText += ' '.repeat((8 - ((8 + new TextEncoder().encode(headerText).byteLength) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.byteLength;
  for (const b of blobs) {
    out.set(b, pos);
    pos += b.byteLength;
  }
  return out;
}

/**
 * Decodes bytes from {@link encodeCheckpoint} into a checkpoint with fresh tensors. Throws on a
 * truncated or foreign file, naming what is wrong.
 *
 * @example
 * ```ts
 * const ckpt = decodeCheckpoint(bytes);
 * disposeCheckpoint(ckpt);
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const fn = 'decodeCheckpoint';
  if (!(bytes instanceof Uint8Array)) fail(fn, 'bytes', 'be a Uint8Array', show(bytes));
  if (bytes.byteLength < 8) fail(fn, 'bytes', 'hold at least the 8-byte safetensors header length', `${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.byteLength) fail(fn, 'bytes', `hold a ${n}-byte header (the file is truncated?)`, `${bytes.byteLength} bytes`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> & { __metadata__?: Record<string, string> };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    return fail(fn, 'bytes', 'start with a JSON safetensors header', `unparsable header (${(e as Error).message})`);
  }
  const meta = header.__metadata__;
  if (!meta || meta.format !== FORMAT) fail(fn, 'bytes', `be a ${FORMAT} file`, show(meta?.format));
  if (meta.version !== VERSION) fail(fn, 'bytes', `be format version ${VERSION}`, show(meta.version));
  const state = parse(meta.state as string) as {
    epoch: number;
    globalStep: number;
    seed: number;
    rng: RngState;
    weightNames: string[];
    optimizer: Omit<OptimizerState, 'slots'> & { slots: string[] };
    history: Checkpoint['history'];
    callbacks: { index: number; name: string; json: unknown; tensors: string[] }[];
    privacy?: { rdp: number[] };
    meta?: Record<string, unknown>;
  };
  const dataStart = 8 + n;
  const created: tf.Tensor[] = [];
  const tensor = (key: string): tf.Tensor => {
    const e = header[key];
    if (!e || typeof e !== 'object') fail(fn, 'bytes', `contain tensor '${key}'`, 'no such entry');
    const [b, end] = e.data_offsets;
    if (dataStart + end > bytes.byteLength) fail(fn, 'bytes', `hold tensor '${key}' up to byte ${dataStart + end} (the file is truncated?)`, `${bytes.byteLength} bytes`);
    const raw = bytes.slice(dataStart + b, dataStart + end);
    const size = e.shape.reduce((a, d) => a * d, 1);
    let t: tf.Tensor;
    if (e.dtype === 'F32') t = tf.tensor(new Float32Array(raw.buffer, 0, size), e.shape, 'float32');
    else if (e.dtype === 'I32') t = tf.tensor(new Int32Array(raw.buffer, 0, size), e.shape, 'int32');
    else if (e.dtype === 'BOOL') t = tf.tensor(raw, e.shape, 'bool');
    else return fail(fn, `tensor '${key}'`, 'be F32, I32 or BOOL', show(e.dtype));
    created.push(t);
    return t;
  };
  try {
    return {
      epoch: state.epoch,
      globalStep: state.globalStep,
      seed: state.seed,
      rng: state.rng,
      weights: state.weightNames.map((name, i) => ({ name, tensor: tensor(`weights/${i}`) })),
      optimizer: { ...state.optimizer, slots: state.optimizer.slots.map((name, i) => ({ name, tensor: tensor(`optimizer/${i}`) })) },
      history: state.history,
      callbacks: state.callbacks.map((c, ci) => ({
        index: c.index,
        name: c.name,
        json: c.json,
        tensors: c.tensors.map((name, i) => ({ name, tensor: tensor(`callbacks/${ci}/${i}`) })),
      })),
      ...(state.privacy ? { privacy: state.privacy } : {}),
      ...(state.meta ? { meta: state.meta } : {}),
    };
  } catch (e) {
    tf.dispose(created);
    throw e;
  }
}

/**
 * Frees every tensor of a checkpoint.
 *
 * @example
 * ```ts
 * disposeCheckpoint(ckpt);
 * ```
 */
export function disposeCheckpoint(ckpt: Checkpoint): void {
  tf.dispose(ckpt.weights.map((w) => w.tensor));
  tf.dispose(ckpt.optimizer.slots.map((s) => s.tensor));
  for (const c of ckpt.callbacks) tf.dispose(c.tensors.map((t) => t.tensor));
}
