import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashTensor, hashTensors, isTensorLike, type TensorLike } from './tensor_fingerprint.js';

// Shaped like tfjs Tensors (dtype, shape, dataSync/data), as @tessera/backend hands them out.
const syncTensor = (dtype: string, shape: number[], values: ArrayLike<number> | string[]): TensorLike => ({
  dtype,
  shape,
  dataSync: () => values as ArrayLike<number>,
});
const asyncTensor = (dtype: string, shape: number[], values: ArrayLike<number>): TensorLike => ({
  dtype,
  shape,
  data: async () => values,
});

// Independent reference: the documented layout, hashed with node:crypto.
function reference(dtype: string, shape: number[], bytes: Uint8Array): string {
  const header = `${JSON.stringify({ dtype, shape })}\n`;
  return `sha256:${createHash('sha256').update(header).update(bytes).digest('hex')}`;
}

describe('hashTensor', () => {
  it('hashes dtype, shape and little-endian values', async () => {
    const f = new Float32Array([1.5, -2, 3.25, 0, 1e-8, 7]);
    expect(await hashTensor(syncTensor('float32', [2, 3], f))).toBe(reference('float32', [2, 3], new Uint8Array(f.buffer)));
    const i = new Int32Array([1, -2, 3]);
    expect(await hashTensor(asyncTensor('int32', [3], i))).toBe(reference('int32', [3], new Uint8Array(i.buffer)));
  });

  it('differs when only the shape or dtype differs', async () => {
    const v = new Float32Array([1, 2, 3, 4, 5, 6]);
    const a = await hashTensor(syncTensor('float32', [2, 3], v));
    expect(await hashTensor(syncTensor('float32', [3, 2], v))).not.toBe(a);
    expect(await hashTensor(syncTensor('int32', [2, 3], new Int32Array([1, 2, 3, 4, 5, 6])))).not.toBe(a);
    expect(await hashTensor(syncTensor('float32', [2, 3], new Float32Array([1, 2, 3, 4, 5, 6.0001])))).not.toBe(a);
  });

  it('gives the same hash whichever typed array a backend returns', async () => {
    const a = await hashTensor(syncTensor('float32', [3], new Float32Array([1, 2, 3])));
    expect(await hashTensor(syncTensor('float32', [3], [1, 2, 3]))).toBe(a);
    const b = await hashTensor(syncTensor('bool', [3], new Uint8Array([1, 0, 1])));
    expect(await hashTensor(syncTensor('bool', [3], new Int32Array([5, 0, 1])))).toBe(b);
    expect(b).toBe(reference('bool', [3], new Uint8Array([1, 0, 1])));
  });

  it('hashes string tensors with length-prefixed UTF-8 values', async () => {
    const parts: number[] = [];
    for (const s of ['hé', '']) {
      const bytes = Buffer.from(s, 'utf8');
      parts.push(bytes.length, 0, 0, 0, ...bytes);
    }
    const expected = reference('string', [2], new Uint8Array(parts));
    expect(await hashTensor(syncTensor('string', [2], ['hé', '']))).toBe(expected);
    expect(await hashTensor({ dtype: 'string', shape: [2], dataSync: () => [Buffer.from('hé'), new Uint8Array()] })).toBe(expected);
  });

  it('hashes complex64 as interleaved float32 pairs', async () => {
    const v = new Float32Array([1, 2, 3, 4]);
    expect(await hashTensor(syncTensor('complex64', [2], v))).toBe(reference('complex64', [2], new Uint8Array(v.buffer)));
  });

  it('rejects what is not a well-formed tensor, saying what came', async () => {
    await expect(hashTensor([1, 2] as never)).rejects.toThrow('hashTensor: tensor must have dtype, shape and dataSync() or data(), got an array of 2 items');
    await expect(hashTensor(syncTensor('float64', [1], [1]))).rejects.toThrow("tensor.dtype must be one of float32, int32, bool, complex64, string, got 'float64'");
    await expect(hashTensor(syncTensor('float32', [2, -1], [1]))).rejects.toThrow('tensor.shape[1] must be a non-negative integer, got the number -1');
    await expect(hashTensor(syncTensor('float32', [2, 3], new Float32Array(5)))).rejects.toThrow(
      'tensor.shape [2, 3] implies 6 values (dtype float32) but its data has 5',
    );
    await expect(hashTensor(syncTensor('int32', [1], [1.5]))).rejects.toThrow('is int32 but value 0 is the number 1.5');
  });

  it('hashTensors depends on every tensor and their order', async () => {
    const a = syncTensor('float32', [1], [1]);
    const b = syncTensor('float32', [1], [2]);
    const ab = await hashTensors([a, b]);
    expect(await hashTensors([b, a])).not.toBe(ab);
    expect(await hashTensors([a, b])).toBe(ab);
    await expect(hashTensors([a, { dtype: 'float32' } as never])).rejects.toThrow('tensors[1] must have dtype');
  });

  it('hashTensors takes named tensors as @tessera/trainer models return them, names included', async () => {
    const a = syncTensor('float32', [1], [1]);
    const named = await hashTensors([{ name: 'dense/kernel', tensor: a }]);
    expect(named).not.toBe(await hashTensors([a]));
    expect(named).not.toBe(await hashTensors([{ name: 'dense/bias', tensor: a }]));
    expect(named).toBe(await hashTensors([{ name: 'dense/kernel', tensor: syncTensor('float32', [1], [1]) }]));
    await expect(hashTensors([{ name: 'k', tensor: {} as never }])).rejects.toThrow('tensors[0].tensor must have dtype');
  });

  it('isTensorLike is structural', () => {
    expect(isTensorLike(syncTensor('float32', [1], [1]))).toBe(true);
    expect(isTensorLike({ dtype: 'float32', shape: [1] })).toBe(false);
    expect(isTensorLike(null)).toBe(false);
  });
});
