import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { expectNoLeaks, tf } from '@tessera/backend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../test/backends.js';
import {
  cnn,
  decodeSafetensors,
  deleteModelFromIndexedDB,
  encodeSafetensors,
  encodeWeights,
  float32FromRaw,
  fromFloat16Bits,
  loadModel,
  loadModelFromDir,
  loadModelFromIndexedDB,
  loadWeights,
  loadWeightsFromFile,
  mlp,
  QUANT_KEY,
  rawFromFloat32,
  type Sequential,
  saveModel,
  saveModelToDir,
  saveModelToIndexedDB,
  saveWeightsToFile,
  toFloat16Bits,
  transformer,
} from '../index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-models-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const weightsOf = (m: Sequential): Map<string, Float32Array> => {
  const ws = m.getWeights();
  const out = new Map(ws.map((w) => [w.name, w.tensor.dataSync() as Float32Array]));
  tf.dispose(ws.map((w) => w.tensor));
  return out;
};
const outputs = (m: Sequential, x: tf.Tensor): number[] => {
  const y = m.apply(x);
  const v = Array.from(y.dataSync());
  y.dispose();
  return v;
};

forEachBackend('weights on disk and in memory', (backend) => {
  it('float32 safetensors round trip restores identical outputs (memory, files, IndexedDB)', async () => {
    const model = transformer({
      vocabSize: 20,
      maxLen: 6,
      dModel: 8,
      heads: 2,
      layers: 1,
      ffDim: 8,
      numClasses: 3,
      seed: 1,
    });
    const x = tf.tensor2d(
      [
        [3, 4, 5, 0],
        [9, 1, 0, 0],
      ],
      undefined,
      'int32',
    );
    const expected = outputs(model, x);

    const artifacts = await expectNoLeaks(() => saveModel(model));
    const fromMemory = loadModel({
      config: JSON.parse(JSON.stringify(artifacts.config)),
      weights: artifacts.weights.slice().buffer,
    });
    expect(outputs(fromMemory, x)).toEqual(expected);

    const sub = join(dir, `transformer-${backend}`);
    const paths = await saveModelToDir(model, sub);
    expect(JSON.parse(await readFile(paths.configPath, 'utf8'))).toEqual(model.toConfig());
    const fromFiles = await loadModelFromDir(sub);
    expect(outputs(fromFiles, x)).toEqual(expected);

    const indexedDB = new IDBFactory();
    await saveModelToIndexedDB(model, 'tiny', { indexedDB });
    const fromIdb = await loadModelFromIndexedDB('tiny', { indexedDB });
    expect(outputs(fromIdb, x)).toEqual(expected);
    await deleteModelFromIndexedDB('tiny', { indexedDB });
    await expect(loadModelFromIndexedDB('tiny', { indexedDB })).rejects.toThrow(
      "loadModelFromIndexedDB: no model stored under key 'tiny'",
    );

    for (const m of [model, fromMemory, fromFiles, fromIdb]) m.dispose();
    x.dispose();
  });

  it('float16, int8 and uint8 storage: smaller files, weights within the format precision', async () => {
    const model = cnn({ inputShape: [8, 8, 3], filters: [4], dense: [8], numClasses: 3, seed: 2 });
    const orig = weightsOf(model);
    const sizes: Record<string, number> = {};
    for (const dtype of ['float32', 'float16', 'int8', 'uint8'] as const) {
      const bytes = await encodeWeights(model, { dtype });
      // Data bytes: the file minus the length field and the JSON header.
      sizes[dtype] = bytes.byteLength - 8 - new DataView(bytes.buffer).getUint32(0, true);
      const copy = cnn({ inputShape: [8, 8, 3], filters: [4], dense: [8], numClasses: 3, seed: 99 });
      await expectNoLeaks(() => loadWeights(copy, bytes));
      const got = weightsOf(copy);
      const file = decodeSafetensors(bytes);
      const quant =
        dtype === 'int8' || dtype === 'uint8'
          ? (JSON.parse(file.metadata[QUANT_KEY]!) as Record<string, [number, number]>)
          : {};
      for (const [name, w] of orig) {
        const g = got.get(name)!;
        expect(file.tensors.get(name)!.dtype).toBe({ float32: 'F32', float16: 'F16', int8: 'I8', uint8: 'U8' }[dtype]);
        for (let i = 0; i < w.length; i++) {
          if (dtype === 'float32') expect(g[i]).toBe(w[i]);
          else if (dtype === 'float16') expect(g[i]).toBe(Math.fround(fromFloat16Bits(toFloat16Bits(w[i]!))));
          else expect(Math.abs(g[i]! - w[i]!)).toBeLessThanOrEqual(quant[name]![0] / 2 + 1e-7);
        }
      }
      copy.dispose();
    }
    expect(sizes.float16).toBe(sizes.float32! / 2);
    expect(sizes.int8).toBe(sizes.float32! / 4);
    expect(sizes.uint8).toBe(sizes.float32! / 4);
    model.dispose();
  });
});

it('loading says exactly which names, shapes and dtypes do not fit', async () => {
  const { useBackend } = await import('@tessera/backend');
  await useBackend('cpu');
  const a = mlp({ inputSize: 4, hidden: [5], numClasses: 3, seed: 1, name: 'a' });
  const b = mlp({ inputSize: 4, hidden: [6], numClasses: 3, seed: 1, name: 'b' });
  const bytes = await encodeWeights(a);
  expect(() => loadWeights(b, bytes)).toThrow(
    "loadWeights: the weights do not fit model 'b': 'dense_1/kernel': expected shape [4, 6], file has [4, 5]; " +
      "'dense_1/bias': expected shape [6], file has [5]; 'dense_2/kernel': expected shape [6, 3], file has [5, 3]",
  );
  // Missing, unexpected and raw integer tensors without quantization parameters.
  const file = decodeSafetensors(bytes);
  const raws = [...file.tensors.values()].filter((t) => t.name !== 'dense_2/bias');
  const kernel = float32FromRaw(file.tensors.get('dense_1/kernel')!);
  const edited = encodeSafetensors([
    ...raws.filter((t) => t.name !== 'dense_1/kernel'),
    rawFromFloat32(
      'dense_1/kernel',
      [4, 5],
      kernel.map((v) => Math.round(v * 10)),
      'I8',
    ),
    rawFromFloat32('extra', [1], [0], 'F32'),
  ]);
  expect(() => loadWeights(a, edited)).toThrow(
    "loadWeights: the weights do not fit model 'a': missing 'dense_2/bias'; unexpected 'extra'; 'dense_1/kernel': " +
      `expected a float tensor (F32, F16, BF16, F64) or I8/U8 with quantization parameters for the float32 weight; file has I8 without __metadata__['${QUANT_KEY}'] for it`,
  );
  // A failed load changes nothing.
  const before = weightsOf(a);
  expect(weightsOf(a)).toEqual(before);
  const p = join(dir, 'a.safetensors');
  await saveWeightsToFile(a, p);
  const a2 = mlp({ inputSize: 4, hidden: [5], numClasses: 3, seed: 7, name: 'a' });
  await loadWeightsFromFile(a2, p);
  expect(weightsOf(a2)).toEqual(before);
  a2.dispose();
  await writeFile(join(dir, 'bad.safetensors'), new Uint8Array([1, 2, 3]));
  await expect(loadWeightsFromFile(a, join(dir, 'bad.safetensors'))).rejects.toThrow(
    /decodeSafetensors: the file has 3 bytes/,
  );
  await expect(loadModelFromDir(join(dir, 'nowhere'))).rejects.toThrow(/loadModelFromDir: cannot read the config/);
  expect(() =>
    loadModel({ config: { ...a.toConfig(), layers: [{ className: 'Nope', config: {} }] }, weights: bytes }),
  ).toThrow(/fromConfig: layers\[0\]: unknown layer class "Nope"/);
  a.dispose();
  b.dispose();
});
