import { describe, expect, it } from 'vitest';
import { Rng } from '@tessera/backend';
import { Dataset } from './dataset.js';
import { epochSeed } from './epoch_seed.js';
import { fromArray } from './from_array.js';
import { fromGenerator } from './from_generator.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Dataset basics', () => {
  it('is lazy: nothing runs until iterated', async () => {
    let calls = 0;
    const ds = fromGenerator(function* () {
      calls++;
      yield 1;
    }).map((x) => x + 1);
    expect(calls).toBe(0);
    expect(await ds.toArray()).toEqual([2]);
    expect(calls).toBe(1);
  });

  it('map (sync and async), filter, take, skip, concatenate', async () => {
    const ds = fromArray(range(10));
    expect(await ds.map((x, i) => x * 10 + i).take(3).toArray()).toEqual([0, 11, 22]);
    expect(await ds.map(async (x) => x * 2).filter(async (x) => x % 4 === 0).toArray()).toEqual([0, 4, 8, 12, 16]);
    expect(await ds.skip(7).toArray()).toEqual([7, 8, 9]);
    expect(await ds.take(0).toArray()).toEqual([]);
    expect(await ds.take(2).concatenate(fromArray(['a'])).toArray()).toEqual([0, 1, 'a']);
  });

  it('batch boundaries are exact, with and without dropRemainder', async () => {
    expect(await fromArray(range(7)).batch(3).toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(await fromArray(range(7)).batch(3, { dropRemainder: true }).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(await fromArray(range(6)).batch(3).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(await fromArray(range(2)).batch(5, { dropRemainder: true }).toArray()).toEqual([]);
  });

  it('repeat runs the pipeline count times, forever when omitted, and stops on an empty pass', async () => {
    expect(await fromArray([1, 2]).repeat(3).toArray()).toEqual([1, 2, 1, 2, 1, 2]);
    expect(await fromArray([1, 2]).repeat().take(5).toArray()).toEqual([1, 2, 1, 2, 1]);
    expect(await fromArray([]).repeat().toArray()).toEqual([]);
    // Batches span repetitions, as in tf.data when batch comes after repeat.
    expect(await fromArray([1, 2, 3]).repeat(2).batch(4).toArray()).toEqual([[1, 2, 3, 1], [2, 3]]);
  });

  it('zip pairs elements, refuses unequal lengths unless asked, and zips records', async () => {
    expect(await fromArray([1, 2]).zip(fromArray(['a', 'b'])).toArray()).toEqual([[1, 'a'], [2, 'b']]);
    await expect(fromArray([1, 2, 3]).zip(fromArray(['a'])).toArray()).rejects.toThrow(
      /zip: dataset 1 ended after 1 elements but dataset 0 has more; pass \{ lengths: 'shortest' \}/,
    );
    expect(await fromArray([1, 2, 3]).zip(fromArray(['a']), { lengths: 'shortest' }).toArray()).toEqual([[1, 'a']]);
    const rec = Dataset.zip({ x: fromArray([[1, 2]]), y: fromArray([0]) });
    expect(await rec.toArray()).toEqual([{ x: [1, 2], y: 0 }]);
    expect(await fromArray([1, 2]).zip(fromArray([0]).repeat(), { lengths: 'shortest' }).toArray()).toEqual([[1, 0], [2, 0]]);
  });

  it('stops upstream sources when the consumer stops early', async () => {
    let closed = 0;
    const ds = fromGenerator(function* () {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed++;
      }
    });
    for await (const x of ds.map((v) => v).prefetch(3)) if (x === 5) break;
    expect(closed).toBe(1);
    expect(await ds.zip(fromArray([1, 2]), { lengths: 'shortest' }).toArray()).toHaveLength(2);
    expect(closed).toBe(2);
  });

  it('cache replays the first complete epoch and does not cache an abandoned one', async () => {
    let runs = 0;
    const ds = fromGenerator(function* () {
      runs++;
      yield* [1, 2, 3];
    }).cache();
    for await (const x of ds) if (x === 2) break;
    expect(await ds.toArray()).toEqual([1, 2, 3]);
    expect(await ds.toArray()).toEqual([1, 2, 3]);
    expect(runs).toBe(2);
  });

  it('prefetch keeps order and passes errors through at their position', async () => {
    expect(await fromArray(range(50)).prefetch(4).toArray()).toEqual(range(50));
    const failing = fromGenerator(async function* () {
      yield 1;
      yield 2;
      throw new Error('source broke');
    }).prefetch(5);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const x of failing) seen.push(x);
      })(),
    ).rejects.toThrow('source broke');
    expect(seen).toEqual([1, 2]);
  });

  it('validates arguments, naming them', () => {
    const ds = fromArray([1]);
    expect(() => ds.batch(0)).toThrow('Dataset.batch: size must be an integer >= 1; got 0');
    expect(() => ds.shuffle(1.5)).toThrow('Dataset.shuffle: bufferSize must be an integer >= 1; got 1.5');
    expect(() => ds.shuffle(10, 0.5)).toThrow('Dataset.shuffle: seed must be an integer; got 0.5');
    expect(() => ds.prefetch(-1)).toThrow('Dataset.prefetch: n must be an integer >= 1');
    expect(() => ds.take(-1)).toThrow('Dataset.take: n must be an integer >= 0');
    expect(() => ds.map(5 as never)).toThrow('Dataset.map: fn must be a function');
    expect(() => ds.iterate({ epoch: -1 })).toThrow('Dataset.iterate: options.epoch must be an integer >= 0');
    expect(() => fromArray('abc' as never)).toThrow(/fromArray: items must be an array/);
    expect(() => Dataset.zip([])).toThrow('Dataset.zip: datasets is empty');
  });
});

describe('Dataset shuffling and epochs', () => {
  const n = 100;
  const pipeline = () => fromArray(range(n)).shuffle(16, 1234).batch(10);

  it('is deterministic across separately built pipelines (same seed, same order)', async () => {
    const a = pipeline();
    const b = pipeline();
    expect(await collect(a)).toEqual(await collect(b));
    expect(await collect(a)).toEqual(await collect(b)); // epoch 1 too
  });

  it('reshuffles each epoch, and each epoch is a permutation of the data', async () => {
    const ds = pipeline();
    const e0 = (await collect(ds)).flat();
    const e1 = (await collect(ds)).flat();
    expect(e0).not.toEqual(e1);
    expect([...e0].sort((x, y) => x - y)).toEqual(range(n));
    expect([...e1].sort((x, y) => x - y)).toEqual(range(n));
    expect(ds.nextEpoch).toBe(2);
  });

  it("makes epoch k's order reproducible on its own (iterate, withEpoch, skip)", async () => {
    const ds = pipeline();
    const epochs = [];
    for (let e = 0; e < 4; e++) epochs.push(await collect(ds));
    const fresh = pipeline();
    expect(await collect(fresh.iterate({ epoch: 3 }))).toEqual(epochs[3]);
    expect(fresh.nextEpoch).toBe(0); // iterate does not advance the counter
    const resumed = pipeline().withEpoch(2);
    expect(await collect(resumed)).toEqual(epochs[2]);
    expect(await collect(resumed)).toEqual(epochs[3]);
    expect(await collect(pipeline().iterate({ epoch: 1, skip: 7 }))).toEqual(epochs[1]!.slice(7));
  });

  it('implements the buffered algorithm: a buffer of 1 keeps order; a full buffer matches a reference', async () => {
    expect(await fromArray(range(20)).shuffle(1, 5).toArray()).toEqual(range(20));
    // Reference: tf.data's buffer shuffle written out with the documented epoch seed.
    const ref = (bufferSize: number, seed: number, epoch: number) => {
      const rng = new Rng(epochSeed(seed, epoch));
      const buf: number[] = [];
      const out: number[] = [];
      for (const x of range(30)) {
        if (buf.length < bufferSize) buf.push(x);
        else {
          const j = rng.int(bufferSize);
          out.push(buf[j]!);
          buf[j] = x;
        }
      }
      while (buf.length) {
        const j = rng.int(buf.length);
        out.push(buf[j]!);
        buf[j] = buf[buf.length - 1]!;
        buf.pop();
      }
      return out;
    };
    const ds = fromArray(range(30)).shuffle(8, 77);
    expect(await ds.toArray()).toEqual(ref(8, 77, 0));
    expect(await ds.toArray()).toEqual(ref(8, 77, 1));
  });

  it('gives the same order from grouped (array) and element (generator) sources', async () => {
    const grouped = fromArray(range(300)).shuffle(50, 8).batch(7);
    const single = fromGenerator(() => range(300)).shuffle(50, 8).batch(7);
    expect(await grouped.toArray()).toEqual(await single.toArray());
    expect(await grouped.map((b) => b.length).filter((l) => l > 6).skip(2).take(3).toArray()).toEqual([7, 7, 7]);
  });

  it('keeps one order with reshuffleEachIteration: false', async () => {
    const ds = fromArray(range(30)).shuffle(30, 3, { reshuffleEachIteration: false });
    expect(await ds.toArray()).toEqual(await ds.toArray());
  });

  it('reshuffles each pass of repeat, reproducibly', async () => {
    const ds = fromArray(range(10)).shuffle(10, 9).repeat(2);
    const e0 = await ds.toArray();
    expect(e0.slice(0, 10)).not.toEqual(e0.slice(10));
    expect(await fromArray(range(10)).shuffle(10, 9).repeat(2).toArray()).toEqual(e0);
  });

  it('passes the epoch to generators', async () => {
    const ds = fromGenerator(({ epoch }) => [epoch]);
    expect(await ds.toArray()).toEqual([0]);
    expect(await ds.toArray()).toEqual([1]);
    expect(await ds.toArray({ epoch: 7 })).toEqual([7]);
  });

  it('derives unrelated epoch seeds and validates them', () => {
    const seeds = new Set(range(1000).map((e) => epochSeed(42, e)));
    expect(seeds.size).toBe(1000);
    expect(epochSeed(42, 1)).not.toBe(epochSeed(43, 1));
    expect(epochSeed(42, 1, 0)).not.toBe(epochSeed(42, 1));
    expect(() => epochSeed(1.5, 0)).toThrow('epochSeed: seed must be an integer');
  });
});
