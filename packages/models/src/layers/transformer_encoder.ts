import { Rng, tf } from '@tessera/backend';
import { type ActivationName, checkActivation } from './activations.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, one, single } from './layer.js';
import { LayerNormalization } from './layer_normalization.js';
import { MultiHeadAttention } from './multi_head_attention.js';
import { positiveInt, rate, type Shape } from './shape.js';

/** Options of {@link TransformerEncoder}. */
export interface TransformerEncoderConfig extends BaseLayerConfig {
  numHeads: number;
  /** Hidden size of the feed-forward part. */
  ffDim: number;
  /** Dropout after attention and after the feed-forward part (and inside it). Default 0. */
  dropout?: number;
  /** Feed-forward activation. Default `'relu'` (PyTorch, KerasNLP). */
  activation?: ActivationName;
  /** Pre-norm (`x + f(norm(x))`) instead of post-norm (`norm(x + f(x))`). Default false (the original Transformer). */
  normFirst?: boolean;
  /** Layer-norm epsilon. Default 1e-5 (PyTorch, KerasNLP). */
  layerNormEpsilon?: number;
  /** Causal self-attention. Default false. */
  causal?: boolean;
}

/**
 * One Transformer encoder block: self-attention and a two-layer feed-forward network, each with
 * a residual connection and layer normalization, post-norm (Vaswani et al.) or pre-norm.
 * The model size is the input's last axis; each head has `dModel / numHeads` features.
 *
 * Post-norm: `x = norm1(x + drop(mha(x)))`, `y = norm2(x + drop(ffn(x)))`.
 * Pre-norm:  `x = x + drop(mha(norm1(x)))`, `y = x + drop(ffn(norm2(x)))`.
 * `ffn(x) = dense2(drop(act(dense1(x))))`.
 *
 * Weights in order: `self_attention/...` (see {@link MultiHeadAttention}),
 * `self_attention_norm/{gamma,beta}`, `ffn_intermediate/{kernel,bias}`,
 * `ffn_output/{kernel,bias}`, `ffn_norm/{gamma,beta}`. A padding mask `[batch, time]` masks keys
 * and passes through.
 *
 * @example
 * ```ts
 * const block = new TransformerEncoder({ numHeads: 4, ffDim: 128, normFirst: true, seed: 1 });
 * const y = block.apply(tf.randomNormal([2, 10, 64])); // [2, 10, 64]
 * ```
 */
export class TransformerEncoder extends Layer {
  readonly className: string = 'TransformerEncoder';
  readonly numHeads: number;
  readonly ffDim: number;
  readonly dropout: number;
  readonly activation: ActivationName;
  readonly normFirst: boolean;
  readonly layerNormEpsilon: number;
  readonly causal: boolean;
  private parts: {
    attention: MultiHeadAttention;
    attentionNorm: LayerNormalization;
    ffn1: Dense;
    ffn2: Dense;
    ffnNorm: LayerNormalization;
    drops: [Dropout, Dropout, Dropout];
  } | null = null;

  constructor(config: TransformerEncoderConfig) {
    super(config, 'transformer_encoder');
    this.numHeads = positiveInt(this.name, 'numHeads', config.numHeads);
    this.ffDim = positiveInt(this.name, 'ffDim', config.ffDim);
    this.dropout = rate(this.name, 'dropout', config.dropout ?? 0);
    this.activation = checkActivation(this.name, 'activation', config.activation ?? 'relu');
    this.normFirst = config.normFirst ?? false;
    this.layerNormEpsilon = config.layerNormEpsilon ?? 1e-5;
    this.causal = config.causal ?? false;
  }

  protected override children(): Layer[] {
    const p = this.parts;
    return p === null ? [] : [p.attention, p.attentionNorm, p.ffn1, p.ffn2, p.ffnNorm];
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const d = this.lastAxis(s, 2);
    if (d % this.numHeads !== 0) {
      throw new Error(
        `${this.name}: the model size ${d} (input's last axis) must be divisible by numHeads ${this.numHeads}`,
      );
    }
    const r = new Rng(this.seed);
    const seed = (): number => r.nextSeed();
    const eps = this.layerNormEpsilon;
    const p = {
      attention: new MultiHeadAttention({
        name: 'self_attention',
        numHeads: this.numHeads,
        keyDim: d / this.numHeads,
        causal: this.causal,
        seed: seed(),
      }),
      attentionNorm: new LayerNormalization({ name: 'self_attention_norm', epsilon: eps, seed: seed() }),
      ffn1: new Dense({ name: 'ffn_intermediate', units: this.ffDim, activation: this.activation, seed: seed() }),
      ffn2: new Dense({ name: 'ffn_output', units: d, seed: seed() }),
      ffnNorm: new LayerNormalization({ name: 'ffn_norm', epsilon: eps, seed: seed() }),
      drops: [0, 1, 2].map(() => new Dropout({ rate: this.dropout, seed: seed() })) as [Dropout, Dropout, Dropout],
    };
    const seq: Shape = [null, d];
    p.attention.build(seq);
    p.attentionNorm.build(seq);
    p.ffn1.build(seq);
    p.ffn2.build([null, this.ffDim]);
    p.ffnNorm.build(seq);
    for (const dr of p.drops) dr.build(seq);
    this.parts = p;
    return seq;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const p = this.parts as NonNullable<typeof this.parts>;
    const x = one(this.name, input);
    const o = { training: options.training ?? false };
    const attend = (h: tf.Tensor): tf.Tensor =>
      p.drops[0].call(p.attention.call(h, { ...o, ...(options.mask ? { mask: options.mask } : {}) }).y, o).y;
    const ffn = (h: tf.Tensor): tf.Tensor =>
      p.drops[2].call(p.ffn2.call(p.drops[1].call(p.ffn1.call(h).y, o).y).y, o).y;
    let h: tf.Tensor;
    if (this.normFirst) {
      h = tf.add(x, attend(p.attentionNorm.call(x).y));
      h = tf.add(h, ffn(p.ffnNorm.call(h).y));
    } else {
      h = p.attentionNorm.call(tf.add(x, attend(x))).y;
      h = p.ffnNorm.call(tf.add(h, ffn(h))).y;
    }
    return { y: h, mask: options.mask };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      ffDim: this.ffDim,
      dropout: this.dropout,
      activation: this.activation,
      normFirst: this.normFirst,
      layerNormEpsilon: this.layerNormEpsilon,
      causal: this.causal,
    };
  }
}
