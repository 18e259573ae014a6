import { tf } from '@tessera/backend';
import { activate, type ActivationName, checkActivation } from './activations.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { formatShape, type Shape } from './shape.js';

/** Options of {@link Residual}. */
export interface ResidualConfig extends BaseLayerConfig {
  /** The main path, applied in order. */
  layers: Layer[];
  /** The shortcut path (e.g. a strided 1x1 Conv2D and BatchNormalization); identity when empty. Default []. */
  shortcut?: Layer[];
  /** Applied to the sum. Default `'linear'`. */
  activation?: ActivationName;
}

/**
 * A residual connection: `activation(main(x) + shortcut(x))` (He et al.). Both paths must
 * produce the same shape; the block checks that when it is built.
 *
 * Weights: the main path's layers, then the shortcut's, each under its own name
 * (`residual_1/conv2d_1/kernel`). Sub-layers without a name are named `<prefix>_<n>` per block.
 *
 * @example
 * ```ts
 * const block = new Residual({
 *   layers: [new Conv2D({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
 *            new Conv2D({ filters: 8, kernelSize: 3, padding: 'same' })],
 *   activation: 'relu',
 * });
 * const y = block.apply(tf.ones([1, 8, 8, 8])); // [1, 8, 8, 8]
 * ```
 */
export class Residual extends Layer {
  readonly className: string = 'Residual';
  readonly main: Layer[];
  readonly shortcut: Layer[];
  readonly activation: ActivationName;

  constructor(config: ResidualConfig) {
    super(config, 'residual');
    if (!Array.isArray(config.layers) || config.layers.length === 0) {
      throw new Error(`${this.name}: layers must be a non-empty array of layers`);
    }
    this.main = [...config.layers];
    this.shortcut = [...(config.shortcut ?? [])];
    this.activation = checkActivation(this.name, 'activation', config.activation ?? 'linear');
    nameChildren(this.name, [...this.main, ...this.shortcut]);
  }

  protected override children(): Layer[] {
    return [...this.main, ...this.shortcut];
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    let a: Shape = s;
    for (const l of this.main) {
      l.build(a);
      a = l.computeOutputShape(a);
    }
    let b: Shape = s;
    for (const l of this.shortcut) {
      l.build(b);
      b = l.computeOutputShape(b);
    }
    if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
      throw new Error(`${this.name}: the main path gives ${formatShape(a)} but the shortcut gives ${formatShape(b)}`);
    }
    return s.map(() => null);
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    let a = single(this.name, inputShape);
    for (const l of this.main) a = l.computeOutputShape(a);
    return a;
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = one(this.name, input);
    let a: LayerOutput = { y: x, mask: options.mask };
    for (const l of this.main) a = l.call(a.y, { ...options, mask: a.mask });
    let b: LayerOutput = { y: x, mask: options.mask };
    for (const l of this.shortcut) b = l.call(b.y, { ...options, mask: b.mask });
    return { y: activate(tf.add(a.y, b.y), this.activation), mask: a.mask };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      layers: this.main.map((l) => l.toJSON()),
      shortcut: this.shortcut.map((l) => l.toJSON()),
      activation: this.activation,
    };
  }
}

/**
 * Names unnamed layers `<prefix>_<n>` (counting per prefix, from 1) and checks that all names
 * are unique; `who` names the container in the error.
 */
export function nameChildren(who: string, layers: Layer[]): void {
  const taken = new Set(layers.filter((l) => !l.autoNamed).map((l) => l.name));
  const counts = new Map<string, number>();
  for (const l of layers) {
    if (!l.autoNamed) continue;
    // Idempotent: a layer renamed before keeps its prefix.
    const prefix = l.name.replace(/_\d+$/, '');
    let n = counts.get(prefix) ?? 0;
    do n++;
    while (taken.has(`${prefix}_${n}`));
    counts.set(prefix, n);
    l.name = `${prefix}_${n}`;
  }
  const seen = new Set<string>();
  for (const l of layers) {
    if (seen.has(l.name)) throw new Error(`${who}: two layers are named '${l.name}'; layer names must be unique`);
    seen.add(l.name);
  }
}
