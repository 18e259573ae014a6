/**
 * Training data: tensors (the trainer batches and shuffles them per epoch from the seed) or any
 * iterable of batches, such as a `@tessera/preprocess` Dataset (matched structurally). An
 * epoch-aware dataset (`iterate({ epoch })`) gets the epoch number, so a resumed run sees the
 * same order as an uninterrupted one.
 */
import { tf, Rng } from '@tessera/backend';
import { fail, show, isTensorLike } from './internal/errors.js';
import { deriveSeed, SHUFFLE_STREAM } from './internal/seed.js';

/**
 * One batch: model input(s), targets, and an optional sequence mask.
 *
 * @example
 * ```ts
 * const b: Batch = { xs: tf.zeros([8, 4]), ys: tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32') };
 * ```
 */
export interface Batch {
  xs: tf.Tensor | tf.Tensor[];
  ys: tf.Tensor;
  mask?: tf.Tensor;
}

/**
 * Whole tensors; `fit` batches them (`batchSize`) and shuffles per epoch from `seed + epoch`.
 *
 * @example
 * ```ts
 * const data: TensorData = { x: tf.randomNormal([100, 4]), y: tf.tensor1d(labels, 'int32') };
 * ```
 */
export interface TensorData {
  x: tf.Tensor | tf.Tensor[];
  y: tf.Tensor;
}

/**
 * A source of batches, re-iterated every epoch: an async or sync iterable (a
 * `@tessera/preprocess` Dataset is one), optionally epoch-aware through `iterate({ epoch })`, or
 * a function of the epoch.
 *
 * @example
 * ```ts
 * const source: BatchSource = (epoch) => makeBatches(epoch);
 * const ds: BatchSource = dataset.map(({ x, y }) => ({ xs: x, ys: y })); // preprocess Dataset
 * ```
 */
export type BatchSource =
  | AsyncIterable<Batch>
  | Iterable<Batch>
  | { iterate(options: { epoch: number }): AsyncIterable<Batch> | Iterable<Batch> }
  | ((epoch: number) => AsyncIterable<Batch> | Iterable<Batch>);

/**
 * What `fit`, `evaluate` and `predict` accept.
 *
 * @example
 * ```ts
 * const d: TrainData = { x, y };
 * ```
 */
export type TrainData = TensorData | BatchSource;

/** One batch as the loop sees it; `owned` batches are disposed by the trainer after use. */
export interface LoopBatch extends Batch {
  size: number;
  owned: boolean;
}

/** An opened epoch: batches, and the number of batches when known in advance. */
export interface OpenedEpoch {
  batches: AsyncIterable<LoopBatch>;
  steps: number | null;
  samples: number | null;
}

/** True for `{ x, y }` tensor data. */
export function isTensorData(d: unknown): d is TensorData {
  return typeof d === 'object' && d !== null && 'x' in d && 'y' in d && isTensorLike((d as TensorData).y);
}

/** Validates tensor data and returns its sample count. */
export function checkTensorData(fn: string, arg: string, d: TensorData): number {
  const xs = Array.isArray(d.x) ? d.x : [d.x];
  if (xs.length === 0) fail(fn, `${arg}.x`, 'be a tensor or a non-empty array of tensors', 'an empty array');
  xs.forEach((x, i) => {
    if (!isTensorLike(x)) fail(fn, Array.isArray(d.x) ? `${arg}.x[${i}]` : `${arg}.x`, 'be a tensor', show(x));
    if ((x as tf.Tensor).isDisposed) fail(fn, `${arg}.x`, 'be a live tensor', 'a disposed tensor');
  });
  if ((d.y as tf.Tensor).isDisposed) fail(fn, `${arg}.y`, 'be a live tensor', 'a disposed tensor');
  const n = d.y.shape[0];
  if (d.y.rank === 0 || n === undefined || n === 0) fail(fn, `${arg}.y`, 'have at least one sample (shape [n, ...])', `shape [${d.y.shape.join(', ')}]`);
  xs.forEach((x, i) => {
    if (x.shape[0] !== n) fail(fn, Array.isArray(d.x) ? `${arg}.x[${i}]` : `${arg}.x`, `have ${n} samples like ${arg}.y`, `shape [${x.shape.join(', ')}]`);
  });
  return n;
}

/** Validates a batch from an iterable and returns its size. */
export function checkBatch(fn: string, arg: string, b: unknown, index: number): number {
  const bb = b as Partial<Batch> | null;
  if (typeof bb !== 'object' || bb === null || !('xs' in bb) || !('ys' in bb)) {
    fail(fn, `${arg} batch ${index}`, 'be an object { xs, ys } of tensors', show(b));
  }
  if (!isTensorLike(bb.ys)) fail(fn, `${arg} batch ${index}.ys`, 'be a tensor', show(bb.ys));
  const xs = Array.isArray(bb.xs) ? bb.xs : [bb.xs];
  const n = (bb.ys as tf.Tensor).shape[0];
  xs.forEach((x) => {
    if (!isTensorLike(x)) fail(fn, `${arg} batch ${index}.xs`, 'be a tensor or an array of tensors', show(x));
    if (x.shape[0] !== n) fail(fn, `${arg} batch ${index}.xs`, `have ${String(n)} samples like ys`, `shape [${x.shape.join(', ')}]`);
  });
  if (n === undefined || n === 0) fail(fn, `${arg} batch ${index}.ys`, 'hold at least one sample', `shape [${(bb.ys as tf.Tensor).shape.join(', ')}]`);
  return n;
}

function takeRows(t: tf.Tensor, idx: tf.Tensor1D | null, start: number, size: number): tf.Tensor {
  return idx ? tf.gather(t, idx) : tf.slice(t, [start], [size]);
}

/** Opens one epoch of `data`. */
export function openEpoch(
  fn: string,
  arg: string,
  data: TrainData,
  epoch: number,
  opts: { batchSize: number; shuffle: boolean; seed: number; disposeBatches?: boolean },
): OpenedEpoch {
  if (isTensorData(data)) {
    const n = checkTensorData(fn, arg, data);
    const steps = Math.ceil(n / opts.batchSize);
    const order = opts.shuffle ? new Rng(deriveSeed(opts.seed, SHUFFLE_STREAM, epoch)).permutation(n) : null;
    const xs = Array.isArray(data.x) ? data.x : [data.x];
    const multi = Array.isArray(data.x);
    const y = data.y;
    async function* gen(): AsyncGenerator<LoopBatch> {
      for (let s = 0; s < steps; s++) {
        const start = s * opts.batchSize;
        const size = Math.min(opts.batchSize, n - start);
        const batch = tf.tidy(() => {
          const idx = order ? tf.tensor1d(order.slice(start, start + size), 'int32') : null;
          const bx = xs.map((x) => takeRows(x, idx, start, size));
          return { xs: multi ? bx : (bx[0] as tf.Tensor), ys: takeRows(y, idx, start, size) };
        });
        yield { ...batch, size, owned: true };
      }
    }
    return { batches: gen(), steps, samples: n };
  }
  let source: AsyncIterable<Batch> | Iterable<Batch>;
  const d = data as Record<string | symbol, unknown>;
  if (typeof data === 'function') {
    source = data(epoch);
  } else if (typeof data === 'object' && data !== null && typeof d.iterate === 'function') {
    source = (data as { iterate(o: { epoch: number }): AsyncIterable<Batch> | Iterable<Batch> }).iterate({ epoch });
  } else {
    source = data as AsyncIterable<Batch> | Iterable<Batch>;
  }
  const s = source as unknown as Record<symbol, unknown> | null;
  if (typeof s !== 'object' || s === null || (typeof s[Symbol.asyncIterator] !== 'function' && typeof s[Symbol.iterator] !== 'function')) {
    fail(fn, arg, 'be tensors { x, y }, an iterable of { xs, ys } batches, a dataset with iterate({ epoch }) or a function of the epoch', show(source));
  }
  const owned = opts.disposeBatches ?? !Array.isArray(source);
  async function* wrap(): AsyncGenerator<LoopBatch> {
    let i = 0;
    for await (const b of source as AsyncIterable<Batch>) {
      const size = checkBatch(fn, arg, b, i++);
      yield { xs: b.xs, ys: b.ys, ...(b.mask ? { mask: b.mask } : {}), size, owned };
    }
  }
  return { batches: wrap(), steps: Array.isArray(source) ? source.length : null, samples: null };
}

/** Disposes a batch's tensors. */
export function disposeBatch(b: Batch): void {
  tf.dispose(Array.isArray(b.xs) ? b.xs : [b.xs]);
  tf.dispose(b.ys);
  if (b.mask) tf.dispose(b.mask);
}
