import { tf } from '@tessera/backend';
import type { Layer } from './layers/layer.js';
import { layerFromConfig } from './layers/registry.js';
import { nameChildren } from './layers/residual.js';
import { checkShape, formatShape, type Shape } from './layers/shape.js';
import type { Model, ModelApplyOptions, ModelConfig, NamedTensor } from './model.js';

/** Options of {@link Sequential}. */
export interface SequentialConfig {
  /** Default `'sequential'`. */
  name?: string;
  /** Per-sample input shape (no batch axis); `null` for sizes that vary (sequence length). */
  inputShape: readonly (number | null)[];
  /** `'int32'` for token ids. Default `'float32'`. */
  inputDtype?: 'float32' | 'int32';
  layers: Layer[];
}

/**
 * A stack of layers, each feeding the next (masks flow along with the activations). Builds all
 * weights at construction from `inputShape`. Implements {@link Model}.
 *
 * @example
 * ```ts
 * const model = new Sequential({
 *   name: 'tiny', inputShape: [4],
 *   layers: [new Dense({ units: 8, activation: 'relu' }), new Dense({ units: 3 })],
 * });
 * model.getWeights().map((w) => w.name); // ['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']
 * ```
 */
export class Sequential implements Model {
  readonly name: string;
  readonly inputShape: Shape;
  readonly inputDtype: 'float32' | 'int32';
  readonly layers: readonly Layer[];
  /** Per-sample output shape of each layer, in order. */
  readonly outputShapes: readonly Shape[];
  private disposed = false;

  constructor(config: SequentialConfig) {
    this.name = config.name ?? 'sequential';
    if (
      !Array.isArray(config.inputShape) ||
      !config.inputShape.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 1))
    ) {
      throw new Error(
        `${this.name}: inputShape must be an array of positive integers or null; got ${JSON.stringify(config.inputShape)}`,
      );
    }
    this.inputShape = [...config.inputShape];
    this.inputDtype = config.inputDtype ?? 'float32';
    if (this.inputDtype !== 'float32' && this.inputDtype !== 'int32') {
      throw new Error(
        `${this.name}: inputDtype must be 'float32' or 'int32'; got ${JSON.stringify(config.inputDtype)}`,
      );
    }
    if (!Array.isArray(config.layers) || config.layers.length === 0) {
      throw new Error(`${this.name}: layers must be a non-empty array`);
    }
    this.layers = [...config.layers];
    nameChildren(this.name, [...this.layers]);
    const shapes: Shape[] = [];
    let s: Shape = this.inputShape;
    for (const l of this.layers) {
      try {
        l.build(s);
        s = l.computeOutputShape(s);
      } catch (e) {
        throw new Error(
          `${this.name}: cannot build layer '${l.name}' on input ${formatShape(s)}: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      shapes.push(s);
    }
    this.outputShapes = shapes;
  }

  /** Per-sample output shape of the model. */
  get outputShape(): Shape {
    return this.outputShapes[this.outputShapes.length - 1] as Shape;
  }

  /** The layer with this name. */
  getLayer(name: string): Layer {
    const l = this.layers.find((x) => x.name === name);
    if (l === undefined) {
      throw new Error(
        `${this.name}.getLayer: no layer named '${name}'; layers: ${this.layers.map((x) => x.name).join(', ')}`,
      );
    }
    return l;
  }

  apply(x: tf.Tensor | tf.Tensor[], options: ModelApplyOptions = {}): tf.Tensor {
    this.checkAlive();
    const input = Array.isArray(x) ? x : [x];
    if (input.length !== 1 || !(input[0] instanceof tf.Tensor)) {
      throw new Error(
        `${this.name}: takes one input tensor, received ${Array.isArray(x) ? `${x.length} tensors` : typeof x}`,
      );
    }
    const t = input[0];
    const first = this.layers[0] as Layer;
    checkShape(`${this.name} (layer '${first.name}')`, this.inputShape, t.shape);
    const mask = options.mask;
    if (mask !== undefined && (mask.rank !== 2 || mask.shape[0] !== t.shape[0] || mask.shape[1] !== t.shape[1])) {
      throw new Error(
        `${this.name}: expected mask shape [${t.shape[0]}, ${t.shape[1]}], received [${mask.shape.join(', ')}]`,
      );
    }
    const training = options.training ?? false;
    return tf.tidy(() => {
      let out = { y: t, mask };
      for (const l of this.layers) {
        const r = l.call(out.y, { training, ...(out.mask !== undefined ? { mask: out.mask } : {}) });
        out = { y: r.y, mask: r.mask };
      }
      return out.y;
    });
  }

  /**
   * Every weight's variable with its stable name, in `getWeights()` order. tfjs' own
   * `Variable.name` is a process-wide counter; use these names to key optimizer state or checkpoints.
   *
   * @example
   * ```ts
   * const byVariable = new Map(model.namedVariables().map((w) => [w.variable, w.name]));
   * ```
   */
  namedVariables(): { name: string; variable: tf.Variable }[] {
    return this.layers.flatMap((l) => l.weights().map((w) => ({ name: `${l.name}/${w.name}`, variable: w.variable })));
  }

  get trainableVariables(): tf.Variable[] {
    return this.namedVariables()
      .map((w) => w.variable)
      .filter((v) => v.trainable);
  }

  get nonTrainableVariables(): tf.Variable[] {
    return this.namedVariables()
      .map((w) => w.variable)
      .filter((v) => !v.trainable);
  }

  getWeights(): NamedTensor[] {
    this.checkAlive();
    return this.namedVariables().map((w) => ({ name: w.name, tensor: tf.clone(w.variable) }));
  }

  /** Names, shapes and dtypes of the weights, without touching their values. */
  weightSpecs(): { name: string; shape: number[]; dtype: tf.DataType }[] {
    return this.namedVariables().map((w) => ({ name: w.name, shape: [...w.variable.shape], dtype: w.variable.dtype }));
  }

  setWeights(weights: NamedTensor[] | tf.Tensor[]): void {
    this.checkAlive();
    const own = this.namedVariables();
    if (!Array.isArray(weights)) throw new Error(`${this.name}.setWeights: expected an array; got ${typeof weights}`);
    const byName = weights.length > 0 && !(weights[0] instanceof tf.Tensor);
    const pairs: { name: string; variable: tf.Variable; value: tf.Tensor }[] = [];
    const problems: string[] = [];
    if (byName) {
      const given = new Map<string, tf.Tensor>();
      for (const w of weights as NamedTensor[]) {
        if (typeof w?.name !== 'string' || !(w.tensor instanceof tf.Tensor)) {
          throw new Error(`${this.name}.setWeights: every entry must be a { name, tensor } or every entry a tensor`);
        }
        if (given.has(w.name)) problems.push(`'${w.name}' is given twice`);
        given.set(w.name, w.tensor);
      }
      const missing = own.filter((w) => !given.has(w.name)).map((w) => `'${w.name}'`);
      const known = new Set(own.map((w) => w.name));
      const unexpected = [...given.keys()].filter((n) => !known.has(n)).map((n) => `'${n}'`);
      if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
      if (unexpected.length > 0) problems.push(`unexpected ${unexpected.join(', ')}`);
      for (const w of own) {
        const v = given.get(w.name);
        if (v !== undefined) pairs.push({ ...w, value: v });
      }
    } else {
      if (weights.length !== own.length) {
        throw new Error(
          `${this.name}.setWeights: expected ${own.length} tensors (${own.map((w) => w.name).join(', ')}), received ${weights.length}`,
        );
      }
      own.forEach((w, i) => {
        const v = (weights as tf.Tensor[])[i];
        if (!(v instanceof tf.Tensor)) throw new Error(`${this.name}.setWeights: entry ${i} is not a tensor`);
        pairs.push({ ...w, value: v });
      });
    }
    for (const p of pairs) {
      const shapeOk =
        p.value.shape.length === p.variable.shape.length && p.value.shape.every((d, i) => d === p.variable.shape[i]);
      if (!shapeOk || p.value.dtype !== p.variable.dtype) {
        problems.push(
          `'${p.name}': expected ${p.variable.dtype} [${p.variable.shape.join(', ')}], received ${p.value.dtype} [${p.value.shape.join(', ')}]`,
        );
      }
    }
    if (problems.length > 0) throw new Error(`${this.name}.setWeights: ${problems.join('; ')}`);
    for (const p of pairs) p.variable.assign(p.value);
  }

  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  summary(): string {
    const rows = this.layers.map((l, i) => [
      `${l.name} (${l.className})`,
      formatShape(this.outputShapes[i] as Shape)
        .replace(/^\[/, '(')
        .replace(/\]$/, ')')
        .replace(/null/g, 'None'),
      l.countParams().toLocaleString('en-US'),
    ]);
    const head = ['Layer (type)', 'Output Shape', 'Param #'];
    const w0 = Math.max(28, ...rows.map((r) => (r[0] as string).length + 2));
    const w1 = Math.max(26, ...rows.map((r) => (r[1] as string).length + 2));
    const line = (r: string[]): string =>
      ` ${(r[0] as string).padEnd(w0)}${(r[1] as string).padEnd(w1)}${r[2] as string}`;
    const width = w0 + w1 + 12;
    const total = this.countParams();
    const trainable = this.trainableVariables.reduce((n, v) => n + v.size, 0);
    return [
      `Model: "${this.name}"`,
      '_'.repeat(width),
      line(head),
      '='.repeat(width),
      ...rows.flatMap((r, i) => (i === 0 ? [line(r)] : ['', line(r)])),
      '='.repeat(width),
      `Total params: ${total.toLocaleString('en-US')}`,
      `Trainable params: ${trainable.toLocaleString('en-US')}`,
      `Non-trainable params: ${(total - trainable).toLocaleString('en-US')}`,
      '_'.repeat(width),
    ].join('\n');
  }

  toConfig(): ModelConfig {
    return {
      format: 'tessera-model',
      version: 1,
      className: 'Sequential',
      name: this.name,
      inputShape: [...this.inputShape],
      inputDtype: this.inputDtype,
      layers: this.layers.map((l) => l.toJSON()),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    for (const l of this.layers) l.dispose();
    this.disposed = true;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error(`${this.name}: the model was disposed`);
  }
}

/**
 * Rebuilds a model from `model.toConfig()` (e.g. the JSON stored beside a weights file). With
 * the seeds in the config, the new model starts from the same weights as the original did.
 *
 * @example
 * ```ts
 * const copy = fromConfig(JSON.parse(JSON.stringify(model.toConfig())));
 * copy.setWeights(model.getWeights());
 * ```
 */
export function fromConfig(config: ModelConfig): Sequential {
  if (typeof config !== 'object' || config === null)
    throw new Error(`fromConfig: expected a model config object; got ${String(config)}`);
  if (config.format !== 'tessera-model' || config.version !== 1 || config.className !== 'Sequential') {
    throw new Error(
      `fromConfig: expected format 'tessera-model', version 1, className 'Sequential'; got ` +
        `${JSON.stringify(config.format)}, ${JSON.stringify(config.version)}, ${JSON.stringify(config.className)}`,
    );
  }
  if (!Array.isArray(config.layers)) throw new Error('fromConfig: config.layers must be an array of layer configs');
  const layers = config.layers.map((l, i) => layerFromConfig(l, `fromConfig: layers[${i}]`));
  return new Sequential({ name: config.name, inputShape: config.inputShape, inputDtype: config.inputDtype, layers });
}
