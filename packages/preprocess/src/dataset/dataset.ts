import { getRng, Rng } from '@tessera/backend';
import { describe } from '../random_source.js';
import { epochSeed } from './epoch_seed.js';
import { disposeUnyielded, prefetchIterable } from './prefetch.js';
import { batchToTensor, type BatchTensors, type ToTensorsOptions } from './to_tensors.js';
import { zipIterables, type ZipLengths } from './zip.js';

/**
 * What a pipeline stage learns about the iteration it serves. `path` is `[epoch]`, extended
 * by one index per enclosing `repeat()` pass, and seeds every shuffle below it.
 *
 * @example
 * ```ts
 * fromGenerator(({ epoch, path }) => [epoch, path.length]);
 * ```
 */
export interface EpochContext {
  readonly epoch: number;
  readonly path: readonly number[];
}

/**
 * Opens one iteration of a pipeline for a given epoch.
 *
 * @example
 * ```ts
 * const open: DatasetOpener<number> = async function* ({ epoch }) { yield epoch; };
 * ```
 */
export type DatasetOpener<T> = (context: EpochContext) => AsyncIterable<T>;

/**
 * Opens one iteration as groups of elements (a file reader's natural unit). Group boundaries
 * carry no meaning; they only let `map`, `filter`, `shuffle`, `batch`, `take` and `skip`
 * work a group at a time instead of paying an async step per element.
 *
 * @example
 * ```ts
 * const chunks: ChunkOpener<number> = async function* () { yield [1, 2, 3]; yield [4, 5]; };
 * ```
 */
export type ChunkOpener<T> = (context: EpochContext) => AsyncIterable<readonly T[]>;

/**
 * A grouped source for the {@link Dataset} constructor.
 *
 * @example
 * ```ts
 * const ds = new Dataset({ chunks: async function* () { yield [1, 2, 3]; } });
 * ```
 */
export interface ChunkedSource<T> {
  chunks: ChunkOpener<T>;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function';
}

/** Groups made by a group-wise `map`: their elements were created by the pipeline. */
const mapped = new WeakSet<readonly unknown[]>();

function flatten<T>(chunks: ChunkOpener<T>): DatasetOpener<T> {
  return async function* (ctx) {
    for await (const c of chunks(ctx)) {
      let k = 0;
      try {
        for (; k < c.length; k++) yield c[k] as T;
      } finally {
        // A group-wise map computed the whole group ahead; tensors in the part the consumer
        // never received would otherwise outlive an early stop.
        if (k < c.length - 1 && mapped.has(c)) for (let r = k + 1; r < c.length; r++) disposeUnyielded(c[r]);
      }
    }
  };
}

/**
 * Options for {@link Dataset.iterate}.
 *
 * @example
 * ```ts
 * for await (const b of ds.iterate({ epoch: 3, skip: 10 })) train(b);
 * ```
 */
export interface IterateOptions {
  /** The epoch to run (shuffles use its seed). Default: the dataset's next epoch. */
  epoch?: number;
  /** Skip this many elements of that epoch first (they are still produced, then dropped). */
  skip?: number;
}

/**
 * Options for {@link Dataset.shuffle}.
 *
 * @example
 * ```ts
 * ds.shuffle(1000, 42, { reshuffleEachIteration: false });
 * ```
 */
export interface ShuffleOptions {
  /** Draw a new order each epoch (from `epochSeed(seed, epoch)`). Default true. */
  reshuffleEachIteration?: boolean;
}

/**
 * Options for {@link Dataset.batch}.
 *
 * @example
 * ```ts
 * ds.batch(32, { dropRemainder: true });
 * ```
 */
export interface BatchOptions {
  /** Drop a last batch smaller than `size` (at most `size - 1` elements per epoch). Default false. */
  dropRemainder?: boolean;
}

/**
 * Options for {@link Dataset.zip}.
 *
 * @example
 * ```ts
 * xs.zip(ys, { lengths: 'shortest' });
 * ```
 */
export interface ZipOptions {
  /** `'equal'` (default) throws when one dataset ends before another; `'shortest'` stops there. */
  lengths?: ZipLengths;
}

function checkCount(n: unknown, where: string, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new Error(`${where} must be an integer >= ${min}; got ${describe(n)}`);
  }
  return n;
}

/**
 * A lazy, re-iterable, async pipeline of elements, in the manner of `tf.data.Dataset`.
 * Nothing runs until it is iterated; memory is bounded by the buffers you ask for
 * (`shuffle`, `prefetch`, `batch`, `cache`).
 *
 * Epochs: each `for await` over the same `Dataset` object is a new epoch (0, 1, 2, ...), and
 * every `shuffle` below it draws its order from `epochSeed(seed, epoch)`, so epoch k's order
 * depends only on the seed and k. To resume at epoch k (say from a checkpoint), iterate
 * `ds.iterate({ epoch: k })` or loop over `ds.withEpoch(k)`; add `skip` to resume mid-epoch.
 *
 * Tensors: `toTensors()` converts each batch when the consumer pulls it; the consumer owns
 * (and disposes) what it receives. Elements that `prefetch` or a `map` computed ahead but the
 * consumer never received are disposed when iteration stops early (so do not prefetch tensors
 * you own elsewhere). Create tensors last, after `shuffle`, `batch` and `cache`: those buffers
 * are not disposed on an early stop.
 *
 * @example
 * ```ts
 * const ds = fromArray(rows).shuffle(1000, 42).batch(32).toTensors();
 * for await (const { x, y } of ds) {
 *   await train(x, y);
 *   tf.dispose([x, y]);
 * }
 * ```
 */
export class Dataset<T> implements AsyncIterable<T> {
  readonly #open: DatasetOpener<T>;
  readonly #chunks: ChunkOpener<T> | null;
  #nextEpoch: number;

  /**
   * Wraps an opener of elements, or `{ chunks }`, an opener of element groups (faster for
   * large sources). Most code uses the sources instead (`fromArray`, `fromGenerator`,
   * `fromCsv`, `fromJsonl`).
   *
   * @example
   * ```ts
   * const ds = new Dataset(async function* ({ epoch }) { yield epoch; });
   * const grouped = new Dataset({ chunks: async function* () { yield [1, 2, 3]; yield [4]; } });
   * ```
   */
  constructor(source: DatasetOpener<T> | ChunkedSource<T>, startEpoch = 0) {
    if (typeof source === 'function') {
      this.#open = source;
      this.#chunks = null;
    } else if (source !== null && typeof source === 'object' && typeof source.chunks === 'function') {
      this.#chunks = source.chunks;
      this.#open = flatten(source.chunks);
    } else {
      throw new Error(`Dataset: source must be an opener function or { chunks: opener }; got ${describe(source)}`);
    }
    this.#nextEpoch = checkCount(startEpoch, 'Dataset: startEpoch', 0);
  }

  /** The epoch the next `for await` over this object will run. */
  get nextEpoch(): number {
    return this.#nextEpoch;
  }

  /** Starts a new epoch (see the class notes). */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const epoch = this.#nextEpoch++;
    return this.iterate({ epoch })[Symbol.asyncIterator]();
  }

  /**
   * Iterates one given epoch without advancing this object's epoch counter.
   *
   * @example
   * ```ts
   * // resume epoch 3 after its first 10 batches
   * for await (const batch of ds.iterate({ epoch: 3, skip: 10 })) { ... }
   * ```
   */
  iterate(options: IterateOptions = {}): AsyncIterableIterator<T> {
    const epoch = checkCount(options.epoch ?? this.#nextEpoch, 'Dataset.iterate: options.epoch', 0);
    const skip = checkCount(options.skip ?? 0, 'Dataset.iterate: options.skip', 0);
    const source = (skip > 0 ? this.skip(skip) : this).#open({ epoch, path: [epoch] });
    const it = source[Symbol.asyncIterator]();
    return {
      next: () => it.next(),
      return: async (value?: unknown) => (it.return ? it.return(value) : { done: true, value: undefined }),
      [Symbol.asyncIterator]() {
        return this;
      },
    } as AsyncIterableIterator<T>;
  }

  /**
   * The same pipeline, whose first `for await` runs epoch `epoch` (then `epoch + 1`, ...).
   *
   * @example
   * ```ts
   * const resumed = ds.withEpoch(checkpoint.epoch);
   * ```
   */
  withEpoch(epoch: number): Dataset<T> {
    return new Dataset(this.#chunks ? { chunks: this.#chunks } : this.#open, checkCount(epoch, 'Dataset.withEpoch: epoch', 0));
  }

  /**
   * Applies `fn` to each element (`index` counts from 0 each epoch); `fn` may be async.
   *
   * @example
   * ```ts
   * const squares = fromArray([1, 2, 3]).map((x) => x * x);
   * ```
   */
  map<U>(fn: (value: T, index: number) => U | Promise<U>): Dataset<U> {
    if (typeof fn !== 'function') throw new Error(`Dataset.map: fn must be a function; got ${describe(fn)}`);
    const chunks = this.#chunks;
    if (chunks !== null) {
      return new Dataset<U>({
        chunks: async function* (ctx) {
          let i = 0;
          for await (const c of chunks(ctx)) {
            const out = new Array<U>(c.length);
            for (let k = 0; k < c.length; k++) {
              const r = fn(c[k] as T, i++);
              out[k] = isThenable(r) ? await r : (r as U);
            }
            mapped.add(out);
            yield out;
          }
        },
      });
    }
    const open = this.#open;
    return new Dataset(async function* (ctx) {
      let i = 0;
      for await (const x of open(ctx)) yield await fn(x, i++);
    });
  }

  /**
   * Keeps the elements for which `predicate` is true (the others are dropped, as asked).
   *
   * @example
   * ```ts
   * const evens = fromArray([1, 2, 3, 4]).filter((x) => x % 2 === 0);
   * ```
   */
  filter(predicate: (value: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    if (typeof predicate !== 'function') throw new Error(`Dataset.filter: predicate must be a function; got ${describe(predicate)}`);
    const chunks = this.#chunks;
    if (chunks !== null) {
      return new Dataset<T>({
        chunks: async function* (ctx) {
          let i = 0;
          for await (const c of chunks(ctx)) {
            const out: T[] = [];
            for (const x of c) {
              const r = predicate(x, i++);
              if (isThenable(r) ? await r : r) out.push(x);
            }
            if (mapped.has(c)) mapped.add(out);
            if (out.length > 0) yield out;
          }
        },
      });
    }
    const open = this.#open;
    return new Dataset(async function* (ctx) {
      let i = 0;
      for await (const x of open(ctx)) if (await predicate(x, i++)) yield x;
    });
  }

  /**
   * Shuffles with a buffer of `bufferSize` elements (tf.data's algorithm: a uniform pick from
   * the buffer, refilled from the source). A buffer at least as large as the dataset gives a
   * uniform permutation. The order is a function of `seed` and the epoch only.
   *
   * @param seed integer seed; default: drawn once from the process generator (`seed()`).
   * @example
   * ```ts
   * const ds = fromArray(items).shuffle(10_000, 42); // epoch 0, 1, ... each reshuffled
   * ```
   */
  shuffle(bufferSize: number, seed?: number, options: ShuffleOptions = {}): Dataset<T> {
    checkCount(bufferSize, 'Dataset.shuffle: bufferSize', 1);
    if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`Dataset.shuffle: seed must be an integer; got ${describe(seed)}`);
    const base = seed ?? getRng().nextSeed();
    const reshuffle = options.reshuffleEachIteration ?? true;
    // Always group-wise: each source group's elements are pushed through the buffer in one
    // synchronous pass, which yields exactly the element-wise algorithm's order.
    const chunks = this.#chunks ?? ((ctx: EpochContext) => singletons(this.#open(ctx)));
    return new Dataset<T>({
      chunks: async function* (ctx) {
        const rng = new Rng(reshuffle ? epochSeed(base, ...ctx.path) : base);
        const buffer: T[] = [];
        for await (const c of chunks(ctx)) {
          const out: T[] = [];
          for (const x of c) {
            if (buffer.length < bufferSize) {
              buffer.push(x);
              continue;
            }
            const j = rng.int(bufferSize);
            out.push(buffer[j] as T);
            buffer[j] = x;
          }
          if (out.length > 0) yield out;
        }
        const out: T[] = [];
        while (buffer.length > 0) {
          const j = rng.int(buffer.length);
          out.push(buffer[j] as T);
          buffer[j] = buffer[buffer.length - 1] as T;
          buffer.pop();
        }
        if (out.length > 0) yield out;
      },
    });
  }

  /**
   * Groups consecutive elements into arrays of `size`. The last batch of an epoch may be
   * smaller unless `dropRemainder` is set.
   *
   * @example
   * ```ts
   * await fromArray([1, 2, 3, 4, 5]).batch(2).toArray(); // [[1, 2], [3, 4], [5]]
   * ```
   */
  batch(size: number, options: BatchOptions = {}): Dataset<T[]> {
    checkCount(size, 'Dataset.batch: size', 1);
    const drop = options.dropRemainder ?? false;
    const chunks = this.#chunks ?? ((ctx: EpochContext) => singletons(this.#open(ctx)));
    // Batches come out one at a time (not grouped), so that what follows, toTensors() in
    // particular, runs only when the consumer pulls.
    return new Dataset(async function* (ctx) {
      let current: T[] = [];
      for await (const c of chunks(ctx)) {
        for (const x of c) {
          current.push(x);
          if (current.length === size) {
            const full = current;
            current = [];
            yield full;
          }
        }
      }
      if (current.length > 0 && !drop) yield current;
    });
  }

  /**
   * Produces up to `n` elements ahead of the consumer (overlaps reading with training).
   *
   * @example
   * ```ts
   * const ds = fromCsv('data.csv').batch(256).prefetch(2);
   * ```
   */
  prefetch(n: number): Dataset<T> {
    checkCount(n, 'Dataset.prefetch: n', 1);
    const open = this.#open;
    return new Dataset((ctx) => prefetchIterable(open(ctx), n));
  }

  /**
   * The first `n` elements of each epoch.
   *
   * @example
   * ```ts
   * const head = await ds.take(5).toArray();
   * ```
   */
  take(n: number): Dataset<T> {
    checkCount(n, 'Dataset.take: n', 0);
    const chunks = this.#chunks;
    if (chunks !== null) {
      return new Dataset<T>({
        chunks: async function* (ctx) {
          let left = n;
          if (left === 0) return;
          for await (const c of chunks(ctx)) {
            if (c.length >= left) {
              const head = c.slice(0, left);
              if (mapped.has(c)) {
                mapped.add(head);
                for (let r = left; r < c.length; r++) disposeUnyielded(c[r]);
              }
              yield head;
              return;
            }
            left -= c.length;
            yield c;
          }
        },
      });
    }
    const open = this.#open;
    return new Dataset(async function* (ctx) {
      if (n === 0) return;
      let i = 0;
      for await (const x of open(ctx)) {
        yield x;
        if (++i >= n) return;
      }
    });
  }

  /**
   * All but the first `n` elements of each epoch.
   *
   * @example
   * ```ts
   * const rest = ds.skip(100);
   * ```
   */
  skip(n: number): Dataset<T> {
    checkCount(n, 'Dataset.skip: n', 0);
    const chunks = this.#chunks;
    if (chunks !== null) {
      return new Dataset<T>({
        chunks: async function* (ctx) {
          let left = n;
          for await (const c of chunks(ctx)) {
            const owned = mapped.has(c);
            if (left >= c.length) {
              left -= c.length;
              if (owned) c.forEach(disposeUnyielded);
              continue;
            }
            if (left > 0) {
              const tail = c.slice(left);
              if (owned) {
                mapped.add(tail);
                for (let r = 0; r < left; r++) disposeUnyielded(c[r]);
              }
              yield tail;
            } else yield c;
            left = 0;
          }
        },
      });
    }
    const open = this.#open;
    return new Dataset(async function* (ctx) {
      let i = 0;
      for await (const x of open(ctx)) if (i++ >= n) yield x;
    });
  }

  /**
   * Runs the pipeline `count` times in a row (forever when omitted). Each pass reshuffles,
   * with the pass index appended to the epoch path. An empty pass ends the repetition.
   *
   * @example
   * ```ts
   * const three = fromArray([1, 2]).repeat(3); // 1 2 1 2 1 2
   * ```
   */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) checkCount(count, 'Dataset.repeat: count', 0);
    const chunks = this.#chunks ?? ((ctx: EpochContext) => singletons(this.#open(ctx)));
    return new Dataset<T>({
      chunks: async function* (ctx) {
        for (let r = 0; count === undefined || r < count; r++) {
          let any = false;
          for await (const c of chunks({ epoch: ctx.epoch, path: [...ctx.path, r] })) {
            if (c.length === 0) continue;
            any = true;
            yield c;
          }
          if (!any) return;
        }
      },
    });
  }

  /**
   * This dataset's elements, then `other`'s.
   *
   * @example
   * ```ts
   * const all = train.concatenate(extra);
   * ```
   */
  concatenate<U>(other: Dataset<U>): Dataset<T | U> {
    if (!(other instanceof Dataset)) throw new Error(`Dataset.concatenate: other must be a Dataset; got ${describe(other)}`);
    const a = this.#chunks;
    const b = other.#chunks;
    if (a !== null && b !== null) {
      return new Dataset<T | U>({
        chunks: async function* (ctx) {
          yield* a(ctx);
          yield* b(ctx);
        },
      });
    }
    const oa = this.#open;
    const ob = other.#open;
    return new Dataset<T | U>(async function* (ctx) {
      yield* oa(ctx);
      yield* ob(ctx);
    });
  }

  /**
   * Pairs this dataset's elements with `other`'s: `[a, b]` per step.
   *
   * @example
   * ```ts
   * const pairs = images.zip(labels); // throws if their lengths differ
   * ```
   */
  zip<U>(other: Dataset<U>, options: ZipOptions = {}): Dataset<[T, U]> {
    return Dataset.zip([this, other] as const, options) as Dataset<[T, U]>;
  }

  /**
   * Zips an array of datasets into tuples, or a record of datasets into records.
   *
   * @example
   * ```ts
   * const ds = Dataset.zip({ x: features, y: labels }).batch(32).toTensors();
   * ```
   */
  static zip<const D extends readonly Dataset<unknown>[] | Readonly<Record<string, Dataset<unknown>>>>(
    datasets: D,
    options: ZipOptions = {},
  ): Dataset<{ -readonly [K in keyof D]: D[K] extends Dataset<infer V> ? V : never }> {
    const lengths = options.lengths ?? 'equal';
    if (lengths !== 'equal' && lengths !== 'shortest') {
      throw new Error(`Dataset.zip: options.lengths must be 'equal' or 'shortest'; got ${describe(lengths)}`);
    }
    if (datasets === null || typeof datasets !== 'object') {
      throw new Error(`Dataset.zip: datasets must be an array or a record of Datasets; got ${describe(datasets)}`);
    }
    const isArray = Array.isArray(datasets);
    const keys = isArray ? [] : Object.keys(datasets);
    const list: Dataset<unknown>[] = isArray ? [...(datasets as readonly Dataset<unknown>[])] : keys.map((k) => (datasets as Record<string, Dataset<unknown>>)[k] as Dataset<unknown>);
    if (list.length === 0) throw new Error('Dataset.zip: datasets is empty; give at least one');
    list.forEach((d, i) => {
      if (!(d instanceof Dataset)) throw new Error(`Dataset.zip: datasets[${isArray ? i : JSON.stringify(keys[i])}] is not a Dataset; got ${describe(d)}`);
    });
    const opens = list.map((d) => d.#open);
    type Out = { -readonly [K in keyof D]: D[K] extends Dataset<infer V> ? V : never };
    return new Dataset<Out>(async function* (ctx) {
      for await (const values of zipIterables(opens.map((o) => o(ctx)), lengths)) {
        if (isArray) yield values as Out;
        else yield Object.fromEntries(keys.map((k, i) => [k, values[i]])) as Out;
      }
    });
  }

  /**
   * Keeps the elements of the first complete epoch in memory and replays them afterwards
   * (an epoch stopped early is not cached). Shuffles above `cache()` still reshuffle; those
   * below it are frozen at their first order.
   *
   * @example
   * ```ts
   * const ds = fromCsv('small.csv').map(parse).cache().shuffle(1000, 1);
   * ```
   */
  cache(): Dataset<T> {
    const chunks = this.#chunks ?? ((ctx: EpochContext) => singletons(this.#open(ctx)));
    let cached: (readonly T[])[] | null = null;
    return new Dataset<T>({
      chunks: async function* (ctx) {
        if (cached !== null) {
          yield* cached;
          return;
        }
        const buffer: (readonly T[])[] = [];
        for await (const c of chunks(ctx)) {
          buffer.push(c);
          yield c;
        }
        cached = buffer;
      },
    });
  }

  /**
   * Converts each batch to tensors with {@link batchToTensor} when the consumer pulls it.
   * The consumer owns each result and disposes it (`tf.dispose(batch)`).
   *
   * @example
   * ```ts
   * for await (const { x, y } of Dataset.zip({ x: xs, y: ys }).batch(64).toTensors()) {
   *   ...;
   *   tf.dispose([x, y]);
   * }
   * ```
   */
  toTensors<E>(this: Dataset<readonly E[]>, options: ToTensorsOptions = {}): Dataset<BatchTensors<E>> {
    const open = this.#open;
    // Element by element whatever the source, so that a batch is converted only when pulled.
    return new Dataset(async function* (ctx) {
      for await (const b of open(ctx)) yield batchToTensor<E>(b, options);
    });
  }

  /**
   * Collects one epoch into an array (for small data and tests).
   *
   * @example
   * ```ts
   * const all = await fromArray([1, 2, 3]).map((x) => x + 1).toArray(); // [2, 3, 4]
   * ```
   */
  async toArray(options: IterateOptions = {}): Promise<T[]> {
    const out: T[] = [];
    const it = options.epoch === undefined && options.skip === undefined ? this : this.iterate(options);
    for await (const x of it) out.push(x);
    return out;
  }
}

/** One-element groups from an element stream, for the group-wise stages. */
async function* singletons<T>(source: AsyncIterable<T>): AsyncGenerator<readonly T[], void, undefined> {
  for await (const x of source) yield [x];
}
