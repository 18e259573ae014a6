import { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { matMulBiasAct } from './fused.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat } from './layer.js';
import { checkShape, formatShape, positiveInt, type Shape } from './shape.js';

/** Options of {@link MultiHeadAttention}. */
export interface MultiHeadAttentionConfig extends BaseLayerConfig {
  numHeads: number;
  /** Size of each head's query and key. */
  keyDim: number;
  /** Size of each head's value. Default `keyDim`. */
  valueDim?: number;
  /** Output features. Default: the query's feature size. */
  outputDim?: number;
  /** Default true. */
  useBias?: boolean;
  /** Each query position attends only to key positions at or before it. Default false. */
  causal?: boolean;
  /** Default `'glorotUniform'`, with each kernel's fans taken as a `[in, heads * dim]` matrix. */
  kernelInitializer?: InitializerName;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName;
}

/** Large negative logit for masked positions (Keras uses the same for float32). */
const MASKED = -1e9;

/**
 * Multi-head scaled dot-product attention (Vaswani et al.), with Keras' weight layout:
 * `query/kernel` `[dq, heads, keyDim]`, `query/bias` `[heads, keyDim]`, the same for `key`
 * and `value` (`valueDim`), and `attention_output/kernel` `[heads, valueDim, outputDim]`,
 * `attention_output/bias` `[outputDim]`. Queries are scaled by `1/sqrt(keyDim)` before the product.
 *
 * Inputs: one tensor `[batch, T, d]` (self-attention) or `[query, value]` or `[query, value, key]`.
 * `options.mask`: `[batch, S]` (1 = real key, 0 = padding) or `[batch, T, S]` (1 = may attend);
 * with `causal`, also no attention to later positions. Padded queries are not masked: their
 * outputs are defined (attend to the real keys) and later masked layers ignore them.
 *
 * @example
 * ```ts
 * const mha = new MultiHeadAttention({ numHeads: 4, keyDim: 16, causal: true, seed: 1 });
 * const y = mha.apply(tf.randomNormal([2, 10, 64])); // [2, 10, 64]
 * ```
 */
export class MultiHeadAttention extends Layer {
  readonly className: string = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly outputDim: number | null;
  readonly useBias: boolean;
  readonly causal: boolean;
  readonly kernelInitializer: InitializerName;
  readonly biasInitializer: InitializerName;
  private w: Record<'query' | 'key' | 'value' | 'output', { kernel: tf.Variable; bias: tf.Variable | null }> | null =
    null;
  private dims: { q: number; v: number; k: number; out: number } | null = null;

  constructor(config: MultiHeadAttentionConfig) {
    super(config, 'multi_head_attention');
    this.numHeads = positiveInt(this.name, 'numHeads', config.numHeads);
    this.keyDim = positiveInt(this.name, 'keyDim', config.keyDim);
    this.valueDim = positiveInt(this.name, 'valueDim', config.valueDim ?? config.keyDim);
    this.outputDim = config.outputDim === undefined ? null : positiveInt(this.name, 'outputDim', config.outputDim);
    this.useBias = config.useBias ?? true;
    this.causal = config.causal ?? false;
    this.kernelInitializer = checkInitializer(
      this.name,
      'kernelInitializer',
      config.kernelInitializer ?? 'glorotUniform',
    );
    this.biasInitializer = checkInitializer(this.name, 'biasInitializer', config.biasInitializer ?? 'zeros');
  }

  private shapes(inputShape: Shape | Shape[]): [Shape, Shape, Shape] {
    const list = (inputShape.length > 0 && Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as Shape[];
    if (list.length < 1 || list.length > 3) {
      throw new Error(
        `${this.name}: takes query, [query, value] or [query, value, key]; received ${list.length} inputs`,
      );
    }
    const q = list[0] as Shape;
    const v = list[1] ?? q;
    const k = list[2] ?? v;
    for (const [what, s] of [
      ['query', q],
      ['value', v],
      ['key', k],
    ] as const) {
      if (s.length !== 2 || s[1] === null) {
        throw new Error(
          `${this.name}: expected ${what} shape [null, null, features] with known features, received ${formatShape(s)}`,
        );
      }
    }
    return [q, v, k];
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape | null {
    const [q, v, k] = this.shapes(inputShape);
    const dq = q[1] as number;
    const dv = v[1] as number;
    const dk = k[1] as number;
    const h = this.numHeads;
    const out = this.outputDim ?? dq;
    const proj = (name: string, din: number, dh: number) => ({
      kernel: this.addWeight(`${name}/kernel`, [din, h, dh], this.kernelInitializer, {
        fans: { fanIn: din, fanOut: h * dh },
      }),
      bias: this.useBias ? this.addWeight(`${name}/bias`, [h, dh], this.biasInitializer) : null,
    });
    const query = proj('query', dq, this.keyDim);
    const key = proj('key', dk, this.keyDim);
    const value = proj('value', dv, this.valueDim);
    const output = {
      kernel: this.addWeight('attention_output/kernel', [h, this.valueDim, out], this.kernelInitializer, {
        fans: { fanIn: h * this.valueDim, fanOut: out },
      }),
      bias: this.useBias ? this.addWeight('attention_output/bias', [out], this.biasInitializer) : null,
    };
    this.w = { query, key, value, output };
    this.dims = { q: dq, v: dv, k: dk, out };
    return [null, dq];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [q] = this.shapes(inputShape);
    return [q[0] ?? null, this.outputDim ?? (q[1] as number)];
  }

  /** `[b, t, d]` -> `[b, heads, t, dh]`. */
  private project(x: tf.Tensor, p: { kernel: tf.Variable; bias: tf.Variable | null }, dh: number): tf.Tensor4D {
    const [b, t, d] = x.shape as [number, number, number];
    const hd = this.numHeads * dh;
    const y = matMulBiasAct(
      tf.reshape(x, [b * t, d]),
      tf.reshape(p.kernel, [d, hd]),
      p.bias === null ? null : tf.reshape(p.bias, [hd]),
      'linear',
    );
    return tf.transpose(tf.reshape(y, [b, t, this.numHeads, dh]), [0, 2, 1, 3]);
  }

  /** Additive logits bias `[b|1, 1, t|1, s]` from the mask and the causal rule, or null. */
  private attentionBias(mask: tf.Tensor | undefined, b: number, t: number, s: number): tf.Tensor | null {
    let bias: tf.Tensor | null = null;
    if (mask !== undefined) {
      const m = tf.cast(mask, 'float32');
      let m4: tf.Tensor;
      if (m.rank === 2 && m.shape[0] === b && m.shape[1] === s) m4 = tf.reshape(m, [b, 1, 1, s]);
      else if (m.rank === 3 && m.shape[0] === b && m.shape[1] === t && m.shape[2] === s)
        m4 = tf.reshape(m, [b, 1, t, s]);
      else {
        throw new Error(
          `${this.name}: expected mask shape [${b}, ${s}] or [${b}, ${t}, ${s}], received [${mask.shape.join(', ')}]`,
        );
      }
      bias = tf.mul(tf.sub(1, m4), MASKED);
    }
    if (this.causal) {
      const c = new Float32Array(t * s);
      for (let i = 0; i < t; i++) for (let j = i + 1; j < s; j++) c[i * s + j] = MASKED;
      const cb = tf.tensor(c, [1, 1, t, s], 'float32');
      bias = bias === null ? cb : tf.add(bias, cb);
    }
    return bias;
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const list = Array.isArray(input) ? input : [input];
    if (list.length < 1 || list.length > 3) {
      throw new Error(
        `${this.name}: takes query, [query, value] or [query, value, key]; received ${list.length} inputs`,
      );
    }
    const query = asFloat(list[0] as tf.Tensor);
    const value = asFloat(list[1] ?? query);
    const key = asFloat(list[2] ?? value);
    const d = this.dims as NonNullable<typeof this.dims>;
    const w = this.w as NonNullable<typeof this.w>;
    checkShape(`${this.name} (query)`, [null, d.q], query.shape);
    checkShape(`${this.name} (value)`, [null, d.v], value.shape);
    checkShape(`${this.name} (key)`, [null, d.k], key.shape);
    const [b, t] = query.shape as [number, number, number];
    const s = key.shape[1] as number;
    if (value.shape[0] !== b || key.shape[0] !== b || value.shape[1] !== s) {
      throw new Error(
        `${this.name}: query, value and key must share the batch size and value/key the length; ` +
          `received [${query.shape.join(', ')}], [${value.shape.join(', ')}], [${key.shape.join(', ')}]`,
      );
    }
    const q = tf.mul(this.project(query, w.query, this.keyDim), 1 / Math.sqrt(this.keyDim));
    const k = this.project(key, w.key, this.keyDim);
    const v = this.project(value, w.value, this.valueDim);
    let scores: tf.Tensor = tf.matMul(q, k, false, true); // [b, h, t, s]
    const bias = this.attentionBias(options.mask, b, t, s);
    if (bias !== null) scores = tf.add(scores, bias);
    const ctx = tf.matMul(tf.softmax(scores, -1) as tf.Tensor4D, v); // [b, h, t, dv]
    const hv = this.numHeads * this.valueDim;
    const merged = tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [b * t, hv]);
    const y = matMulBiasAct(merged as tf.Tensor2D, tf.reshape(w.output.kernel, [hv, d.out]), w.output.bias, 'linear');
    return {
      y: tf.reshape(y, [b, t, d.out]),
      mask: list.length === 1 && options.mask?.rank === 2 ? options.mask : undefined,
    };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      ...(this.outputDim !== null ? { outputDim: this.outputDim } : {}),
      useBias: this.useBias,
      causal: this.causal,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}
