/**
 * The time loop shared by SimpleRNN, LSTM and GRU: input projection of all steps at once,
 * one small cell per step, masking of padded steps, reversed processing and sequence output.
 */
import { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ActivationName, checkActivation } from './activations.js';
import { matMulBiasAct } from './fused.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import { positiveInt, type Shape } from './shape.js';

/** Options of every recurrent layer. */
export interface RecurrentConfig extends BaseLayerConfig {
  units: number;
  /** Output every step `[batch, time, units]` instead of the last state `[batch, units]`. Default false. */
  returnSequences?: boolean;
  /** Process the sequence from its end (the output sequence is then in processing order, as Keras). Default false. */
  goBackwards?: boolean;
  /** Output/candidate activation. Default `'tanh'`. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
  /** Input kernel. Default `'glorotUniform'` (Keras). */
  kernelInitializer?: InitializerName;
  /** Recurrent kernel. Default `'orthogonal'` (Keras). */
  recurrentInitializer?: InitializerName;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName;
}

/** Options of gated layers (LSTM, GRU). */
export interface GatedConfig extends RecurrentConfig {
  /** Gate activation. Default `'sigmoid'` (Keras 2+; tfjs-layers defaults to hard sigmoid). */
  recurrentActivation?: ActivationName;
}

/** What a cell prepares once per sequence: per-step input streams `[batch, time, n]` and the step function. */
export interface SequencePlan {
  streams: tf.Tensor[];
  step: (xs: tf.Tensor2D[], states: tf.Tensor2D[]) => tf.Tensor2D[];
}

/**
 * Base of SimpleRNN, LSTM and GRU: a subclass creates its weights and returns a per-step cell
 * from `plan`; the base runs the loop, masks and directions.
 *
 * @example
 * ```ts
 * const layers: Recurrent[] = [new SimpleRNN({ units: 4 }), new LSTM({ units: 4 }), new GRU({ units: 4 })];
 * ```
 */
export abstract class Recurrent extends Layer {
  readonly units: number;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerName;
  readonly recurrentInitializer: InitializerName;
  readonly biasInitializer: InitializerName;
  /** How many state tensors the cell carries (LSTM: h and c). */
  protected abstract readonly numStates: number;

  constructor(config: RecurrentConfig, prefix: string) {
    super(config, prefix);
    this.units = positiveInt(this.name, 'units', config.units);
    this.returnSequences = config.returnSequences ?? false;
    this.goBackwards = config.goBackwards ?? false;
    this.activation = checkActivation(this.name, 'activation', config.activation ?? 'tanh');
    this.useBias = config.useBias ?? true;
    this.kernelInitializer = checkInitializer(
      this.name,
      'kernelInitializer',
      config.kernelInitializer ?? 'glorotUniform',
    );
    this.recurrentInitializer = checkInitializer(
      this.name,
      'recurrentInitializer',
      config.recurrentInitializer ?? 'orthogonal',
    );
    this.biasInitializer = checkInitializer(this.name, 'biasInitializer', config.biasInitializer ?? 'zeros');
  }

  /** Creates the cell's weights for `inDim` input features. */
  protected abstract buildCell(inDim: number): void;

  /** Projects the whole input sequence and returns the per-step function. */
  protected abstract plan(x: tf.Tensor3D): SequencePlan;

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const inDim = this.lastAxis(s, 2);
    this.buildCell(inDim);
    return [null, inDim];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    return this.returnSequences ? [s[0] ?? null, this.units] : [this.units];
  }

  /** The same layer type and config, processing in the other direction (for {@link Bidirectional}). */
  reversedCopy(name: string, seed: number): Recurrent {
    const Ctor = this.constructor as new (config: Record<string, unknown>) => Recurrent;
    return new Ctor({ ...this.getConfig(), name, seed, goBackwards: !this.goBackwards });
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input)) as tf.Tensor3D;
    const [batch, time] = x.shape;
    if (time === 0) throw new Error(`${this.name}: received a sequence of length 0`);
    let masks: tf.Tensor2D[] | null = null;
    if (options.mask !== undefined) {
      const m = options.mask;
      checkSequenceMask(this.name, m, batch, time);
      masks = unstackTime(tf.reshape(tf.transpose(tf.cast(m, 'float32')), [time, batch, 1]));
    }
    const { streams, step } = this.plan(x);
    const perStep = streams.map((s) => unstackTime(tf.transpose(s, [1, 0, 2])));
    const order = Array.from({ length: time }, (_, t) => (this.goBackwards ? time - 1 - t : t));
    let states: tf.Tensor2D[] = Array.from(
      { length: this.numStates },
      () => tf.zeros([batch, this.units]) as tf.Tensor2D,
    );
    const outputs: tf.Tensor2D[] = [];
    for (const t of order) {
      let next = step(
        perStep.map((p) => p[t] as tf.Tensor2D),
        states,
      );
      if (masks !== null) {
        // Padded steps keep the previous state (and so repeat the previous output), as Keras.
        const m = masks[t] as tf.Tensor2D;
        next = next.map((n, i) => {
          const old = states[i] as tf.Tensor2D;
          return tf.add(old, tf.mul(m, tf.sub(n, old)));
        });
      }
      states = next;
      if (this.returnSequences) outputs.push(states[0] as tf.Tensor2D);
    }
    if (!this.returnSequences) return { y: states[0] as tf.Tensor2D };
    return { y: tf.stack(outputs, 1), mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      recurrentInitializer: this.recurrentInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}

/**
 * Base of LSTM and GRU: adds the gate activation.
 *
 * @example
 * ```ts
 * const hardGates: Gated = new LSTM({ units: 8, recurrentActivation: 'sigmoid' });
 * ```
 */
export abstract class Gated extends Recurrent {
  readonly recurrentActivation: ActivationName;

  constructor(config: GatedConfig, prefix: string) {
    super(config, prefix);
    this.recurrentActivation = checkActivation(
      this.name,
      'recurrentActivation',
      config.recurrentActivation ?? 'sigmoid',
    );
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation };
  }
}

/** Throws unless `mask` is `[batch, time]`. */
export function checkSequenceMask(layer: string, mask: tf.Tensor, batch: number, time: number): void {
  if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time) {
    throw new Error(`${layer}: expected mask shape [${batch}, ${time}], received [${mask.shape.join(', ')}]`);
  }
}

/**
 * `[time, batch, n]` -> `time` tensors `[batch, n]`. Time-major, so each step is a contiguous
 * slice (a strided slice per step costs tfjs-backend-cpu several times more). Long sequences go
 * through ~sqrt(time) chunks first: tfjs-backend-wasm 4.22 copies the whole source tensor for
 * every slice it takes, so a flat unstack costs time x size; chunking makes it ~2 sqrt(time) x size.
 */
export function unstackTime(x: tf.Tensor): tf.Tensor2D[] {
  const time = x.shape[0] as number;
  if (time <= 8) return tf.unstack(x) as tf.Tensor2D[];
  const chunk = Math.ceil(Math.sqrt(time));
  const sizes = Array.from({ length: Math.ceil(time / chunk) }, (_, i) => Math.min(chunk, time - i * chunk));
  return tf.split(x, sizes, 0).flatMap((c) => tf.unstack(c) as tf.Tensor2D[]);
}

/** `x @ kernel (+ bias)` for every step at once: `[batch, time, in]` -> `[batch, time, n]`. */
export function projectSequence(x: tf.Tensor3D, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor3D {
  const [b, t, f] = x.shape;
  const n = kernel.shape[1] as number;
  const y = matMulBiasAct(tf.reshape(x, [b * t, f]), kernel as tf.Tensor2D, bias, 'linear');
  return tf.reshape(y, [b, t, n]);
}
