/**
 * Structured pruning (Li et al. 2017, "Pruning Filters for Efficient ConvNets"; PyTorch
 * `ln_structured`): whole Conv2D filters (or Dense units) with the smallest L1/L2 norm are
 * removed, and the layers that read them are rewired, so the result is a smaller dense model
 * that is faster as well as smaller (unstructured zeros save neither in tfjs).
 */
import { tf } from '@tessera/backend';
import { fromConfig, type LayerJson, type Sequential } from '@tessera/models';
import { checkEnum, checkNumber, checkOptions, fail, numel, show } from '../internal/errors.js';
import { checkSequential } from '../quantize/calibrate.js';
import type { WeightFilter } from '../select_weights.js';

/**
 * Options of {@link pruneFilters}.
 *
 * @example
 * ```ts
 * const o: PruneFiltersOptions = { fraction: 0.5, norm: 1, layers: ['conv2d_2'] };
 * ```
 */
export interface PruneFiltersOptions {
  /** Share of filters (units) to remove from each pruned layer, in [0, 1). */
  fraction: number;
  /** Rank filters by L1 (default) or L2 norm of their weights. */
  norm?: 1 | 2;
  /**
   * Layers to prune, by name or RegExp on the name. Default: every Conv2D whose output feeds a
   * layer that can be rewired. Dense layers are pruned (by units) only when named here.
   */
  layers?: WeightFilter | WeightFilter[];
}

/**
 * The smaller model and what was kept.
 *
 * @example
 * ```ts
 * const r: PruneFiltersResult = pruneFilters(model, { fraction: 0.5 });
 * r.kept.conv2d_1; // indices of the filters kept, ascending
 * ```
 */
export interface PruneFiltersResult {
  /** A new model (the original is unchanged); the caller disposes it. */
  model: Sequential;
  /** Indices of the filters (units) kept in each pruned layer, ascending. */
  kept: Record<string, number[]>;
  paramsBefore: number;
  paramsAfter: number;
  /** Parameters of Conv2D and DepthwiseConv2D layers (kernels and biases) before and after. */
  convParamsBefore: number;
  convParamsAfter: number;
}

/** Layers a channel selection passes through unchanged. */
const PASS_THROUGH = new Set(['Activation', 'MaxPooling2D', 'AveragePooling2D', 'Dropout', 'GlobalAveragePooling2D']);
/** Layers that read channels and can be rewired. */
const REWIRABLE = new Set([...PASS_THROUGH, 'BatchNormalization', 'DepthwiseConv2D', 'Flatten', 'Conv2D', 'Dense']);

/**
 * Values of `values` (shape `shape`) with only `keep` indices along `axis`.
 *
 * @example
 * ```ts
 * takeAlong(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], 1, [0, 2]); // [1, 3, 4, 6]
 * ```
 */
export function takeAlong(values: Float32Array, shape: readonly number[], axis: number, keep: readonly number[]): Float32Array {
  const outer = numel(shape.slice(0, axis));
  const len = shape[axis] as number;
  const inner = numel(shape.slice(axis + 1));
  const out = new Float32Array(outer * keep.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (const k of keep) {
      const from = (o * len + k) * inner;
      out.set(values.subarray(from, from + inner), at);
      at += inner;
    }
  }
  return out;
}

function norms(values: Float32Array, shape: readonly number[], p: 1 | 2): Float64Array {
  const units = shape[shape.length - 1] as number;
  const out = new Float64Array(units);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i % units] = (out[i % units] as number) + (p === 1 ? Math.abs(v) : v * v);
  }
  return out;
}

function matches(name: string, f: WeightFilter): boolean {
  if (f instanceof RegExp) {
    f.lastIndex = 0;
    return f.test(name);
  }
  return f === name;
}

const CONV = new Set(['Conv2D', 'DepthwiseConv2D']);

/**
 * Removes the lowest-norm `fraction` of filters from Conv2D layers (and units from Dense layers
 * named in `layers`) and rewires what reads them: the next Conv2D's or Dense's input channels,
 * BatchNormalization and DepthwiseConv2D channels on the way, and the rows of a Dense after
 * Flatten or GlobalAveragePooling2D. Filters are ranked on the original weights, each layer on
 * its own. Returns a new, smaller model; with `fraction: 0.5` on every conv, the first conv
 * halves and every later conv keeps about a quarter (half its inputs, half its filters).
 *
 * @example
 * ```ts
 * const { model: small, kept } = pruneFilters(model, { fraction: 0.5 });
 * small.countParams(); // much smaller; small.apply(x) has the same output shape
 * ```
 */
export function pruneFilters(model: Sequential, options: PruneFiltersOptions): PruneFiltersResult {
  const fn = 'pruneFilters';
  checkSequential(fn, model);
  const o = checkOptions(fn, 'options', options);
  const fraction = checkNumber(fn, 'options.fraction', o.fraction, { min: 0, max: 1, exclusiveMax: true });
  const p = o.norm === undefined ? 1 : (checkEnum(fn, 'options.norm', String(o.norm), ['1', '2'] as const) === '1' ? 1 : 2);
  const layers = model.layers;
  const explicit = o.layers === undefined ? null : Array.isArray(o.layers) ? o.layers : [o.layers];
  for (const f of explicit ?? []) {
    if (typeof f !== 'string' && !(f instanceof RegExp)) fail(fn, 'options.layers', 'hold layer names or RegExps', show(f));
    if (!layers.some((l) => matches(l.name, f))) fail(fn, 'options.layers', `name layers of the model (${layers.map((l) => l.name).join(', ')})`, show(f));
  }

  // Where each candidate's channels go: the layers up to and including the next consumer.
  const consumerOf = (i: number): { ok: true } | { ok: false; why: string } => {
    for (let j = i + 1; j < layers.length; j++) {
      const l = layers[j] as (typeof layers)[number];
      if (!REWIRABLE.has(l.className)) return { ok: false, why: `layer '${l.name}' (${l.className}) reads its channels and cannot be rewired` };
      if (l.className === 'Conv2D' || l.className === 'Dense') return { ok: true };
    }
    return { ok: false, why: 'its output is the model output' };
  };
  const targets = new Set<number>();
  layers.forEach((l, i) => {
    const picked = explicit === null ? l.className === 'Conv2D' : explicit.some((f) => matches(l.name, f));
    if (!picked) return;
    if (l.className !== 'Conv2D' && l.className !== 'Dense') {
      fail(fn, 'options.layers', 'name Conv2D or Dense layers', `'${l.name}' (${l.className})`);
    }
    const c = consumerOf(i);
    if (!c.ok) {
      if (explicit === null && c.why === 'its output is the model output') return;
      fail(fn, `layer '${l.name}'`, 'feed a layer that can be rewired (Conv2D, Dense, through BatchNormalization, DepthwiseConv2D, pooling, Flatten, Dropout, Activation)', c.why);
    }
    targets.add(i);
  });
  if (targets.size === 0) fail(fn, 'model', 'have a Conv2D (or named Dense) layer whose output feeds another layer', 'none');

  const ws = model.getWeights();
  const values = new Map<string, { v: Float32Array; shape: number[] }>();
  for (const w of ws) values.set(w.name, { v: Float32Array.from(w.tensor.dataSync() as Float32Array), shape: [...w.tensor.shape] });
  tf.dispose(ws.map((w) => w.tensor));

  const config = model.toConfig();
  const newLayers: LayerJson[] = config.layers.map((l) => ({ className: l.className, config: { ...l.config } }));
  const out: { name: string; v: Float32Array; shape: number[] }[] = [];
  const kept: Record<string, number[]> = {};
  let sel: number[] | null = null; // the channels of the current activation that remain
  let shape: readonly (number | null)[] = model.inputShape;
  layers.forEach((l, i) => {
    const get = (local: string): { v: Float32Array; shape: number[] } | undefined => values.get(`${l.name}/${local}`);
    const put = (local: string, v: Float32Array, s: number[]): void => void out.push({ name: `${l.name}/${local}`, v, shape: s });
    const own = l.weights().map((w) => w.name);
    let next: number[] | null = sel;
    if (l.className === 'Conv2D' || l.className === 'Dense') {
      const k = get('kernel') as { v: Float32Array; shape: number[] };
      let kv = k.v;
      const ks = [...k.shape];
      const inAxis = ks.length - 2;
      if (sel !== null) {
        kv = takeAlong(kv, ks, inAxis, sel);
        ks[inAxis] = sel.length;
      }
      const bias = get('bias');
      if (targets.has(i)) {
        const units = ks[ks.length - 1] as number;
        const keepCount = Math.max(1, units - Math.round(fraction * units));
        const n = norms(k.v, k.shape, p);
        const order = Array.from({ length: units }, (_, u) => u).sort((a, b) => (n[b] as number) - (n[a] as number) || a - b);
        const keep = order.slice(0, keepCount).sort((a, b) => a - b);
        kept[l.name] = keep;
        kv = takeAlong(kv, ks, ks.length - 1, keep);
        ks[ks.length - 1] = keep.length;
        (newLayers[i] as LayerJson).config[l.className === 'Conv2D' ? 'filters' : 'units'] = keep.length;
        put('kernel', kv, ks);
        if (bias) put('bias', takeAlong(bias.v, bias.shape, 0, keep), [keep.length]);
        next = keep;
      } else {
        put('kernel', kv, ks);
        if (bias) put('bias', bias.v, bias.shape);
        next = null;
      }
    } else if (l.className === 'BatchNormalization') {
      for (const local of own) {
        const w = get(local) as { v: Float32Array; shape: number[] };
        put(local, sel === null ? w.v : takeAlong(w.v, w.shape, 0, sel), sel === null ? w.shape : [sel.length]);
      }
    } else if (l.className === 'DepthwiseConv2D') {
      const k = get('depthwise_kernel') as { v: Float32Array; shape: number[] };
      const mult = k.shape[3] as number;
      const chans = sel;
      const expanded = chans === null ? null : chans.flatMap((c) => Array.from({ length: mult }, (_, m) => c * mult + m));
      put('depthwise_kernel', chans === null ? k.v : takeAlong(k.v, k.shape, 2, chans), chans === null ? k.shape : [k.shape[0] as number, k.shape[1] as number, chans.length, mult]);
      const bias = get('bias');
      if (bias) put('bias', expanded === null ? bias.v : takeAlong(bias.v, bias.shape, 0, expanded), expanded === null ? bias.shape : [expanded.length]);
      next = expanded;
    } else if (l.className === 'Flatten') {
      if (sel !== null) {
        const c = shape[shape.length - 1] as number;
        const positions = numel(shape.slice(0, -1) as number[]);
        const chans = sel;
        next = Array.from({ length: positions }, (_, q) => chans.map((ch) => q * c + ch)).flat();
      }
    } else if (!PASS_THROUGH.has(l.className)) {
      if (sel !== null) fail(fn, `layer '${l.name}' (${l.className})`, 'be a layer that can be rewired after a pruned layer', 'an unsupported layer');
      for (const local of own) {
        const w = get(local) as { v: Float32Array; shape: number[] };
        put(local, w.v, w.shape);
      }
    }
    sel = next;
    shape = model.outputShapes[i] as readonly (number | null)[];
  });

  const small = fromConfig({ ...config, layers: newLayers });
  const tensors = out.map((w) => ({ name: w.name, tensor: tf.tensor(w.v, w.shape, 'float32') }));
  try {
    small.setWeights(tensors);
  } catch (e) {
    small.dispose();
    throw e;
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
  const convParams = (m: Sequential): number => m.layers.filter((l) => CONV.has(l.className)).reduce((n, l) => n + l.countParams(), 0);
  return {
    model: small,
    kept,
    paramsBefore: model.countParams(),
    paramsAfter: small.countParams(),
    convParamsBefore: convParams(model),
    convParamsAfter: convParams(small),
  };
}
