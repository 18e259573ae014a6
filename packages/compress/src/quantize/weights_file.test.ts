import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { decodeSafetensors, encodeSafetensors, encodeWeights, mlp, rawFromFloat32 } from '@tessera/models';
import { weightsLike } from '../../test/helpers/reference.js';
import { quantizeTensor } from './quantized_tensor.js';
import {
  COMPRESS_METADATA_KEY,
  decodeQuantizedWeights,
  dequantizeWeights,
  encodeQuantizedWeights,
  loadQuantizedWeights,
  quantizedWeights,
} from './weights_file.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const v = (n: number, seed: number): Float64Array => weightsLike(n, seed);

function sample() {
  return quantizedWeights([
    quantizeTensor(v(24, 1), [2, 3, 4], { dtype: 'int8', axis: 2 }, 'a/kernel'),
    quantizeTensor(v(12, 2), [4, 3], { dtype: 'int8', mode: 'affine' }, 'b/kernel'),
    quantizeTensor(v(12, 3), [3, 4], { dtype: 'uint8', axis: 1 }, 'c/kernel'),
    quantizeTensor(v(12, 4), [3, 4], { dtype: 'uint8', mode: 'symmetric' }, 'd/kernel'),
    quantizeTensor(v(37, 5), [37], { dtype: 'q4', groupSize: 16 }, 'e/kernel'),
    quantizeTensor(v(20, 6), [4, 5], { dtype: 'q4', mode: 'affine', groupSize: 8 }, 'f/kernel'),
    quantizeTensor(v(6, 7), [6], { dtype: 'float16' }, 'g/bias'),
    quantizeTensor(v(5, 8), [5], { dtype: 'float32' }, 'h/bias'),
  ]);
}

describe('safetensors round trip', () => {
  it('stored integers, scales, zero points and float16 bits come back exactly', () => {
    const q = sample();
    const back = decodeQuantizedWeights(encodeQuantizedWeights(q));
    const byName = new Map(back.tensors.map((t) => [t.name, t]));
    for (const t of q.tensors) {
      const b = byName.get(t.name)!;
      expect(b, t.name).toBeDefined();
      expect(b.dtype).toBe(t.dtype);
      expect(b.shape).toEqual(t.shape);
      expect(b.mode).toBe(t.mode);
      expect(b.axis).toBe(t.axis);
      expect(b.groupSize).toBe(t.groupSize);
      expect(b.data.constructor).toBe(t.data.constructor);
      expect(Array.from(b.data)).toEqual(Array.from(t.data));
      expect(b.scale === null ? null : Array.from(b.scale)).toEqual(t.scale === null ? null : Array.from(t.scale));
      expect(b.zeroPoint === null ? null : Array.from(b.zeroPoint)).toEqual(t.zeroPoint === null ? null : Array.from(t.zeroPoint));
    }
    expect(back.byteLength).toBe(q.byteLength);
  });

  it('writes plain safetensors: I8/U8/F16 data, <name>.scale F32, <name>.zero_point for affine modes', () => {
    const file = decodeSafetensors(encodeQuantizedWeights(sample()));
    const dt = (n: string): string => `${file.tensors.get(n)?.dtype} [${file.tensors.get(n)?.shape.join(', ')}]`;
    expect(dt('a/kernel')).toBe('I8 [2, 3, 4]');
    expect(dt('a/kernel.scale')).toBe('F32 [4]');
    expect(file.tensors.has('a/kernel.zero_point')).toBe(false);
    expect(dt('b/kernel.zero_point')).toBe('I8 [1]');
    expect(dt('c/kernel')).toBe('U8 [3, 4]');
    expect(dt('c/kernel.zero_point')).toBe('U8 [4]');
    expect(dt('e/kernel')).toBe('U8 [19]'); // 37 codes packed two per byte
    expect(dt('e/kernel.scale')).toBe('F32 [3]');
    expect(dt('g/bias')).toBe('F16 [6]');
    expect(dt('h/bias')).toBe('F32 [5]');
    const layout = JSON.parse(file.metadata[COMPRESS_METADATA_KEY]!);
    expect(layout.tensors['e/kernel']).toEqual({ dtype: 'q4', shape: [37], groupSize: 16 });
    expect(layout.tensors['b/kernel']).toEqual({ dtype: 'int8', mode: 'affine' });
    expect(layout.tensors['h/bias']).toBeUndefined();
  });

  it('reads a plain @tessera/models weights file as float tensors', async () => {
    const m = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 1 });
    const bytes = await encodeWeights(m, { dtype: 'float16' });
    const q = decodeQuantizedWeights(bytes);
    expect(q.tensors.map((t) => `${t.name}:${t.dtype}`).sort()).toEqual(['dense_1/bias:float16', 'dense_1/kernel:float16', 'dense_2/bias:float16', 'dense_2/kernel:float16']);
    m.dispose();
  });

  it('loads into a model (dequantized) without leaking tensors', async () => {
    const m = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 1 });
    const ws = m.getWeights();
    const q = quantizedWeights(ws.map((w) => quantizeTensor(w.tensor.dataSync() as Float32Array, [...w.tensor.shape], { dtype: w.tensor.rank > 1 ? 'int8' : 'float32', axis: w.tensor.rank > 1 ? 1 : null }, w.name)));
    tf.dispose(ws.map((w) => w.tensor));
    const bytes = encodeQuantizedWeights(q);
    await expectNoLeaks(() => loadQuantizedWeights(m, bytes));
    const named = dequantizeWeights(q);
    const now = m.getWeights();
    now.forEach((w, i) => expect(Array.from(w.tensor.dataSync())).toEqual(Array.from(named[i]!.tensor.dataSync())));
    tf.dispose([...named.map((w) => w.tensor), ...now.map((w) => w.tensor)]);
    m.dispose();
  });
});

describe('malformed files', () => {
  const meta = (tensors: object) => ({ [COMPRESS_METADATA_KEY]: JSON.stringify({ version: 1, tensors }) });
  const i8 = (name: string, shape: number[]) => rawFromFloat32(name, shape, new Array(shape.reduce((a, b) => a * b, 1)).fill(1), 'I8');
  const f32 = (name: string, values: number[]) => rawFromFloat32(name, [values.length], values, 'F32');

  it('names the tensor and what is wrong', () => {
    expect(() => decodeQuantizedWeights(encodeSafetensors([i8('w', [2, 2])], meta({ w: { dtype: 'int8', axis: 1 } })))).toThrow(
      /the file must hold 'w.scale' \(its scales\)/,
    );
    expect(() => decodeQuantizedWeights(encodeSafetensors([i8('w', [2, 2]), f32('w.scale', [1])], meta({ w: { dtype: 'int8', axis: 1 } })))).toThrow(
      /tensor 'w.scale' must be F32 with 2 entries; got F32 \[1\]/,
    );
    expect(() => decodeQuantizedWeights(encodeSafetensors([i8('w', [2]), f32('w.scale', [0])], meta({ w: { dtype: 'int8' } })))).toThrow(
      /tensor 'w.scale' must hold positive finite scales; got 0 at 0/,
    );
    expect(() => decodeQuantizedWeights(encodeSafetensors([i8('w', [2]), f32('w.scale', [1])], meta({ w: { dtype: 'uint8' } })))).toThrow(
      /tensor 'w' must be U8 with 2 elements for uint8 \[2\]; got I8 \[2\]/,
    );
    expect(() => decodeQuantizedWeights(encodeSafetensors([i8('w', [2])], {}))).toThrow(/tensor 'w' must be a float tensor or have a layout/);
    expect(() => decodeQuantizedWeights(encodeSafetensors([f32('w', [1])], { [COMPRESS_METADATA_KEY]: '{oops' }))).toThrow(
      /__metadata__\['tessera.compress'\] must be JSON \{ version: 1, tensors \}/,
    );
  });
});
