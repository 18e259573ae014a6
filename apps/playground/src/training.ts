/**
 * One training run in the page: @tessera/trainer's fit with callbacks that drive the progress
 * bar, the live charts and the memory table, and a @tessera/lineage callback that records the
 * run and the trained model.
 */
import { Rng, tf } from '@tessera/backend';
import { trainerCallback, type ArtifactNode, type Lineage } from '@tessera/lineage';
import { Accuracy } from '@tessera/metrics';
import type { Sequential } from '@tessera/models';
import { randomRotation, randomZoom } from '@tessera/preprocess';
import { Adam, fit, type Batch, type Callback, type History, type TrainData, type TrainerHandle } from '@tessera/trainer';
import { yieldToBrowser } from './dom.js';
import type { LiveChart } from './live_chart.js';
import { MemoryMeter, showLiveMemory, type EpochMemory } from './memory_meter.js';
import type { ZooChoice } from './model_zoo.js';
import { toTensors, type PreparedData } from './prepared_data.js';

/** What the user picked. */
export interface TrainSettings {
  zoo: ZooChoice;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Random rotation and zoom of each training batch (images only). */
  augment: boolean;
}

/** Progress as the bar shows it. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number | null;
  samplesPerSecond: number;
}

/** A finished (or stopped) run. */
export interface TrainResult {
  model: Sequential;
  history: History;
  memory: EpochMemory[];
  /** The model as the lineage log recorded it. */
  artifact: ArtifactNode | null;
  seconds: number;
}

/**
 * Training batches with random rotation and zoom (from @tessera/preprocess), reshuffled per
 * epoch from the seed; the trainer disposes each batch after its step.
 */
function augmentedBatches(data: PreparedData, sampleShape: number[], batchSize: number, seed: number): TrainData {
  const image = data.image;
  if (!image) throw new Error('augmentedBatches: augmentation needs image data');
  const n = data.trainY.length;
  const per = data.features;
  return (epoch: number) =>
    (function* (): Generator<Batch> {
      const rng = new Rng(seed * 7919 + epoch);
      const order = rng.permutation(n);
      for (let start = 0; start < n; start += batchSize) {
        const idx = order.slice(start, start + batchSize);
        const x = new Float32Array(idx.length * per);
        idx.forEach((i, k) => x.set(data.trainX.subarray(i * per, (i + 1) * per), k * per));
        const xs = tf.tidy(() => {
          const raw = tf.tensor4d(x, [idx.length, ...image]);
          const moved = randomZoom(randomRotation(raw, { factor: 0.04, rng }), { heightFactor: [-0.1, 0.1], rng });
          return tf.reshape(moved, [idx.length, ...sampleShape]);
        });
        yield { xs, ys: tf.tensor1d(idx.map((i) => data.trainY[i]!), 'int32') };
      }
    })();
}

/**
 * Trains a new zoo model on `data`, validating on the held-out split after every epoch.
 *
 * @example
 * ```ts
 * const result = await train(data, settings, { lineage, backend: 'webgl', chart, control: { stopRequested: false }, onProgress: console.log });
 * ```
 */
export async function train(
  data: PreparedData,
  settings: TrainSettings,
  context: { lineage: Lineage; backend: string; chart: LiveChart; control: { stopRequested: boolean }; onProgress(p: TrainProgress): void },
): Promise<TrainResult> {
  const { zoo, epochs, batchSize, learningRate, seed } = settings;
  const sampleShape = zoo.sampleShape(data);
  const model = zoo.build(data, seed);
  const trainSet = toTensors(data, 'train', sampleShape);
  const testSet = toTensors(data, 'test', sampleShape);
  const accuracy = new Accuracy();
  const meter = new MemoryMeter();
  let weightsForLineage: tf.Tensor[] = [];
  const lineageCallback = trainerCallback(context.lineage, {
    inputs: [data.lineage.train],
    config: { model: zoo.id, params: model.countParams(), epochs, batchSize, optimizer: 'adam', learningRate, augment: settings.augment, loss: 'softmaxCrossEntropy' },
    seed,
    backend: context.backend,
    model: {
      name: `${data.name}-${zoo.id}`,
      format: 'safetensors',
      // getWeights() returns new tensors: keep them to dispose after the lineage hashed them.
      weights: () => {
        const named = model.getWeights();
        weightsForLineage = named.map((w) => w.tensor);
        return named;
      },
    },
  });

  let handle: TrainerHandle | null = null;
  let globalStep = 0;
  let epochStart = performance.now();
  let samplesThisEpoch = 0;
  const view: Callback = {
    setTrainer(t) {
      handle = t;
    },
    onEpochBegin() {
      epochStart = performance.now();
      samplesThisEpoch = 0;
    },
    async onBatchEnd(batch, logs) {
      globalStep++;
      samplesThisEpoch += Number(logs?.size ?? 0);
      context.chart.push({ step: globalStep, metric: 'loss', series: 'train', value: Number(logs?.loss) });
      const running = accuracy.compute();
      if (typeof running === 'number') context.chart.push({ step: globalStep, metric: 'accuracy', series: 'train', value: running });
      context.onProgress({
        epoch: handle?.epoch ?? 0,
        epochs,
        batch: batch + 1,
        batches: handle?.stepsPerEpoch ?? null,
        samplesPerSecond: samplesThisEpoch / Math.max(1e-3, (performance.now() - epochStart) / 1000),
      });
      showLiveMemory();
      // Let the page paint the charts and take clicks (Stop) between steps.
      await yieldToBrowser();
      if (context.control.stopRequested) handle?.stop('stopped from the page');
    },
    async onEpochEnd(epoch, logs) {
      context.chart.push({ step: globalStep, metric: 'loss', series: 'validation', value: Number(logs?.val_loss) });
      context.chart.push({ step: globalStep, metric: 'accuracy', series: 'validation', value: Number(logs?.val_accuracy) });
      await context.chart.flush();
      meter.record(epoch);
      showLiveMemory();
    },
  };

  const optimizer = new Adam({ learningRate });
  const started = performance.now();
  try {
    const history = await fit(model, settings.augment && data.image ? augmentedBatches(data, sampleShape, batchSize, seed) : trainSet, {
      epochs,
      batchSize,
      seed,
      optimizer,
      loss: 'softmaxCrossEntropy',
      metrics: [accuracy],
      validationData: testSet,
      keepStepLogs: false,
      callbacks: [view, lineageCallback],
    });
    return { model, history, memory: meter.records, artifact: lineageCallback.artifact, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    // The optimizer's slots (Adam's moments) go with the run; the model stays.
    optimizer.dispose();
    tf.dispose([trainSet.x, trainSet.y, testSet.x, testSet.y, ...weightsForLineage]);
    await context.chart.flush();
    showLiveMemory();
  }
}
