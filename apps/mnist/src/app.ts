/**
 * The digits pipeline, start to finish: data -> lineage -> split -> augmentation -> CNN ->
 * metrics -> compression -> reports. The CLI parses flags and calls {@link runMnist}; tests call
 * it directly.
 */
import { dirname, join } from 'node:path';
import { tf, useBackend, type BackendInfo } from '@tessera/backend';
import type { Lineage } from '@tessera/lineage';
import { saveModelToDir } from '@tessera/models';
import { compressModel } from './compress.js';
import { classCounts, gatherDigits, IMAGE_SIZE, loadDigits, sampleIndices, splitDigits } from './data.js';
import { evaluateModel } from './evaluate.js';
import type { Command, MnistOptions } from './options.js';
import { openLineage, recordData, recordEvaluation, writeModelCard } from './provenance.js';
import { summaryText, writeEvaluationFiles, writeMetrics, type MetricsFile } from './report.js';
import { createRun, openRunToResume, saveRecord, type RunPaths, type RunRecord } from './run_dir.js';
import { trainModel, type SplitTensors } from './train.js';

/** Where the app writes and how it can be stopped. */
export interface AppIO {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborting stops training after the current step; the run can then be resumed. */
  signal?: AbortSignal;
  /** Called after each epoch's checkpoint is on disk (1-based epoch). */
  onEpochSaved?: (epoch: number) => void;
}

/** What a finished run returns. */
export interface RunOutcome {
  paths: RunPaths;
  metrics: MetricsFile;
  files: string[];
}

/** Raised when the run was stopped by its signal; the run folder can be resumed. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly runDir: string) {
    super(`interrupted; continue with --resume ${runDir}`);
  }
}

function tensors(images: Float32Array, labels: Int32Array): SplitTensors {
  return { x: tf.tensor4d(images, [labels.length, IMAGE_SIZE, IMAGE_SIZE, 1]), y: tf.tensor1d(labels, 'int32') };
}

/**
 * Runs (or resumes) the digits app and returns the run folder's paths and metrics.
 *
 * @throws Interrupted when `io.signal` aborts training; other errors say what went wrong
 * @example
 * ```ts
 * const { paths, metrics } = await runMnist({ kind: 'run', options: { ...DEFAULTS, epochs: 1, limit: 300 } }, { out: process.stdout });
 * metrics.test.accuracy;
 * ```
 */
export async function runMnist(command: Exclude<Command, { kind: 'help' }>, io: AppIO): Promise<RunOutcome> {
  const started = Date.now();
  let paths: RunPaths;
  let record: RunRecord;
  let options: MnistOptions;
  if (command.kind === 'resume') {
    ({ paths, record } = await openRunToResume(command.runDir, command.runsDir));
    options = { ...record.options, quiet: command.quiet, ...(command.backend ? { backend: command.backend } : {}) };
    record.resumes++;
  } else {
    options = command.options;
    ({ paths, record } = await createRun(options));
  }
  const say = (line: string) => {
    if (!options.quiet) io.out.write(`${line}\n`);
  };
  say(`${command.kind === 'resume' ? 'resuming' : 'run'} folder: ${paths.dir}`);

  const info: BackendInfo = await useBackend(options.backend);
  say(`backend: ${info.name}${info.name === 'wasm' ? ` (SIMD ${info.simd ? 'on' : 'off'})` : ''}`);
  record.backends.push(info.name);
  await saveRecord(paths, record);

  const digits = await loadDigits();
  const indices = sampleIndices(digits.labels, options.limit, options.seed);
  const split = splitDigits(digits.labels, indices, { valSize: options.valSize, testSize: options.testSize, seed: options.seed });
  say(
    `digits: ${indices.length} of ${digits.count} from mnist@${digits.source.version} ` +
      `(train ${split.train.length}, val ${split.val.length}, test ${split.test.length}; per class ${classCounts(indices.map((i) => digits.labels[i]!)).join(' ')})`,
  );

  // The lineage store is shared by every run in the runs folder, beside the run folders.
  const lineage: Lineage = await openLineage(dirname(paths.dir));
  const toDispose: tf.Tensor[] = [];
  try {
    const nodes = await recordData(lineage, digits, split, { seed: options.seed, valSize: options.valSize, testSize: options.testSize, limit: options.limit }, record.lineage);
    Object.assign(record.lineage, { digits: nodes.digits.id, train: nodes.train.id, val: nodes.val.id, test: nodes.test.id });
    await saveRecord(paths, record);

    const [train, val, test] = (['train', 'val', 'test'] as const).map((k) => {
      const g = gatherDigits(digits, split[k]);
      const t = tensors(g.images, g.labels);
      toDispose.push(t.x, t.y);
      return t;
    }) as [SplitTensors, SplitTensors, SplitTensors];

    let result;
    const trainStart = Date.now();
    try {
      result = await trainModel(options, paths, train, val, { lineage, trainSet: nodes.train, valSet: nodes.val, backend: info.name, resume: command.kind === 'resume' }, {
        out: io.out,
        ...(io.signal ? { signal: io.signal } : {}),
        ...(io.onEpochSaved ? { onEpochSaved: io.onEpochSaved } : {}),
      });
    } catch (e) {
      if (io.signal?.aborted) {
        record.status = 'interrupted';
        await saveRecord(paths, record);
        throw new Interrupted(paths.dir);
      }
      throw e;
    }
    const trainEnd = Date.now();
    const { model, history } = result;
    try {
      const artifact = result.lineage.artifact;
      if (!artifact) throw new Error('runMnist: the lineage callback recorded no model artifact');
      record.lineage.model = artifact.id;
      const files: string[] = [];
      const saved = await saveModelToDir(model, paths.model);
      files.push(saved.configPath, saved.weightsPath);

      const valEval = await evaluateModel(model, val);
      const testEval = await evaluateModel(model, test);
      await recordEvaluation(lineage, 'evaluate-val', artifact, nodes.val, { accuracy: valEval.accuracy, macroF1: valEval.macroF1 }, info.name);
      await recordEvaluation(lineage, 'evaluate-test', artifact, nodes.test, { accuracy: testEval.accuracy, macroF1: testEval.macroF1 }, info.name);
      await writeEvaluationFiles(paths, testEval, history);
      files.push(`${paths.confusionMatrix}.svg`, `${paths.confusionMatrix}.png`, `${paths.lossCurve}.svg`, `${paths.lossCurve}.png`, paths.classificationReport, paths.history);

      const metrics: MetricsFile = {
        test: { accuracy: testEval.accuracy, macroF1: testEval.macroF1, count: testEval.count },
        val: { accuracy: valEval.accuracy, macroF1: valEval.macroF1, count: valEval.count },
        training: {
          epochs: history.epochs.length,
          bestEpoch: result.bestEpoch,
          stopReason: history.stopReason ?? 'completed',
          seconds: (trainEnd - trainStart) / 1000,
          totalSeconds: 0,
          backend: info.name,
        },
      };
      if (options.compress) {
        say(`compressing: int8 quantization${options.sparsity > 0 ? `, ${Math.round(options.sparsity * 100)}% magnitude pruning with one epoch of fine-tuning` : ''} ...`);
        const compressed = await compressModel(model, { options, paths, lineage, artifact, trainSet: nodes.train, testSet: nodes.test, train, test, backend: info.name });
        metrics.compressed = compressed.metrics;
        files.push(...compressed.files);
        say(compressed.table);
      }
      metrics.training.totalSeconds = (Date.now() - started) / 1000;
      await writeMetrics(paths, metrics);
      await writeModelCard(lineage, artifact, paths.modelCard, paths.lineageGraph);
      files.push(paths.metrics, `${paths.modelCard}.md`, `${paths.modelCard}.json`, paths.lineageGraph, paths.record, join(dirname(paths.dir), 'lineage.sqlite'));

      record.status = 'completed';
      await saveRecord(paths, record);
      io.out.write(`${summaryText(paths, metrics, files)}\n`);
      return { paths, metrics, files };
    } finally {
      model.dispose();
    }
  } catch (e) {
    if (!(e instanceof Interrupted) && record.status === 'training') {
      record.status = 'failed';
      await saveRecord(paths, record).catch(() => undefined);
    }
    throw e;
  } finally {
    tf.dispose(toDispose);
    await lineage.close();
  }
}
