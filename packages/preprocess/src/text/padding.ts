import { tf } from '@tessera/backend';
import { describe } from '../random_source.js';

/**
 * Padding and truncation for a batch of token sequences (Hugging Face's argument names).
 *
 * @example
 * ```ts
 * tok.encodeBatch(texts, { padding: 'max_length', maxLength: 128, truncation: true });
 * ```
 */
export interface PaddingOptions {
  /** Target length for `padding: 'max_length'` and the limit for `truncation`. */
  maxLength?: number;
  /** `'longest'` (default): pad to the batch's longest; `'max_length'`: pad to `maxLength`. */
  padding?: 'longest' | 'max_length';
  /** Cut sequences longer than `maxLength` (counted in `truncated`). Default false. */
  truncation?: boolean;
  /** Where padding goes. Default `'right'`. */
  paddingSide?: 'left' | 'right';
  /** Which end truncation cuts. Default `'right'`. */
  truncationSide?: 'left' | 'right';
}

/**
 * A padded batch as flat row-major int32 arrays of `shape` [batch, length]. `attentionMask`
 * is 1 on real tokens and 0 on padding; `lengths` counts real tokens per row; `truncated`
 * counts the rows that lost tokens to truncation.
 *
 * @example
 * ```ts
 * const { inputIds, attentionMask, shape, truncated } = tok.encodeBatch(texts);
 * ```
 */
export interface EncodedBatch {
  inputIds: Int32Array;
  attentionMask: Int32Array;
  shape: [number, number];
  lengths: Int32Array;
  truncated: number;
}

/**
 * Pads (and, when asked, truncates) token sequences into one rectangular batch.
 * A sequence longer than `maxLength` with `padding: 'max_length'` and no truncation is an
 * error naming it; tokens are only dropped when `truncation` is set, and then counted.
 *
 * @example
 * ```ts
 * const b = padSequences([[5, 6, 7], [8]], 0, { padding: 'longest' });
 * b.inputIds;      // Int32Array [5, 6, 7, 8, 0, 0]
 * b.attentionMask; // Int32Array [1, 1, 1, 1, 0, 0]
 * ```
 */
export function padSequences(sequences: readonly ArrayLike<number>[], padId: number, options: PaddingOptions = {}): EncodedBatch {
  const where = 'padSequences';
  if (!Array.isArray(sequences)) throw new Error(`${where}: sequences must be an array of token id arrays; got ${describe(sequences)}`);
  if (!Number.isInteger(padId)) throw new Error(`${where}: padId must be an integer; got ${describe(padId)}`);
  const padding = options.padding ?? 'longest';
  const truncation = options.truncation ?? false;
  const maxLength = options.maxLength;
  const padLeft = (options.paddingSide ?? 'right') === 'left';
  const cutLeft = (options.truncationSide ?? 'right') === 'left';
  if (padding !== 'longest' && padding !== 'max_length') throw new Error(`${where}: options.padding must be 'longest' or 'max_length'; got ${describe(padding)}`);
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) throw new Error(`${where}: options.maxLength must be an integer >= 1; got ${describe(maxLength)}`);
  if ((padding === 'max_length' || truncation) && maxLength === undefined) {
    throw new Error(`${where}: options.maxLength is required with ${truncation ? 'truncation' : "padding: 'max_length'"}`);
  }
  for (const side of ['paddingSide', 'truncationSide'] as const) {
    const v = options[side];
    if (v !== undefined && v !== 'left' && v !== 'right') throw new Error(`${where}: options.${side} must be 'left' or 'right'; got ${describe(v)}`);
  }
  const n = sequences.length;
  const lengths = new Int32Array(n);
  let truncated = 0;
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const s = sequences[i];
    if (s === null || typeof s !== 'object' || typeof s.length !== 'number') throw new Error(`${where}: sequences[${i}] must be an array of token ids; got ${describe(s)}`);
    let len = s.length;
    if (maxLength !== undefined && len > maxLength) {
      if (truncation) {
        len = maxLength;
        truncated++;
      } else if (padding === 'max_length') {
        throw new Error(`${where}: sequences[${i}] has ${s.length} tokens, more than maxLength ${maxLength}; pass truncation: true to cut it`);
      }
    }
    lengths[i] = len;
    if (len > longest) longest = len;
  }
  const L = padding === 'max_length' ? (maxLength as number) : longest;
  const inputIds = new Int32Array(n * L).fill(padId);
  const attentionMask = new Int32Array(n * L);
  for (let i = 0; i < n; i++) {
    const s = sequences[i] as ArrayLike<number>;
    const len = lengths[i] as number;
    const from = cutLeft ? s.length - len : 0;
    const at = i * L + (padLeft ? L - len : 0);
    for (let k = 0; k < len; k++) {
      const id = s[from + k] as number;
      if (!Number.isInteger(id)) throw new Error(`${where}: sequences[${i}][${from + k}] must be an integer token id; got ${describe(id)}`);
      inputIds[at + k] = id;
      attentionMask[at + k] = 1;
    }
  }
  return { inputIds, attentionMask, shape: [n, L], lengths, truncated };
}

/**
 * The real (unpadded) tokens of each row of a batch, read through its attention mask.
 *
 * @example
 * ```ts
 * unpadSequences(padSequences([[5, 6, 7], [8]], 0)); // [[5, 6, 7], [8]]
 * ```
 */
export function unpadSequences(batch: EncodedBatch): number[][] {
  const [n, L] = batch.shape;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let k = 0; k < L; k++) if (batch.attentionMask[i * L + k] === 1) row.push(batch.inputIds[i * L + k] as number);
    out.push(row);
  }
  return out;
}

/**
 * The batch as two int32 tensors of shape [batch, length]. The caller owns and disposes them.
 *
 * @example
 * ```ts
 * const { inputIds, attentionMask } = encodedBatchToTensors(tokenizer.encodeBatch(texts, { maxLength: 64, truncation: true }));
 * tf.dispose([inputIds, attentionMask]);
 * ```
 */
export function encodedBatchToTensors(batch: EncodedBatch): { inputIds: tf.Tensor2D; attentionMask: tf.Tensor2D } {
  const where = 'encodedBatchToTensors';
  if (batch === null || typeof batch !== 'object' || !(batch.inputIds instanceof Int32Array) || !Array.isArray(batch.shape)) {
    throw new Error(`${where}: batch must come from encodeBatch or padSequences; got ${describe(batch)}`);
  }
  const inputIds = tf.tensor2d(batch.inputIds, batch.shape, 'int32');
  const attentionMask = tf.tensor2d(batch.attentionMask, batch.shape, 'int32');
  return { inputIds, attentionMask };
}
