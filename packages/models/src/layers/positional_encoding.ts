import { tf } from '@tessera/backend';
import { checkInitializer, type InitializerName } from '../initializers.js';
import { type ApplyOptions, type BaseLayerConfig, Layer, type LayerOutput, asFloat, one, single } from './layer.js';
import { positiveInt, type Shape } from './shape.js';

/** Options of {@link PositionalEncoding}. */
export interface PositionalEncodingConfig extends BaseLayerConfig {
  /** Longest sequence accepted. */
  maxLen: number;
  /** `'sinusoidal'` (fixed, Vaswani et al.) or `'learned'` (a trained `[maxLen, d]` table). Default `'sinusoidal'`. */
  kind?: 'sinusoidal' | 'learned';
  /** For `'learned'`. Default `'glorotUniform'` (KerasNLP's PositionEmbedding). */
  embeddingsInitializer?: InitializerName;
}

/**
 * Adds position information to `[batch, time, d]` inputs: `x + P[:time]`.
 *
 * - `'sinusoidal'`: `P[p, 2i] = sin(p / 10000^(2i/d))`, `P[p, 2i+1] = cos(p / 10000^(2i/d))`,
 *   a constant (no weights).
 * - `'learned'`: `P` is the weight `embeddings` `[maxLen, d]`.
 *
 * Masks pass through. A sequence longer than `maxLen` is an error.
 *
 * @example
 * ```ts
 * const pe = new PositionalEncoding({ maxLen: 64 });
 * const y = pe.apply(tf.zeros([2, 10, 16])); // the first 10 rows of the table, per sample
 * ```
 */
export class PositionalEncoding extends Layer {
  readonly className: string = 'PositionalEncoding';
  readonly maxLen: number;
  readonly kind: 'sinusoidal' | 'learned';
  readonly embeddingsInitializer: InitializerName;
  private table: tf.Tensor2D | null = null;

  constructor(config: PositionalEncodingConfig) {
    super(config, 'positional_encoding');
    this.maxLen = positiveInt(this.name, 'maxLen', config.maxLen);
    const kind = config.kind ?? 'sinusoidal';
    if (kind !== 'sinusoidal' && kind !== 'learned') {
      throw new Error(`${this.name}: kind must be 'sinusoidal' or 'learned'; got ${JSON.stringify(config.kind)}`);
    }
    this.kind = kind;
    this.embeddingsInitializer = checkInitializer(
      this.name,
      'embeddingsInitializer',
      config.embeddingsInitializer ?? 'glorotUniform',
    );
  }

  protected doBuild(inputShape: Shape | Shape[]): Shape {
    const s = single(this.name, inputShape);
    const d = this.lastAxis(s, 2);
    if (s[0] !== null && (s[0] as number) > this.maxLen) {
      throw new Error(`${this.name}: sequence length ${s[0]} exceeds maxLen ${this.maxLen}`);
    }
    if (this.kind === 'learned') {
      this.table = this.addWeight('embeddings', [this.maxLen, d], this.embeddingsInitializer) as tf.Tensor2D;
    } else {
      // Built possibly inside a caller's tidy: keep the constant table alive.
      this.table = tf.keep(tf.tensor2d(sinusoidTable(this.maxLen, d), [this.maxLen, d]));
    }
    return [null, d];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return single(this.name, inputShape);
  }

  protected forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    const x = asFloat(one(this.name, input));
    const t = x.shape[1] as number;
    const d = x.shape[2] as number;
    if (t > this.maxLen) throw new Error(`${this.name}: sequence length ${t} exceeds maxLen ${this.maxLen}`);
    const p = t === this.maxLen ? (this.table as tf.Tensor2D) : tf.slice(this.table as tf.Tensor2D, [0, 0], [t, d]);
    return { y: tf.add(x, p), mask: options.mask };
  }

  protected override disposeExtra(): void {
    if (this.kind === 'sinusoidal') this.table?.dispose();
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      maxLen: this.maxLen,
      kind: this.kind,
      embeddingsInitializer: this.embeddingsInitializer,
    };
  }
}

/**
 * The sinusoid table `[maxLen, d]`, computed in float64 and rounded to float32.
 *
 * @example
 * ```ts
 * sinusoidTable(2, 2); // Float32Array [0, 1, sin(1), cos(1)]
 * ```
 */
export function sinusoidTable(maxLen: number, d: number): Float32Array {
  const out = new Float32Array(maxLen * d);
  for (let p = 0; p < maxLen; p++) {
    for (let j = 0; j < d; j++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(j / 2)) / d);
      out[p * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}
