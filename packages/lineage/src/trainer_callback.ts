import { describe, isObjectArg, isPlainObject } from './internal/describe.js';
import { errorMessage } from './internal/node.js';
import type { Lineage } from './lineage.js';
import type { ArtifactNode, NodeRef } from './records.js';
import type { RunHandle } from './run_handle.js';
import type { NamedTensorLike, TensorLike } from './tensor_fingerprint.js';

/**
 * Options of `trainerCallback`.
 *
 * @example
 * ```ts
 * const options: TrainerCallbackOptions = { inputs: [train], config: { lr: 1e-3 }, seed: 7, model: { name: 'cnn' } };
 * ```
 */
export interface TrainerCallbackOptions {
  /** Datasets the model trains on. */
  inputs: readonly NodeRef[];
  /** The job name (default 'fit'). */
  operation?: string;
  /** The training configuration (optimizer, learning rate, batch size, epochs…). */
  config?: Record<string, unknown>;
  seed?: number;
  backend?: string;
  /** The model artifact to record at the end, hashed from its weights. */
  model?: {
    name: string;
    type?: string;
    format?: string;
    /** The weights to hash (tensors or `{ name, tensor }`); default: `getWeights()` of the model given to `setModel`. */
    weights?: () => readonly (TensorLike | NamedTensorLike)[] | Promise<readonly (TensorLike | NamedTensorLike)[]>;
  };
  /** Record every epoch's metrics as progress (default true). */
  recordEpochs?: boolean;
}

/**
 * Epoch logs as trainers pass them: metric name to number.
 *
 * @example
 * ```ts
 * await cb.onEpochEnd(0, { loss: 0.4, acc: 0.9 } satisfies Logs);
 * ```
 */
export type Logs = Record<string, unknown>;

/**
 * A training callback, matched structurally by `@tessera/trainer` (and shaped like a Keras or
 * tfjs callback), that records a training run in the lineage log.
 *
 * @example
 * ```ts
 * const cb: LineageCallback = trainerCallback(lineage, { inputs: [train] });
 * await trainer.fit(model, data, { callbacks: [cb] });
 * ```
 */
export interface LineageCallback {
  setModel(model: unknown): void;
  onTrainBegin(logs?: Logs): Promise<void>;
  onEpochEnd(epoch: number, logs?: Logs): Promise<void>;
  onTrainEnd(logs?: Logs): Promise<void>;
  /** Records the run as failed (`@tessera/trainer` calls it when fit fails); does nothing if no run is open. */
  fail(error: unknown): Promise<void>;
  /** The run, once training began. */
  readonly run: RunHandle | null;
  /** The model artifact, once training ended. */
  readonly artifact: ArtifactNode | null;
}

/**
 * A callback that records a `fit()` call: a training run from `inputs` with its config, seed
 * and backend, each epoch's metrics, and at the end the trained model as an artifact whose
 * hash covers its weights. Non-numeric log values are ignored; non-finite ones (a NaN loss) are
 * listed in the run summary, since JSON cannot hold them.
 *
 * @example
 * ```ts
 * const cb = trainerCallback(lineage, {
 *   inputs: [trainSet], config: { optimizer: 'adam', lr: 1e-3, epochs: 5 }, seed: 42, backend: 'wasm',
 *   model: { name: 'digits-cnn', weights: () => model.getWeights() },
 * });
 * await trainer.fit(model, data, { epochs: 5, callbacks: [cb] });
 * cb.artifact?.hash;
 * ```
 */
export function trainerCallback(lineage: Lineage, options: TrainerCallbackOptions): LineageCallback {
  if (!isObjectArg(options)) throw new Error(`trainerCallback: options must be an object, got ${describe(options)}`);
  if (!Array.isArray(options.inputs)) throw new Error(`trainerCallback: options.inputs must be an array of datasets, got ${describe(options.inputs)}`);
  if (options.model !== undefined) {
    if (!isObjectArg(options.model) || typeof options.model.name !== 'string' || options.model.name === '') {
      throw new Error(`trainerCallback: options.model must be { name, weights? }, got ${describe(options.model)}`);
    }
    if (options.model.weights !== undefined && typeof options.model.weights !== 'function') {
      throw new Error(`trainerCallback: options.model.weights must be a function returning tensors, got ${describe(options.model.weights)}`);
    }
  }
  let run: RunHandle | null = null;
  let artifact: ArtifactNode | null = null;
  let model: { getWeights?: () => readonly (TensorLike | NamedTensorLike)[] } | null = null;
  const nonFinite: string[] = [];
  let lastMetrics: Record<string, number> = {};

  const numbers = (logs: Logs | undefined, where: string): Record<string, number> => {
    const out: Record<string, number> = {};
    if (logs === undefined || logs === null) return out;
    if (!isPlainObject(logs)) throw new Error(`trainerCallback: ${where} logs must be an object, got ${describe(logs)}`);
    for (const [k, v] of Object.entries(logs)) {
      if (typeof v !== 'number') continue;
      if (Number.isFinite(v)) out[k] = v;
      else nonFinite.push(`${where}: ${k}=${v}`);
    }
    return out;
  };
  const mustHaveRun = (caller: string): RunHandle => {
    if (!run) throw new Error(`trainerCallback: ${caller} was called before onTrainBegin`);
    return run;
  };

  return {
    setModel(m: unknown) {
      model = m as typeof model;
    },
    async onTrainBegin(logs?: Logs) {
      if (run) throw new Error(`trainerCallback: onTrainBegin called twice (run ${run.id} already started); use one callback per fit()`);
      numbers(logs, 'train begin');
      run = await lineage.start(options.operation ?? 'fit', {
        kind: 'training',
        inputs: options.inputs,
        params: options.config ?? {},
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.backend !== undefined ? { backend: options.backend } : {}),
      });
    },
    async onEpochEnd(epoch: number, logs?: Logs) {
      const r = mustHaveRun('onEpochEnd');
      if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`trainerCallback: onEpochEnd epoch must be a non-negative integer, got ${describe(epoch)}`);
      lastMetrics = numbers(logs, `epoch ${epoch}`);
      if (options.recordEpochs !== false) await r.progress({ epoch, metrics: lastMetrics });
    },
    async onTrainEnd(logs?: Logs) {
      const r = mustHaveRun('onTrainEnd');
      const metrics = { ...lastMetrics, ...numbers(logs, 'train end') };
      const outputs = [];
      // Model.getWeights() returns clones that the caller owns: dispose them once hashed.
      // Weights from options.model.weights belong to whoever supplied them.
      let owned: readonly (TensorLike | NamedTensorLike)[] = [];
      if (options.model) {
        const getWeights = options.model.weights ?? (model && typeof model.getWeights === 'function' ? () => model!.getWeights!() : undefined);
        if (!getWeights) {
          throw new Error(
            `trainerCallback: cannot hash model '${options.model.name}': give options.model.weights or a model with getWeights() through setModel`,
          );
        }
        const tensors = await getWeights();
        if (options.model.weights === undefined) owned = tensors;
        outputs.push({
          kind: 'artifact' as const,
          name: options.model.name,
          type: options.model.type ?? 'model',
          ...(options.model.format ? { format: options.model.format } : {}),
          tensors,
        });
      }
      let node;
      try {
        node = await r.complete({ outputs, metrics, ...(nonFinite.length ? { summary: { nonFiniteMetrics: nonFinite } } : {}) });
      } finally {
        for (const w of owned) {
          const t = (w as NamedTensorLike).tensor ?? w;
          (t as { dispose?: () => void }).dispose?.();
        }
      }
      const id = node.outputs[0];
      artifact = id ? ((await lineage.graph()).get(id) as ArtifactNode) : null;
    },
    async fail(error: unknown) {
      // A trainer calls this on any failure; before the run began or after it ended there is nothing to record.
      const r = run;
      if (!r || (await r.node()).status !== 'running') return;
      try {
        await r.fail(error);
      } catch (e) {
        throw new Error(`trainerCallback: could not record the failure of run ${r.id}: ${errorMessage(e)}`, { cause: e });
      }
    },
    get run() {
      return run;
    },
    get artifact() {
      return artifact;
    },
  };
}
