import { describe, expect, it, beforeAll } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { Dataset } from './dataset.js';
import { fromArray } from './from_array.js';
import { batchToTensor } from './to_tensors.js';

describe.each(['cpu', 'wasm'] as const)('batchToTensor on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('stacks numbers, nested arrays and typed arrays', async () => {
    await expectNoLeaks(() => {
      const a = batchToTensor([1, 2, 3]);
      expect(a.shape).toEqual([3]);
      expect(a.dtype).toBe('float32');
      const b = batchToTensor([[[1, 2]], [[3, 4]]]);
      expect(b.shape).toEqual([2, 1, 2]);
      expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
      const c = batchToTensor([Int32Array.of(1, 2), Int32Array.of(3, 4)]);
      expect(c.dtype).toBe('int32');
      const d = batchToTensor([new Float32Array(6).fill(1), new Float32Array(6)], { shape: [2, 3, 1] });
      expect(d.shape).toEqual([2, 2, 3, 1]);
      expect(tf.tidy(() => tf.sum(d).dataSync()[0])).toBe(6);
      const e = batchToTensor([true, false]);
      expect(e.dtype).toBe('bool');
      tf.dispose([a, b, c, d, e]);
    });
  });

  it('turns records into records of tensors, with per-field dtype', async () => {
    await expectNoLeaks(() => {
      const out = batchToTensor([{ x: [1, 2], y: 1, meta: { w: 0.5 } }, { x: [3, 4], y: 0, meta: { w: 2 } }], { dtype: { y: 'int32' } });
      expect(out.x.shape).toEqual([2, 2]);
      expect(out.y.dtype).toBe('int32');
      expect(Array.from(out.y.dataSync())).toEqual([1, 0]);
      expect(Array.from(out.meta.w.dataSync())).toEqual([0.5, 2]);
      tf.dispose(out);
    });
  });

  it('stacks tensors without taking ownership of them', async () => {
    const parts = [tf.tensor1d([1, 2]), tf.tensor1d([3, 4])];
    await expectNoLeaks(() => {
      const s = batchToTensor(parts);
      expect(s.shape).toEqual([2, 2]);
      s.dispose();
    });
    expect(parts.every((p) => !p.isDisposed)).toBe(true);
    tf.dispose(parts);
  });

  it('names the bad element and leaves nothing allocated on error', async () => {
    await expectNoLeaks(() => {
      expect(() => batchToTensor([[1, 2], [3]])).toThrow('batchToTensor: element 1 has shape [1] but element 0 has [2]');
      expect(() => batchToTensor([{ x: [1], y: 1 }, { x: [2] }])).toThrow('batchToTensor: element 1 has no field "y" but element 0 has');
      expect(() => batchToTensor([{ x: [1], y: 'a' }])).toThrow(/element 0 \(y\)/);
      expect(() => batchToTensor([])).toThrow('batchToTensor: batch is empty');
      expect(() => batchToTensor([new Float32Array(5)], { shape: [2, 3] })).toThrow('shape [2, 3] holds 6 values but element 0 has 5');
    });
  });

  it('toTensors converts lazily; the consumer owns each batch; no leaks over an epoch', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ x: [i, i + 1, i + 2], y: i % 2 }));
    const ds = fromArray(rows).shuffle(10, 1).batch(4).toTensors({ dtype: { y: 'int32' } });
    await expectNoLeaks(async () => {
      const shapes: number[][] = [];
      for await (const { x, y } of ds) {
        shapes.push(x.shape);
        expect(y.dtype).toBe('int32');
        tf.dispose([x, y]);
      }
      expect(shapes).toEqual([[4, 3], [4, 3], [2, 3]]);
    });
  });

  it('a map that makes tensors group-wise disposes what the consumer never received', async () => {
    const ds = fromArray(Array.from({ length: 50 }, (_, i) => i)).map((i) => tf.scalar(i));
    await expectNoLeaks(async () => {
      for await (const t of ds) {
        t.dispose();
        if (t.id >= 0) break;
      }
      for await (const t of ds.skip(5).take(3)) t.dispose();
      for await (const t of ds.filter(() => true).take(2)) t.dispose();
    });
  });

  it('prefetch disposes batches it read ahead when the consumer stops early', async () => {
    const ds = Dataset.zip({ x: fromArray(Array.from({ length: 40 }, (_, i) => [i])), y: fromArray(Array.from({ length: 40 }, (_, i) => i)) })
      .batch(2)
      .toTensors()
      .prefetch(3);
    await expectNoLeaks(async () => {
      for await (const b of ds) {
        tf.dispose(b);
        break;
      }
    });
  });
});
