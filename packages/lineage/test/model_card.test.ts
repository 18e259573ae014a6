import { describe, expect, it } from 'vitest';
import { createLineage } from '../src/lineage.js';
import { modelCard } from '../src/model_card.js';
import { buildPipeline, steppingClock } from './helpers/pipeline.js';

describe('modelCard', () => {
  async function card(fields = {}) {
    const lineage = await createLineage({ clock: steppingClock(), code: { package: 'spam-app', version: '1.0.0', gitCommit: 'c'.repeat(40) } });
    const p = await buildPipeline(lineage);
    const g = await lineage.graph();
    return { p, g, lineage, ...modelCard(g, p.model, fields, new Date(Date.UTC(2026, 5, 1))) };
  }

  it('fills every section from the lineage of the model', async () => {
    const { json, p } = await card({ intendedUse: 'Flag spam for review.', limitations: 'English | short mail only.', owners: ['ml-team'] });
    expect(json.model).toMatchObject({ id: p.model, name: 'spam-model', type: 'model', format: 'tfjs-layers' });
    expect(json.dataSources).toEqual([{ id: p.raw.id, name: 'emails-raw', hash: p.raw.hash, rowCount: 4, source: 'fixtures/emails.jsonl' }]);
    expect(json.anonymization).toHaveLength(1);
    expect(json.anonymization[0]).toMatchObject({ operation: 'anonymize', counts: { EMAIL: 2, PHONE: 1 }, params: { hmacKey: '[redacted]' } });
    expect(json.preprocessing.map((s) => s.operation)).toEqual(['tokenize', 'split']);
    expect(json.preprocessing[1]).toMatchObject({ inputs: ['emails-tokens'], outputs: ['train', 'test'], params: { testFraction: 0.5, seed: 7 } });
    expect(json.training).toMatchObject({
      operation: 'fit',
      seed: 42,
      backend: 'cpu',
      epochs: 2,
      config: { optimizer: 'adam', learningRate: 0.001 },
      metrics: { loss: 0.4, acc: 0.75 },
    });
    expect(json.training!.trainingData.map((d) => d.name)).toEqual(['train']);
    expect(json.evaluations).toHaveLength(1);
    expect(json.evaluations[0]!.datasets.map((d) => d.name)).toEqual(['test']);
    expect(json.evaluations[0]!.metrics).toEqual({ accuracy: 0.5, f1: 0.4 });
    expect(json.compression).toEqual([
      expect.objectContaining({ operation: 'quantize', direction: 'derived', from: ['spam-model'], to: ['spam-model-int8'], params: { dtype: 'int8' } }),
    ]);
    expect(json.intendedUse).toBe('Flag spam for review.');
    expect(json.lineageHead?.seq).toBeGreaterThan(10);
  });

  it('renders Markdown with the hashes, steps, metrics and author fields', async () => {
    const { markdown, p } = await card({ intendedUse: 'Flag spam for review.', limitations: 'English | short mail only.' });
    for (const section of ['# Model card: spam-model', '## Intended use', '## Limitations', '## Data sources', '## Anonymization', '## Preprocessing', '## Training', '## Evaluation', '## Compression', '## Lineage']) {
      expect(markdown).toContain(section);
    }
    expect(markdown).toContain(p.raw.hash);
    expect(markdown).toContain('entities handled: EMAIL 2, PHONE 1');
    expect(markdown).toMatch(/1\. \*\*tokenize\*\*.*emails-clean → emails-tokens/);
    expect(markdown).toContain('| accuracy | 0.5 |');
    expect(markdown).toContain('| config.learningRate | 0.001 |');
    expect(markdown).toContain('Compressed into **quantize**');
    expect(markdown).toContain('Flag spam for review.');
  });

  it('says what is missing instead of inventing it, and never prints PII', async () => {
    const { markdown, json } = await card();
    expect(json.intendedUse).toBeNull();
    expect(markdown).toMatch(/## Intended use\n\n_Not provided._/);
    // The anonymize run's summary carried a raw e-mail under `examples`; only counts may appear.
    expect(markdown).not.toContain('alice@example.com');
    expect(JSON.stringify(json)).not.toContain('alice@example.com');
    expect(markdown).not.toContain('do-not-log-me');
  });

  it('describes a compressed model by what produced it', async () => {
    const { g, p } = await card();
    const { json, markdown } = modelCard(g, p.quantized);
    expect(json.compression).toEqual([expect.objectContaining({ operation: 'quantize', direction: 'applied' })]);
    expect(json.training?.operation).toBe('fit');
    expect(json.evaluations).toEqual([]);
    expect(markdown).toContain('_No evaluation of this model is recorded._');
  });

  it('rejects what is not an artifact and bad fields', async () => {
    const { g, p } = await card();
    expect(() => modelCard(g, p.train)).toThrow(/modelCard: artifact must be an artifact, got the dataset 'dataset:train@/);
    expect(() => modelCard(g, 'artifact:nope')).toThrow("modelCard: artifact: 'artifact:nope' is not a node");
    expect(() => modelCard(g, p.model, { limitations: 3 as never })).toThrow('modelCard: fields.limitations must be a string, got the number 3');
    expect(() => modelCard(g, p.model, { owners: 'me' as never })).toThrow('fields.owners must be an array of strings');
  });
});
