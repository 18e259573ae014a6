/**
 * The governed spam pipeline: corpus -> anonymize -> lineage -> de-duplicate and split ->
 * tokenizer -> LSTM and Transformer (and their DP-SGD twins with `--dp`) -> metrics, curves,
 * calibration -> model cards. The CLI parses flags and calls {@link runSpam}; tests call it directly.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tf, useBackend } from '@tessera/backend';
import type { Lineage } from '@tessera/lineage';
import { saveModelToDir } from '@tessera/models';
import { anonymizeMessages } from './anonymize_messages.js';
import { loadCorpus } from './corpus.js';
import { manifestOf, splitMessages } from './dataset.js';
import { evaluateClassifier } from './evaluate.js';
import type { SpamOptions } from './options.js';
import { openLineage, recordData, recordEvaluation, recordTokenizer, writeLineageGraph, writeModelCard } from './provenance.js';
import { metricsFile, summaryText, writeMetrics, writePictures, type ModelMetrics, type ModelResult } from './report.js';
import { createRun, type RunPaths } from './run_dir.js';
import { loadKey } from './secret_key.js';
import { encodePart, fitTokenizer, vocabularySize, type EncodedPart } from './tokenize.js';
import { noiseForBudget, trainClassifier, type DpSettings } from './train.js';
import type { SplitsFile } from './who_used.js';

/** Where the app writes. */
export interface AppIO {
  out: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What a finished run returns. */
export interface SpamOutcome {
  paths: RunPaths;
  metrics: Record<string, ModelMetrics>;
  files: string[];
}

/**
 * Runs the spam app with `options` and returns the run folder's paths and metrics.
 *
 * @example
 * ```ts
 * const { metrics } = await runSpam({ ...DEFAULTS, limit: 300, epochs: 1 }, { out: process.stdout });
 * metrics.lstm.test.f1;
 * ```
 */
export async function runSpam(options: SpamOptions, io: AppIO): Promise<SpamOutcome> {
  const say = (line: string) => {
    if (!options.quiet) io.out.write(`${line}\n`);
  };
  // The key is loaded (or created) before the run folder exists, so a bad key leaves nothing behind.
  const key = await loadKey({ flagValue: options.key, keyFile: options.keyFile, runsDir: options.runsDir });
  const paths = await createRun(options);
  say(`run folder: ${paths.dir}`);
  say(`pseudonym key: from ${key.source === 'file' ? `the key file ${key.file}` : key.source === 'env' ? 'TESSERA_SPAM_KEY' : '--key'} (id ${key.id}; the key itself is never written)`);
  const info = await useBackend(options.backend);
  say(`backend: ${info.name}${info.name === 'wasm' ? ` (SIMD ${info.simd ? 'on' : 'off'})` : ''}`);

  const { messages: raw, source } = await loadCorpus({ limit: options.limit, seed: options.seed });
  const spamCount = raw.filter((m) => m.label === 1).length;
  say(`corpus: ${raw.length} of ${source.total} messages from ${source.package}@${source.version} (${spamCount} spam, ${raw.length - spamCount} ham)`);
  const anon = await anonymizeMessages(raw, key);
  say(
    `anonymized: ${anon.report.total} entities in ${anon.messagesWithPii} messages (` +
      `${Object.entries(anon.report.byEntityType).map(([k, v]) => `${k} ${v}`).join(', ')})`,
  );
  const split = splitMessages(anon.messages, { valSize: options.valSize, testSize: options.testSize, seed: options.seed });
  say(`split: train ${split.train.length}, val ${split.val.length}, test ${split.test.length} (${split.duplicates.length} exact duplicates dropped)`);

  const lineage: Lineage = await openLineage(dirname(paths.dir));
  const toDispose: tf.Tensor[] = [];
  const results: ModelResult[] = [];
  try {
    const nodes = await recordData(lineage, {
      source,
      raw,
      clean: anon.messages,
      report: anon.report,
      messagesWithPii: anon.messagesWithPii,
      key,
      split,
      params: { seed: options.seed, limit: options.limit, valSize: options.valSize, testSize: options.testSize },
    });
    const splits: SplitsFile = {
      datasets: { train: nodes.train.id, val: nodes.val.id, test: nodes.test.id },
      train: manifestOf(split.train),
      val: manifestOf(split.val),
      test: manifestOf(split.test),
      duplicates: split.duplicates,
    };
    await writeFile(paths.splits, `${JSON.stringify(splits)}\n`);

    const tok = fitTokenizer(options.tokenizer, split.train.map((m) => m.text), options.vocabSize);
    const vocabSize = vocabularySize(tok);
    const tokNode = await recordTokenizer(lineage, nodes.train, tok, { kind: options.tokenizer, vocabSize: options.vocabSize, actualVocabSize: vocabSize, minCount: 2 });
    await writeFile(paths.tokenizer, `${JSON.stringify(tok.toJSON())}\n`);
    const [train, val, test] = [split.train, split.val, split.test].map((part) => {
      const e = encodePart(tok, part, options.maxLen);
      toDispose.push(e.x, e.y);
      return e;
    }) as [EncodedPart, EncodedPart, EncodedPart];
    say(`tokenizer: ${options.tokenizer}, ${vocabSize} tokens; ${options.maxLen} tokens per message (${train.truncated} of ${split.train.length} training messages cut)`);

    const plans: { kind: SpamOptions['models'][number]; dp: DpSettings | null }[] = options.models.map((kind) => ({ kind, dp: null }));
    if (options.dp) {
      const delta = options.delta ?? 1 / (10 * split.train.length);
      const noiseMultiplier = noiseForBudget({ n: split.train.length, batchSize: options.batchSize, epochs: options.epochs, epsilon: options.epsilon, delta });
      say(`DP-SGD: epsilon ${options.epsilon}, delta ${delta.toExponential(2)}, noise multiplier ${noiseMultiplier}, clip ${options.clip}, microbatch ${options.microbatch}`);
      for (const kind of options.models) plans.push({ kind, dp: { epsilon: options.epsilon, delta, l2NormClip: options.clip, noiseMultiplier, microbatchSize: options.microbatch } });
    }
    for (const plan of plans) {
      const trained = await trainClassifier(plan.kind, options, {
        train,
        val,
        vocabSize,
        lineage,
        inputs: [nodes.train, nodes.val, tokNode],
        backend: info.name,
        dp: plan.dp,
        out: io.out,
      });
      const result: ModelResult = { trained, val: await evaluateClassifier(trained.model, val), test: await evaluateClassifier(trained.model, test) };
      results.push(result);
      const m = (e: typeof result.test) => ({ f1: e.f1, rocAuc: e.rocAuc, accuracy: e.accuracy, ece: e.ece });
      await recordEvaluation(lineage, `evaluate-${trained.name}-val`, trained.artifact, [nodes.val, tokNode], m(result.val), info.name);
      await recordEvaluation(lineage, `evaluate-${trained.name}-test`, trained.artifact, [nodes.test, tokNode], m(result.test), info.name);
      say(`${trained.name}: test F1 ${result.test.f1.toFixed(4)}, ROC AUC ${result.test.rocAuc.toFixed(4)} (${trained.seconds.toFixed(0)} s)`);
    }

    const files: string[] = [paths.record, paths.splits, paths.tokenizer];
    for (const r of results) {
      const saved = await saveModelToDir(r.trained.model, paths.model(r.trained.name));
      files.push(saved.configPath, saved.weightsPath);
      await writeModelCard(lineage, r.trained.artifact, paths.modelCard(r.trained.name), r.trained.name);
      files.push(`${paths.modelCard(r.trained.name)}.md`, `${paths.modelCard(r.trained.name)}.json`);
    }
    const metrics = metricsFile(results, info.name);
    files.push(...(await writeMetrics(paths, metrics)));
    files.push(...(await writePictures(paths, results)));
    await writeFile(
      paths.summary,
      `${JSON.stringify(
        {
          corpus: { package: source.package, version: source.version, messages: raw.length, spam: spamCount },
          anonymization: { ...anon.report, messagesWithPii: anon.messagesWithPii, keyId: key.id, keySource: key.source },
          split: { train: split.train.length, val: split.val.length, test: split.test.length, duplicatesDropped: split.duplicates.length },
          tokenizer: { kind: options.tokenizer, vocabSize, maxLen: options.maxLen },
          backend: info.name,
        },
        null,
        2,
      )}\n`,
    );
    await writeLineageGraph(lineage, nodes.corpus, paths.lineageGraph);
    files.push(paths.summary, paths.lineageGraph, join(dirname(paths.dir), 'lineage.sqlite'));
    io.out.write(`${summaryText(paths, metrics, files)}\n`);
    return { paths, metrics, files };
  } finally {
    for (const r of results) r.trained.model.dispose();
    tf.dispose(toDispose);
    await lineage.close();
  }
}
