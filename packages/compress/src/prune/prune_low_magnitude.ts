/**
 * Magnitude pruning of a model's weights (TF-MOT `prune_low_magnitude`, PyTorch
 * `l1_unstructured` / `global_unstructured`): masks live beside the model and are multiplied
 * into the weights. The returned `Pruning` is a trainer callback (matched structurally; this
 * package does not import the trainer): during fine-tuning it updates the masks on its schedule
 * and keeps pruned weights at zero after every optimizer step. `strip` makes the zeros final.
 */
import { tf } from '@tessera/backend';
import type { Model, NamedTensor } from '@tessera/models';
import { checkModel } from '../compressed_model.js';
import { checkEnum, checkNumber, checkOptions, fail, show } from '../internal/errors.js';
import { describeWeights, selectWeights, type SelectionOptions, type WeightInfo } from '../select_weights.js';
import { checkSparsity, globalMagnitudeMasks, magnitudeMask } from './magnitude.js';
import { nmMask } from './n_m.js';
import type { PruningSchedule } from './schedules.js';

/**
 * Options of {@link pruneLowMagnitude}: give exactly one of `sparsity`, `schedule`, `nm`.
 *
 * @example
 * ```ts
 * const oneShot: PruneOptions = { sparsity: 0.8, scope: 'global' };
 * const scheduled: PruneOptions = { schedule: polynomialDecay({ initialSparsity: 0, finalSparsity: 0.8, beginStep: 0, endStep: 200 }) };
 * const semi: PruneOptions = { nm: { n: 2, m: 4 } };
 * ```
 */
export interface PruneOptions extends SelectionOptions {
  /** Prune to this sparsity now and keep the masks fixed while fine-tuning. In [0, 1). */
  sparsity?: number;
  /** Update the masks during fine-tuning as the schedule says (by optimizer step). */
  schedule?: PruningSchedule;
  /** N:M sparsity now: at most `n` non-zeros in every `m` consecutive input channels. */
  nm?: { n: number; m: number };
  /** `'layer'`: each weight reaches the sparsity; `'global'`: one threshold over all selected weights. Default `'layer'`. */
  scope?: 'layer' | 'global';
}

/**
 * Sparsity of each pruned weight and overall (exact zeros over elements).
 *
 * @example
 * ```ts
 * const r: SparsityReport = { overall: 0.8, perWeight: { 'dense_1/kernel': 0.8 }, zeros: 800, total: 1000 };
 * ```
 */
export interface SparsityReport {
  overall: number;
  perWeight: Record<string, number>;
  zeros: number;
  total: number;
}

/** What `setTrainer` hands a callback (the part used here). */
interface TrainerView {
  readonly globalStep: number;
}

/**
 * A pruning in progress: masks for the selected weights, usable as a trainer `Callback`.
 *
 * @example
 * ```ts
 * const pruning = pruneLowMagnitude(model, { sparsity: 0.8 });
 * await fit(model, data, { ..., callbacks: [pruning] }); // pruned weights stay zero
 * const report = strip(pruning);
 * ```
 */
export class Pruning {
  /** The names of the pruned weights. */
  readonly weightNames: readonly string[];
  /** The sparsity the masks were last computed for. */
  lastSparsity: number;
  private readonly model: Model;
  private readonly variables: Map<string, tf.Variable>;
  private readonly masks = new Map<string, tf.Tensor>();
  private readonly infos: WeightInfo[];
  private readonly schedule: PruningSchedule | null;
  private readonly scope: 'layer' | 'global';
  private trainer: TrainerView | null = null;
  private step = 0;
  private stripped = false;

  /** Use {@link pruneLowMagnitude}. */
  constructor(model: Model, infos: WeightInfo[], variables: Map<string, tf.Variable>, settings: { schedule: PruningSchedule | null; scope: 'layer' | 'global' }) {
    this.model = model;
    this.infos = infos;
    this.variables = variables;
    this.weightNames = infos.map((w) => w.name);
    this.schedule = settings.schedule;
    this.scope = settings.scope;
    this.lastSparsity = 0;
  }

  /** Recomputes the masks from the current weights at a sparsity (magnitude), and applies them. */
  updateMasks(sparsity: number): void {
    this.checkAlive('updateMasks');
    const s = checkSparsity('Pruning.updateMasks', 'sparsity', sparsity);
    const values = this.infos.map((w) => (this.variables.get(w.name) as tf.Variable).dataSync() as Float32Array);
    const masks = this.scope === 'global' ? globalMagnitudeMasks(values, s) : values.map((v) => magnitudeMask(v, s));
    this.setMasks(masks);
    this.lastSparsity = s;
  }

  /** Sets N:M masks from the current weights, and applies them. */
  updateNmMasks(n: number, m: number): void {
    this.checkAlive('updateNmMasks');
    const masks = this.infos.map((w) => nmMask((this.variables.get(w.name) as tf.Variable).dataSync() as Float32Array, w.shape, n, m));
    this.setMasks(masks);
    this.lastSparsity = 1 - n / m;
  }

  private setMasks(masks: Uint8Array[]): void {
    this.infos.forEach((w, i) => {
      this.masks.get(w.name)?.dispose();
      this.masks.set(w.name, tf.tensor(Float32Array.from(masks[i] as Uint8Array), w.shape, 'float32'));
    });
    this.applyMasks();
  }

  /** Multiplies the masks into the weights (pruned weights become exactly zero). */
  applyMasks(): void {
    this.checkAlive('applyMasks');
    for (const [name, mask] of this.masks) {
      const v = this.variables.get(name) as tf.Variable;
      // + 0 turns the -0 of negative weights times 0 into +0: plain zeros in files and checks.
      tf.tidy(() => v.assign(tf.add(tf.mul(v, mask), 0)));
    }
  }

  /** The masks as 0/1 arrays, by weight name. */
  getMasks(): Record<string, Uint8Array> {
    const out: Record<string, Uint8Array> = {};
    for (const [name, m] of this.masks) out[name] = Uint8Array.from(m.dataSync() as Float32Array);
    return out;
  }

  /** Trainer hook: remembers the trainer to read its optimizer step. */
  setTrainer(trainer: TrainerView): void {
    this.trainer = trainer;
  }

  /** Trainer hook. */
  onTrainBegin(): void {
    this.checkAlive('onTrainBegin');
    this.applyMasks();
  }

  /** Trainer hook: updates the masks when the schedule says so at this step, then applies them. */
  onBatchBegin(): void {
    this.checkAlive('onBatchBegin');
    const step = this.trainer?.globalStep ?? this.step;
    if (this.schedule !== null) {
      const d = this.schedule.at(step);
      if (d.prune) {
        this.updateMasks(d.sparsity);
        return;
      }
    }
    this.applyMasks();
  }

  /** Trainer hook: the optimizer step moved pruned weights; put them back to zero. */
  onBatchEnd(): void {
    this.applyMasks();
    this.step++;
  }

  /** Trainer hook. */
  onTrainEnd(): void {
    this.applyMasks();
  }

  /** Checkpoint state: the step and the masks. */
  getState(): { json: unknown; tensors: NamedTensor[] } {
    return {
      json: { step: this.step, lastSparsity: this.lastSparsity },
      tensors: [...this.masks].map(([name, m]) => ({ name, tensor: tf.clone(m) })),
    };
  }

  /** Restores {@link getState} (the trainer calls it when resuming). */
  setState(state: { json: unknown; tensors?: NamedTensor[] }): void {
    const j = state.json as { step?: unknown; lastSparsity?: unknown };
    this.step = checkNumber('Pruning.setState', 'state.json.step', j?.step, { min: 0, integer: true });
    this.lastSparsity = checkSparsity('Pruning.setState', 'state.json.lastSparsity', j.lastSparsity);
    for (const t of state.tensors ?? []) {
      if (!this.variables.has(t.name)) fail('Pruning.setState', 'state.tensors', `name pruned weights (${this.weightNames.join(', ')})`, `'${t.name}'`);
      this.masks.get(t.name)?.dispose();
      this.masks.set(t.name, tf.clone(t.tensor));
    }
  }

  /** Sparsity of the pruned weights now (exact zeros in the weights). */
  sparsity(): SparsityReport {
    const perWeight: Record<string, number> = {};
    let zeros = 0;
    let total = 0;
    for (const name of this.weightNames) {
      const v = (this.variables.get(name) as tf.Variable).dataSync();
      let z = 0;
      for (let i = 0; i < v.length; i++) if (v[i] === 0) z++;
      perWeight[name] = v.length === 0 ? 0 : z / v.length;
      zeros += z;
      total += v.length;
    }
    return { overall: total === 0 ? 0 : zeros / total, perWeight, zeros, total };
  }

  /** See {@link strip}. */
  strip(): SparsityReport {
    this.checkAlive('strip');
    this.applyMasks();
    const report = this.sparsity();
    this.dispose();
    this.stripped = true;
    return report;
  }

  /** Frees the masks without applying them again. */
  dispose(): void {
    for (const m of this.masks.values()) m.dispose();
    this.masks.clear();
    this.stripped = true;
  }

  private checkAlive(what: string): void {
    if (this.stripped) throw new Error(`Pruning.${what}: this pruning of model '${this.model.name}' was stripped or disposed; start a new one with pruneLowMagnitude`);
  }
}

/**
 * Starts magnitude pruning of a model's kernels (float weights of rank >= 2; biases and
 * normalization parameters are left alone). With `sparsity` or `nm` the masks are computed and
 * applied now; with `schedule` they start all-ones and follow the schedule while the returned
 * callback runs in `fit`.
 *
 * @example
 * ```ts
 * const pruning = pruneLowMagnitude(model, {
 *   schedule: polynomialDecay({ initialSparsity: 0.2, finalSparsity: 0.8, beginStep: 0, endStep: 100, frequency: 10 }),
 * });
 * await fit(model, train, { epochs: 3, optimizer, loss: 'softmaxCrossEntropy', callbacks: [pruning] });
 * strip(pruning).overall; // 0.8
 * ```
 */
export function pruneLowMagnitude(model: Model, options: PruneOptions): Pruning {
  const fn = 'pruneLowMagnitude';
  checkModel(fn, model);
  const o = checkOptions(fn, 'options', options);
  const given = (['sparsity', 'schedule', 'nm'] as const).filter((k) => o[k] !== undefined);
  if (given.length !== 1) fail(fn, 'options', 'give exactly one of sparsity, schedule, nm', given.length === 0 ? 'none' : given.join(' and '));
  const scope = checkEnum(fn, 'options.scope', o.scope ?? 'layer', ['layer', 'global'] as const);
  let sparsity: number | null = null;
  let nm: { n: number; m: number } | null = null;
  if (o.sparsity !== undefined) sparsity = checkSparsity(fn, 'options.sparsity', o.sparsity);
  if (o.schedule !== undefined && (typeof o.schedule !== 'object' || o.schedule === null || typeof o.schedule.at !== 'function')) {
    fail(fn, 'options.schedule', 'be a schedule from polynomialDecay() or constantSparsity()', show(o.schedule));
  }
  if (o.nm !== undefined) {
    if (typeof o.nm !== 'object' || o.nm === null) fail(fn, 'options.nm', 'be { n, m }', show(o.nm));
    const m = checkNumber(fn, 'options.nm.m', o.nm.m, { min: 2, integer: true });
    const n = checkNumber(fn, 'options.nm.n', o.nm.n, { min: 1, max: m - 1, integer: true });
    if (scope === 'global') fail(fn, 'options.scope', "be 'layer' with nm (groups are local)", "'global'");
    nm = { n, m };
  }
  const infos = describeWeights(model);
  const picked = selectWeights(fn, infos, o, (w) => w.dtype === 'float32' && w.shape.length >= 2);
  if (picked.size === 0) fail(fn, 'options', 'select at least one kernel (float weight of rank >= 2)', 'none selected');
  const seq = model as unknown as { namedVariables?: () => { name: string; variable: tf.Variable }[] };
  if (typeof seq.namedVariables !== 'function') fail(fn, 'model', 'expose namedVariables() (a Sequential) so the masks can be kept in its variables', show(model));
  const variables = new Map(seq.namedVariables().filter((v) => picked.has(v.name)).map((v) => [v.name, v.variable]));
  const chosen = infos.filter((w) => picked.has(w.name));
  for (const w of chosen) {
    const d = (variables.get(w.name) as tf.Variable).dataSync();
    const bad = (d as Float32Array).findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) fail(fn, `model '${model.name}' weight '${w.name}'`, 'hold finite values only', `${d[bad]} at flat index ${bad}`);
  }
  const pruning = new Pruning(model, chosen, variables, { schedule: o.schedule ?? null, scope });
  if (sparsity !== null) pruning.updateMasks(sparsity);
  if (nm !== null) pruning.updateNmMasks(nm.n, nm.m);
  if (o.schedule !== undefined) pruning.updateMasks(0);
  return pruning;
}

/**
 * Ends a pruning: applies the masks one last time and frees them, so the zeros are plain
 * weights of the model (TF-MOT `strip_pruning`, PyTorch `prune.remove`). Returns the sparsity
 * reached. The `Pruning` cannot be used afterwards.
 *
 * @example
 * ```ts
 * const { overall, perWeight } = strip(pruning);
 * ```
 */
export function strip(pruning: Pruning): SparsityReport {
  if (!(pruning instanceof Pruning)) fail('strip', 'pruning', 'be the result of pruneLowMagnitude', show(pruning));
  return pruning.strip();
}
