/**
 * Which weights a compression step touches: by name (weight or layer) or pattern, skipping the
 * first/last layer, small tensors or weights a method cannot use. Shared by quantization and
 * pruning so both read the same options the same way.
 */
import type { tf } from '@tessera/backend';
import { checkNumber, fail, show } from './internal/errors.js';

/**
 * A weight name (`'conv2d_1/kernel'`), a layer name (`'conv2d_1'`, all its weights) or a RegExp
 * tested on the weight name.
 *
 * @example
 * ```ts
 * const filters: WeightFilter[] = ['dense_2', /conv2d_\d+\/kernel/];
 * ```
 */
export type WeightFilter = string | RegExp;

/**
 * Options that pick weights, shared by `quantizeModel`, `pruneLowMagnitude` and `sparsity`.
 *
 * @example
 * ```ts
 * const opts: SelectionOptions = { exclude: ['dense_2'], skipFirst: true, minElements: 256 };
 * ```
 */
export interface SelectionOptions {
  /** Only these weights or layers (default: every weight the method applies to). */
  include?: WeightFilter | WeightFilter[];
  /** Never these weights or layers. */
  exclude?: WeightFilter | WeightFilter[];
  /** Leave the first layer that would be touched as it is (often the most sensitive). Default false. */
  skipFirst?: boolean;
  /** Leave the last layer that would be touched as it is (the classifier). Default false. */
  skipLast?: boolean;
  /** Leave tensors with fewer elements as they are. Default 0. */
  minElements?: number;
}

/**
 * A weight's name, layer, local name, shape, and the class of its layer when the model exposes
 * its layers (a `Sequential`).
 *
 * @example
 * ```ts
 * const w: WeightInfo = { name: 'conv2d_1/kernel', layer: 'conv2d_1', local: 'kernel', shape: [3, 3, 1, 8], layerClass: 'Conv2D', dtype: 'float32' };
 * ```
 */
export interface WeightInfo {
  name: string;
  layer: string;
  local: string;
  shape: number[];
  layerClass: string | null;
  dtype: string;
}

/**
 * The structural part of a model this module reads (`layers` when it is a `Sequential`).
 *
 * @example
 * ```ts
 * const m: WeightedModel = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [], numClasses: 2 });
 * ```
 */
export interface WeightedModel {
  getWeights(): { name: string; tensor: tf.Tensor }[];
  readonly layers?: readonly { name: string; className: string }[];
}

/**
 * Names, shapes and layer classes of a model's weights, in `getWeights()` order.
 *
 * @example
 * ```ts
 * describeWeights(model).map((w) => w.name); // ['conv2d_1/kernel', 'conv2d_1/bias', ...]
 * ```
 */
export function describeWeights(model: WeightedModel): WeightInfo[] {
  const ws = model.getWeights();
  try {
    const classes = new Map((model.layers ?? []).map((l) => [l.name, l.className]));
    return ws.map((w) => {
      const slash = w.name.indexOf('/');
      const layer = slash < 0 ? w.name : w.name.slice(0, slash);
      return {
        name: w.name,
        layer,
        local: slash < 0 ? w.name : w.name.slice(slash + 1),
        shape: [...w.tensor.shape],
        layerClass: classes.get(layer) ?? null,
        dtype: w.tensor.dtype,
      };
    });
  } finally {
    for (const w of ws) w.tensor.dispose();
  }
}

function filters(fn: string, arg: string, v: WeightFilter | WeightFilter[] | undefined): WeightFilter[] | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  list.forEach((f, i) => {
    if (typeof f !== 'string' && !(f instanceof RegExp)) fail(fn, `${arg}[${i}]`, 'be a weight or layer name or a RegExp', show(f));
  });
  return list;
}

function matches(w: WeightInfo, f: WeightFilter): boolean {
  if (f instanceof RegExp) {
    f.lastIndex = 0;
    return f.test(w.name);
  }
  return f === w.name || f === w.layer;
}

/**
 * The channel axis of per-channel quantization for a weight: axis 2 for depthwise kernels
 * (`[kh, kw, channels, multiplier]`), axis 0 for embeddings (one row per token, as Hugging
 * Face's int8 embeddings), the last axis (output channels / units / gates) otherwise.
 *
 * @example
 * ```ts
 * channelAxis({ local: 'kernel', shape: [3, 3, 8, 16] }); // 3
 * channelAxis({ local: 'depthwise_kernel', shape: [3, 3, 8, 1] }); // 2
 * ```
 */
export function channelAxis(w: Pick<WeightInfo, 'local' | 'shape'>): number {
  const leaf = w.local.slice(w.local.lastIndexOf('/') + 1);
  if (leaf === 'depthwise_kernel') return 2;
  if (leaf === 'embeddings') return 0;
  return w.shape.length - 1;
}

/**
 * The names of the weights a method touches: `eligible` weights, narrowed by `include`,
 * `exclude`, `minElements`, then without the first/last touched layer when asked. Names in
 * `include`/`exclude` that match no weight are an error (a typo would otherwise do nothing).
 *
 * @example
 * ```ts
 * selectWeights('quantizeModel', describeWeights(model), { skipLast: true }, (w) => w.shape.length >= 2);
 * ```
 */
export function selectWeights(
  fn: string,
  weights: readonly WeightInfo[],
  options: SelectionOptions,
  eligible: (w: WeightInfo) => boolean,
): Set<string> {
  const include = filters(fn, 'options.include', options.include);
  const exclude = filters(fn, 'options.exclude', options.exclude);
  const minElements = checkNumber(fn, 'options.minElements', options.minElements ?? 0, { min: 0, integer: true });
  for (const [arg, list] of [['options.include', include], ['options.exclude', exclude]] as const) {
    for (const f of list ?? []) {
      if (!weights.some((w) => matches(w, f))) {
        fail(fn, arg, `name weights or layers of the model (${[...new Set(weights.map((w) => w.layer))].join(', ')})`, show(f));
      }
    }
  }
  let picked = weights.filter(
    (w) =>
      eligible(w) &&
      (include === undefined || include.some((f) => matches(w, f))) &&
      !(exclude ?? []).some((f) => matches(w, f)) &&
      w.shape.reduce((a, b) => a * b, 1) >= minElements,
  );
  const layers = [...new Set(picked.map((w) => w.layer))];
  const drop = new Set<string>();
  if (options.skipFirst === true && layers.length > 0) drop.add(layers[0] as string);
  if (options.skipLast === true && layers.length > 0) drop.add(layers[layers.length - 1] as string);
  picked = picked.filter((w) => !drop.has(w.layer));
  return new Set(picked.map((w) => w.name));
}
