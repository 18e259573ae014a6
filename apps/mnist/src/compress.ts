/**
 * Compression with `@tessera/compress`: int8 post-training quantization (symmetric, per output
 * channel), magnitude pruning fine-tuned on the training digits with a polynomial-decay
 * schedule, and both together. Every variant is measured from its own weights file on the test
 * digits next to the float32 baseline, written to `compressed/`, and recorded in lineage.
 */
import { tf } from '@tessera/backend';
import {
  asCompressed,
  compressionReport,
  polynomialDecay,
  pruneLowMagnitude,
  quantizeModel,
  reportTable,
  strip,
  type CompressedModel,
  type CompressionReport,
} from '@tessera/compress';
import { saveCompressed, writeReport } from '@tessera/compress/node';
import type { ArtifactNode, DatasetNode, Lineage } from '@tessera/lineage';
import { fromConfig, type Sequential } from '@tessera/models';
import { Adam, fit, softmaxCrossEntropy } from '@tessera/trainer';
import type { MnistOptions } from './options.js';
import { recordCompression, recordEvaluation } from './provenance.js';
import type { MetricsFile } from './report.js';
import type { RunPaths } from './run_dir.js';
import type { SplitTensors } from './train.js';

/** What the compression step needs from the run. */
export interface CompressContext {
  options: MnistOptions;
  paths: RunPaths;
  lineage: Lineage;
  /** The trained float model's lineage node. */
  artifact: ArtifactNode;
  trainSet: DatasetNode;
  testSet: DatasetNode;
  train: SplitTensors;
  test: SplitTensors;
  backend: string;
}

/** What the compression step produced. */
export interface CompressOutcome {
  metrics: NonNullable<MetricsFile['compressed']>;
  report: CompressionReport;
  table: string;
  files: string[];
}

/** A trainable copy of `model` (same architecture and weights), so pruning leaves the original intact. */
function copyOf(model: Sequential): Sequential {
  const copy = fromConfig(model.toConfig());
  const weights = model.getWeights();
  try {
    copy.setWeights(weights);
  } finally {
    tf.dispose(weights.map((w) => w.tensor));
  }
  return copy;
}

/**
 * Pruning with fine-tuning: one epoch over the training digits while a polynomial-decay schedule
 * raises the sparsity from 0 to `sparsity` over the first 70% of the steps, then strips the masks.
 */
async function pruneAndFineTune(model: Sequential, ctx: CompressContext): Promise<number> {
  const steps = Math.ceil(ctx.train.x.shape[0] / ctx.options.batchSize);
  const endStep = Math.max(1, Math.floor(steps * 0.7));
  const pruning = pruneLowMagnitude(model, {
    schedule: polynomialDecay({ initialSparsity: 0, finalSparsity: ctx.options.sparsity, beginStep: 0, endStep, frequency: Math.max(1, Math.floor(endStep / 10)) }),
  });
  const optimizer = new Adam({ learningRate: ctx.options.learningRate / 4 });
  try {
    await fit(model, { x: ctx.train.x, y: ctx.train.y }, {
      epochs: 1,
      optimizer,
      loss: softmaxCrossEntropy(),
      batchSize: ctx.options.batchSize,
      seed: ctx.options.seed + 1,
      callbacks: [pruning],
      keepStepLogs: false,
    });
  } finally {
    optimizer.dispose();
  }
  return strip(pruning).overall;
}

/**
 * Quantizes and prunes the trained model, measures every variant, writes them with their report
 * to the run folder and records each step in lineage.
 *
 * @example
 * ```ts
 * const { metrics, table } = await compressModel(model, ctx);
 * metrics['int8'].bytes;
 * ```
 */
export async function compressModel(model: Sequential, ctx: CompressContext): Promise<CompressOutcome> {
  const variants: CompressedModel[] = [];
  let pruned: Sequential | null = null;
  try {
    variants.push(await asCompressed(model, { name: 'float32' }));
    variants.push(await quantizeModel(model, { dtype: 'int8', name: 'int8' }));
    const pct = Math.round(ctx.options.sparsity * 100);
    let prunedName: string | null = null;
    if (ctx.options.sparsity > 0) {
      pruned = copyOf(model);
      await pruneAndFineTune(pruned, ctx);
      prunedName = `pruned-${pct}`;
      variants.push(await asCompressed(pruned, { name: prunedName }));
      variants.push(await quantizeModel(pruned, { dtype: 'int8', name: `${prunedName}+int8` }));
    }
    const report = await compressionReport(variants, { data: { x: ctx.test.x, y: ctx.test.y }, batchSize: 64, latencyRuns: 3, baseline: 'float32' });
    const saved = await saveCompressed(ctx.paths.compressed, variants);
    const written = await writeReport(ctx.paths.compressed, report);
    const savedBy = new Map(saved.map((s) => [s.name, s]));

    // Lineage: each variant is an artifact made from the model it compresses; pruning also read
    // the training digits (fine-tuning), so they are its input too.
    const nodes = new Map<string, ArtifactNode>([['float32', ctx.artifact]]);
    const plan: { name: string; operation: string; from: string; extra: DatasetNode[]; params: Record<string, unknown> }[] = [
      { name: 'int8', operation: 'quantize-int8', from: 'float32', extra: [], params: { dtype: 'int8', mode: 'symmetric', perChannel: true } },
    ];
    if (prunedName) {
      plan.push(
        { name: prunedName, operation: 'prune-magnitude', from: 'float32', extra: [ctx.trainSet], params: { schedule: 'polynomialDecay', finalSparsity: ctx.options.sparsity, fineTuneEpochs: 1, scope: 'layer' } },
        { name: `${prunedName}+int8`, operation: 'quantize-int8', from: prunedName, extra: [], params: { dtype: 'int8', mode: 'symmetric', perChannel: true } },
      );
    }
    const metrics: CompressOutcome['metrics'] = {};
    for (const step of plan) {
      const file = savedBy.get(step.name)!;
      const row = report.rows.find((r) => r.name === step.name)!;
      const node = await recordCompression(ctx.lineage, step.operation, nodes.get(step.from)!, step.extra, { name: `mnist-cnn-${step.name}`, file: file.weightsPath, format: 'safetensors' }, step.params);
      nodes.set(step.name, node);
      await recordEvaluation(ctx.lineage, 'evaluate-test', node, ctx.testSet, { accuracy: row.accuracy, macroF1: row.f1 }, ctx.backend);
      metrics[step.name] = { test: { accuracy: row.accuracy, macroF1: row.f1 }, bytes: row.bytes, sparsity: row.sparsity };
    }
    const files = [...saved.flatMap((s) => [s.configPath, s.weightsPath]), written.jsonPath, written.markdownPath];
    return { metrics, report, table: reportTable(report), files };
  } finally {
    for (const v of variants) v.dispose();
    pruned?.dispose();
  }
}
