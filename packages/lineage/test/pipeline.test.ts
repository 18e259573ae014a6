import { describe, expect, it } from 'vitest';
import { createLineage } from '../src/lineage.js';
import type { RunNode } from '../src/records.js';
import { buildPipeline, steppingClock } from './helpers/pipeline.js';

describe('a pipeline of three transforms and a training run', () => {
  it('answers ancestors, descendants and erasure impact', async () => {
    const lineage = await createLineage({ clock: steppingClock(), code: { package: 'spam-app', version: '1.0.0' } });
    const p = await buildPipeline(lineage);
    const g = await lineage.graph();
    const names = (nodes: { kind: string; id: string }[]) =>
      nodes.map((n) => { const x = g.get(n.id); return x.kind === 'run' ? `run:${x.operation}` : x.name; }).sort();

    expect(names(g.ancestors(p.model, { kinds: ['dataset'] }))).toEqual(['emails-clean', 'emails-raw', 'emails-tokens', 'train']);
    expect(names(g.ancestors(p.model, { kinds: ['run'] }))).toEqual(['run:anonymize', 'run:fit', 'run:split', 'run:tokenize']);
    expect(names(g.ancestors(p.quantized, { kinds: ['artifact'] }))).toEqual(['spam-model']);
    // Nearest first: the run that made the model, then its input.
    expect(g.ancestors(p.model).slice(0, 2).map((n) => n.id)).toEqual([p.trainRun, p.train]);

    expect(names(g.descendants(p.raw.id, { kinds: ['artifact'] }))).toEqual(['spam-model', 'spam-model-int8']);
    expect(names(g.descendants(p.test, { kinds: ['run'] }))).toEqual(['run:evaluate']);
    expect(g.descendants(p.quantized)).toEqual([]);
    expect(g.ancestors(p.raw.id)).toEqual([]);

    const impact = g.erasureImpact(p.raw.hash);
    expect(impact.sources.map((s) => s.name)).toEqual(['emails-raw']);
    expect(impact.artifacts.map((a) => a.name)).toEqual(['spam-model', 'spam-model-int8']);
    expect(impact.datasets.map((d) => d.name)).toEqual(['emails-clean', 'emails-tokens', 'train', 'test']);
    expect(impact.runs.map((r) => r.operation)).toEqual(['anonymize', 'tokenize', 'split', 'fit', 'evaluate', 'quantize']);
    expect(g.erasureImpact(p.other).artifacts.map((a) => a.name)).toEqual(['weather-model']);
    expect((await lineage.erasureImpact(p.test)).artifacts).toEqual([]);
  });

  it('records what each run was: params (secrets redacted), code, seed, backend, metrics', async () => {
    const lineage = await createLineage({ clock: steppingClock(), code: { package: 'spam-app', version: '1.0.0', gitCommit: 'a'.repeat(40) } });
    const p = await buildPipeline(lineage);
    const g = await lineage.graph();
    const anon = g.get(p.anonymizeRun) as RunNode;
    expect(anon.params).toEqual({ entities: ['EMAIL', 'PHONE'], operator: 'replace', hmacKey: '[redacted]' });
    expect(anon.stage).toBe('anonymize');
    expect(anon.code).toEqual({ package: 'spam-app', version: '1.0.0', gitCommit: 'a'.repeat(40) });
    const fit = g.get(p.trainRun) as RunNode;
    expect(fit).toMatchObject({ runKind: 'training', stage: 'train', seed: 42, backend: 'cpu', status: 'completed' });
    expect(fit.metrics).toEqual({ loss: 0.4, acc: 0.75 });
    expect(fit.progress.map((x) => x.epoch)).toEqual([0, 1]);
    expect(g.get(p.train)).toMatchObject({ kind: 'dataset', rowCount: 2 });
    // The log never saw the secret.
    const text = JSON.stringify((await lineage.store.read()).entries);
    expect(text).not.toContain('do-not-log-me');
    expect((await lineage.verify()).ok).toBe(true);
  });

  it('diffs two training runs', async () => {
    const lineage = await createLineage({ clock: steppingClock(), code: false });
    const p = await buildPipeline(lineage);
    const diff = await lineage.diffRuns(p.trainRun, p.otherRun);
    const paths = diff.config.map((c) => c.path);
    expect(paths).toEqual(['backend', 'inputs[0]', 'params.learningRate', 'params.optimizer', 'seed']);
    expect(diff.config.find((c) => c.path === 'params.learningRate')).toEqual({ path: 'params.learningRate', a: 0.001, b: 0.01 });
    expect(diff.metrics.map((m) => m.path)).toEqual(['metrics.acc', 'metrics.loss']);
    await expect(lineage.diffRuns(p.trainRun, p.train)).rejects.toThrow(/diffRuns: b must be a run, got the dataset 'dataset:train@sha256:/);
  });

  it('names unknown node ids and suggests similar ones', async () => {
    const lineage = await createLineage({ clock: steppingClock(), code: false });
    await buildPipeline(lineage);
    await expect(lineage.ancestors('dataset:emails')).rejects.toThrow(
      /ancestors: 'dataset:emails' is not a node of this lineage log \(\d+ nodes; .*similar ids: 'dataset:emails-raw@sha256:/,
    );
    await expect(lineage.start('x', { inputs: ['run:nope'] })).rejects.toThrow("start: options.inputs[0]: 'run:nope' is not a node");
    await expect(lineage.erasureImpact(`sha256:${'f'.repeat(64)}`)).rejects.toThrow('erasureImpact: no dataset with hash');
  });
});
