/**
 * The base of every layer: naming, seeded weight creation, lazy or eager building from an
 * input shape, input checks, config round trips and disposal.
 *
 * Building: a layer creates its weights in `build(inputShape)`. A model calls it eagerly,
 * layer after layer, from the model's input shape (so `countParams()` works right after
 * construction); a layer used on its own builds lazily from the first input it is applied to.
 */
import { getRng, Rng, tf } from '@tessera/backend';
import { type Fans, initialize, type InitializerName } from '../initializers.js';
import { checkShape, formatShape, type Shape } from './shape.js';

/** Options of a forward call. */
export interface ApplyOptions {
  /** Training mode: dropout is active and batch normalization uses (and updates) batch statistics. */
  training?: boolean;
  /**
   * For sequence inputs `[batch, time, ...]`: `[batch, time]` with 1 (or true) for real steps and
   * 0 for padding. Recurrent layers carry their state over padded steps, attention ignores padded
   * keys, and average pooling averages real steps only.
   */
  mask?: tf.Tensor;
}

/** What a layer hands to the next one inside a model: its output and the mask that goes with it. */
export interface LayerOutput {
  y: tf.Tensor;
  mask?: tf.Tensor | undefined;
}

/** One weight of a layer: its local name (e.g. `kernel`), its variable and whether training updates it. */
export interface LayerWeight {
  name: string;
  variable: tf.Variable;
  trainable: boolean;
}

/** The `{ className, config }` pair that `layerFromConfig` turns back into a layer. */
export interface LayerJson {
  className: string;
  config: Record<string, unknown>;
}

/** Options every layer accepts. */
export interface BaseLayerConfig {
  /** Unique within a model; models name unnamed layers `<prefix>_<n>` (e.g. `conv2d_1`). */
  name?: string;
  /** Seed of the layer's initializers and dropout masks. Default: drawn from the process-wide `getRng()`. */
  seed?: number;
  /** When false, the layer's weights are frozen (not in `trainableVariables`). Default true. */
  trainable?: boolean;
}

/**
 * Whether tfjs-core is recording a gradient tape now (inside `tf.grads`, `variableGrads`,
 * `optimizer.minimize`). tfjs-core's fused ops fall back to unfused ops there unless their
 * activation is linear, so layers fuse only the bias then.
 *
 * @example
 * ```ts
 * recordingGradients(); // false
 * tf.variableGrads(() => { console.log(recordingGradients()); return tf.sum(w); }); // logs true
 * ```
 */
export function recordingGradients(): boolean {
  return ((tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth ?? 0) > 0;
}

/**
 * Base class of all layers.
 *
 * @example
 * ```ts
 * const d = new Dense({ units: 3 });
 * const y = d.apply(tf.ones([2, 4])); // builds a [4, 3] kernel on first use
 * ```
 */
export abstract class Layer {
  /** Keras-style class name, used by configs (`'Dense'`). */
  abstract readonly className: string;
  /** The layer's name; weight names are `<name>/<weight>`. */
  name: string;
  /** Whether a model may rename this layer (true when no name was given). */
  readonly autoNamed: boolean;
  /** The seed the layer's weights (and dropout masks) derive from. */
  readonly seed: number;
  /** The per-sample input shape the layer was built for, with `null` where any size is accepted. */
  inputSpec: Shape | null = null;
  protected readonly ownWeights: LayerWeight[] = [];
  /** Initializer stream; created at build. */
  protected rng: Rng;
  private _trainable: boolean;
  private _built = false;
  private _disposed = false;

  constructor(config: BaseLayerConfig, prefix: string) {
    if (config.name !== undefined && (typeof config.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(config.name))) {
      throw new Error(
        `${prefix}: name must be a non-empty string of letters, digits, '_', '.', '-'; got ${JSON.stringify(config.name)}`,
      );
    }
    if (config.seed !== undefined && !Number.isInteger(config.seed)) {
      throw new Error(`${config.name ?? prefix}: seed must be an integer; got ${String(config.seed)}`);
    }
    this.name = config.name ?? prefix;
    this.autoNamed = config.name === undefined;
    this.seed = config.seed ?? getRng().nextSeed();
    this.rng = new Rng(this.seed);
    this._trainable = config.trainable ?? true;
  }

  /** Whether `build` has run. */
  get built(): boolean {
    return this._built;
  }

  /** Whether training updates this layer's weights. Setting it freezes or unfreezes them all. */
  get trainable(): boolean {
    return this._trainable;
  }

  set trainable(v: boolean) {
    this._trainable = v;
    for (const w of this.weights()) w.variable.trainable = v && w.trainable;
  }

  /** Child layers whose weights follow this layer's own, named `<child>/<weight>`. */
  protected children(): Layer[] {
    return [];
  }

  /**
   * All weights in order (own weights first, kernel before bias, then the children's), with
   * names local to this layer (`kernel`, `forward_lstm/kernel`).
   */
  weights(): LayerWeight[] {
    const out = [...this.ownWeights];
    for (const c of this.children()) {
      for (const w of c.weights()) out.push({ ...w, name: `${c.name}/${w.name}` });
    }
    return out;
  }

  /** Number of scalars in all weights (trainable or not). */
  countParams(): number {
    return this.weights().reduce((n, w) => n + w.variable.size, 0);
  }

  /**
   * Creates the weights for a per-sample input shape (no batch axis). Idempotent: a built layer
   * only checks that the shape fits.
   */
  build(inputShape: Shape | Shape[]): void {
    this.checkAlive();
    if (this._built) {
      if (this.inputSpec !== null && !Array.isArray(inputShape[0])) this.checkSpec(inputShape as Shape);
      return;
    }
    this.rng = new Rng(this.seed);
    this.inputSpec = this.doBuild(inputShape);
    this._built = true;
    if (!this._trainable) this.trainable = false;
  }

  /**
   * Creates the weights and returns the input spec the layer accepts from now on (the shape
   * with `null` wherever any size works).
   */
  protected abstract doBuild(inputShape: Shape | Shape[]): Shape | null;

  /** Per-sample output shape for a per-sample input shape. */
  abstract computeOutputShape(inputShape: Shape | Shape[]): Shape;

  /** The forward computation on checked inputs; runs inside the caller's `tf.tidy`. */
  protected abstract forward(x: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput;

  /** Serialisable config; `layerFromConfig` rebuilds an equal layer from it. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, seed: this.seed, trainable: this._trainable };
  }

  /** `{ className, config }`. */
  toJSON(): LayerJson {
    return { className: this.className, config: this.getConfig() };
  }

  /**
   * Runs the layer inside a model: builds it from the input if needed, checks the input
   * shape, and returns output and mask. Does not tidy (the model does).
   */
  call(x: tf.Tensor | tf.Tensor[], options: ApplyOptions = {}): LayerOutput {
    this.checkAlive();
    const first = Array.isArray(x) ? x[0] : x;
    if (first === undefined) throw new Error(`${this.name}: received an empty list of inputs`);
    if (!this._built) {
      this.build(Array.isArray(x) ? x.map((t) => [...t.shape.slice(1)]) : [...x.shape.slice(1)]);
    }
    if (!Array.isArray(x) && this.inputSpec !== null) checkShape(this.name, this.inputSpec, x.shape);
    return this.forward(x, options);
  }

  /**
   * Applies the layer to a batch and returns its output (a new tensor the caller disposes).
   *
   * @example
   * ```ts
   * const y = new Dense({ units: 2, seed: 1 }).apply(tf.ones([4, 3]));
   * ```
   */
  apply(x: tf.Tensor | tf.Tensor[], options: ApplyOptions = {}): tf.Tensor {
    return tf.tidy(() => this.call(x, options).y);
  }

  /** Frees the layer's weights. The layer cannot be used afterwards. */
  dispose(): void {
    if (this._disposed) return;
    for (const w of this.ownWeights) w.variable.dispose();
    for (const c of this.children()) c.dispose();
    this.disposeExtra();
    this._disposed = true;
  }

  /** Frees tensors a layer holds besides its weights (e.g. a constant positional table). */
  protected disposeExtra(): void {}

  /** Throws when the layer was disposed. */
  protected checkAlive(): void {
    if (this._disposed) throw new Error(`${this.name}: the layer was disposed`);
  }

  /** Throws when a per-sample shape does not fit the spec. */
  protected checkSpec(shape: Shape): void {
    const spec = this.inputSpec;
    if (spec === null) return;
    const ok = shape.length === spec.length && spec.every((d, i) => d === null || shape[i] === null || d === shape[i]);
    if (!ok) throw new Error(`${this.name}: expected input shape ${formatShape(spec)}, received ${formatShape(shape)}`);
  }

  /** Creates a float32 variable from a seeded initializer (drawn in creation order). */
  protected addWeight(
    name: string,
    shape: readonly number[],
    init: InitializerName | Float32Array,
    options: { trainable?: boolean; fans?: Fans } = {},
  ): tf.Variable {
    const values = init instanceof Float32Array ? init : initialize(init, shape, this.rng, options.fans);
    const trainable = options.trainable ?? true;
    const t = tf.tensor(values, [...shape], 'float32');
    // Engine variable names must be unique process-wide, so tfjs names them; ours live in LayerWeight.
    const v = tf.variable(t, trainable && this._trainable);
    t.dispose();
    this.ownWeights.push({ name, variable: v, trainable });
    return v;
  }

  /** Checks that a per-sample shape has the given rank and a known last axis; returns that axis. */
  protected lastAxis(shape: Shape | Shape[], rank: number | 'any'): number {
    if (Array.isArray(shape[0])) throw new Error(`${this.name}: takes one input, received ${shape.length}`);
    const s = shape as Shape;
    if (rank !== 'any' && s.length !== rank) {
      throw new Error(
        `${this.name}: expected input of rank ${rank + 1} (shape ${formatShape(Array.from({ length: rank }, () => null))}), ` +
          `received ${formatShape(s)}`,
      );
    }
    const last = s[s.length - 1];
    if (last === null || last === undefined) {
      throw new Error(`${this.name}: the last input axis must be known; received ${formatShape(s)}`);
    }
    return last;
  }
}

/** One input shape (throws when a layer that takes one input is given several). */
export function single(who: string, shape: Shape | Shape[]): Shape {
  if (shape.length > 0 && Array.isArray(shape[0])) throw new Error(`${who}: takes one input, received ${shape.length}`);
  return shape as Shape;
}

/** One input tensor (throws when a layer that takes one input is given several). */
export function one(who: string, x: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (Array.isArray(x)) {
    if (x.length !== 1 || x[0] === undefined) throw new Error(`${who}: takes one input tensor, received ${x.length}`);
    return x[0];
  }
  return x;
}

/** Float input: integer tensors (e.g. raw pixels) are cast, as Keras does. */
export function asFloat(x: tf.Tensor): tf.Tensor {
  return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
}
