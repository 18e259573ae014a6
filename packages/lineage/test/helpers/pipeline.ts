import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordStep } from '../../src/record_step.js';
import { trainerCallback } from '../../src/trainer_callback.js';
import type { Lineage } from '../../src/lineage.js';
import type { TensorLike } from '../../src/tensor_fingerprint.js';

/** A fresh temporary directory. */
export function tempDir(prefix = 'lineage-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A clock that advances one second per call, so event times are distinct and ordered. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export const tensor = (values: number[], shape = [values.length]): TensorLike => ({
  dtype: 'float32',
  shape,
  dataSync: () => new Float32Array(values),
});

/**
 * The reference pipeline: raw emails -> anonymize -> tokenize (a recorded Dataset step) ->
 * split (train, test) -> fit (trainer callback) -> model -> evaluate on test, and
 * model -> quantize -> model-int8. A second raw dataset feeds an unrelated model.
 */
export async function buildPipeline(lineage: Lineage) {
  const rawRows = [
    { id: 1, text: 'write to alice@example.com', spam: 0 },
    { id: 2, text: 'WIN money now, call 555-0100', spam: 1 },
    { id: 3, text: 'meeting at noon', spam: 0 },
    { id: 4, text: 'cheap pills from bob@example.org', spam: 1 },
  ];
  const raw = await lineage.dataset({ name: 'emails-raw', records: rawRows, source: 'fixtures/emails.jsonl' });

  const anonymize = await lineage.start('anonymize', {
    inputs: [raw],
    params: { entities: ['EMAIL', 'PHONE'], operator: 'replace', hmacKey: 'do-not-log-me' },
  });
  const cleanRows = rawRows.map((r) => ({ ...r, text: r.text.replace(/\S+@\S+/g, '<EMAIL>').replace(/\d{3}-\d{4}/g, '<PHONE>') }));
  const anonymized = await anonymize.complete({
    outputs: [{ kind: 'dataset', name: 'emails-clean', records: cleanRows }],
    summary: { counts: { EMAIL: 2, PHONE: 1 }, examples: ['alice@example.com'] },
  });
  const clean = anonymized.outputs[0]!;

  async function* tokenize() {
    for (const r of cleanRows) yield { id: r.id, tokens: r.text.toLowerCase().split(/\s+/), spam: r.spam };
  }
  const tokenRows: unknown[] = [];
  for await (const row of recordStep(lineage, tokenize(), {
    operation: 'tokenize',
    inputs: [clean],
    params: { lowercase: true },
    output: { name: 'emails-tokens' },
  })) {
    tokenRows.push(row);
  }
  const graph = await lineage.graph();
  const tokens = graph.datasets().find((d) => d.name === 'emails-tokens')!;

  const split = await lineage.start('split', { inputs: [tokens], params: { testFraction: 0.5, seed: 7 } });
  const splitRun = await split.complete({
    outputs: [
      { kind: 'dataset', name: 'train', records: tokenRows.slice(0, 2) },
      { kind: 'dataset', name: 'test', records: tokenRows.slice(2) },
    ],
  });
  const [train, test] = splitRun.outputs as [string, string];

  const weights = [tensor([0.1, 0.2, 0.3, 0.4], [2, 2]), tensor([0.5, -0.5])];
  const cb = trainerCallback(lineage, {
    inputs: [train],
    config: { optimizer: 'adam', learningRate: 0.001, epochs: 2, batchSize: 2 },
    seed: 42,
    backend: 'cpu',
    model: { name: 'spam-model', format: 'tfjs-layers', weights: () => weights },
  });
  await cb.onTrainBegin({});
  await cb.onEpochEnd(0, { loss: 0.9, acc: 0.5 });
  await cb.onEpochEnd(1, { loss: 0.4, acc: 0.75 });
  await cb.onTrainEnd({});
  const model = cb.artifact!;

  const evaluate = await lineage.start('evaluate', { kind: 'evaluation', inputs: [model, test] });
  await evaluate.complete({ metrics: { accuracy: 0.5, f1: 0.4 } });

  const quantize = await lineage.start('quantize', { inputs: [model], params: { dtype: 'int8' } });
  const quantized = await quantize.complete({
    outputs: [{ kind: 'artifact', name: 'spam-model-int8', type: 'compressed-model', tensors: [tensor([0, 1, 2, 3], [2, 2])] }],
  });

  const other = await lineage.dataset({ name: 'weather', json: [{ t: 20 }, { t: 21 }] });
  const otherFit = await lineage.start('fit', { kind: 'training', inputs: [other], params: { optimizer: 'sgd', learningRate: 0.01, epochs: 2, batchSize: 2 }, seed: 1 });
  const otherModel = await otherFit.complete({ outputs: [{ kind: 'artifact', name: 'weather-model', tensors: [tensor([1])] }] });

  return {
    raw,
    clean,
    tokens: tokens.id,
    train,
    test,
    model: model.id,
    quantized: quantized.outputs[0]!,
    trainRun: cb.run!.id,
    anonymizeRun: anonymize.id,
    evaluateRun: evaluate.id,
    other: other.id,
    otherModel: otherModel.outputs[0]!,
    otherRun: otherFit.id,
  };
}
