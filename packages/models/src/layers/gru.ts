import { tf } from '@tessera/backend';
import { activate } from './activations.js';
import { Gated, type GatedConfig, projectSequence, type SequencePlan } from './recurrent.js';

/** Options of {@link GRU}. */
export interface GRUConfig extends GatedConfig {
  /**
   * Apply the reset gate after the recurrent product (`r * (h R_h + b_rh)`, Keras 2+ and
   * PyTorch; `bias` is `[2, 3 * units]`: input bias then recurrent bias) instead of before it
   * (`(r * h) R_h`, the original GRU and tfjs-layers' only form; `bias` is `[3 * units]`).
   * Default true (Keras). Use false to exchange weights with tfjs-layers.
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit. Weights as Keras, gates in the order z (update), r (reset), h:
 * `kernel` `[in, 3 * units]`, `recurrent_kernel` `[units, 3 * units]`, `bias` `[3 * units]`
 * (`[2, 3 * units]` with `resetAfter`). `h_t = z h_{t-1} + (1 - z) hh`.
 *
 * @example
 * ```ts
 * const gru = new GRU({ units: 16, seed: 1 });            // Keras 2+/PyTorch form
 * const tfjsLike = new GRU({ units: 16, resetAfter: false }); // tfjs-layers' form
 * const h = gru.apply(tf.ones([2, 7, 4])); // [2, 16]
 * ```
 */
export class GRU extends Gated {
  readonly className: string = 'GRU';
  readonly resetAfter: boolean;
  protected readonly numStates = 1;
  private kernel: tf.Variable | null = null;
  private recurrentKernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(config: GRUConfig) {
    super(config, 'gru');
    this.resetAfter = config.resetAfter ?? true;
  }

  protected buildCell(inDim: number): void {
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inDim, 3 * u], this.kernelInitializer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 3 * u], this.recurrentInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', this.resetAfter ? [2, 3 * u] : [3 * u], this.biasInitializer);
  }

  protected plan(x: tf.Tensor3D): SequencePlan {
    const u = this.units;
    const r = this.recurrentKernel as tf.Tensor2D;
    const act = this.activation;
    const gate = this.recurrentActivation;
    let inBias: tf.Tensor | null = this.bias;
    let recBias: tf.Tensor | null = null;
    if (this.resetAfter && this.bias !== null) [inBias, recBias] = tf.unstack(this.bias) as [tf.Tensor, tf.Tensor];
    // One projection of all steps, split once into the z|r part and the candidate part.
    const [xzr, xh] = tf.split(projectSequence(x, this.kernel as tf.Variable, inBias), [2 * u, u], 2);
    const streams = [xzr as tf.Tensor, xh as tf.Tensor];
    // hh + z (h - hh) == z h + (1 - z) hh, in three ops.
    const blend = (z: tf.Tensor2D, h: tf.Tensor2D, hh: tf.Tensor2D): tf.Tensor2D =>
      tf.add(hh, tf.mul(z, tf.sub(h, hh))) as tf.Tensor2D;
    if (this.resetAfter) {
      return {
        streams,
        step: ([xzrT, xhT], [h]) => {
          let inner: tf.Tensor2D = tf.matMul(h as tf.Tensor2D, r);
          if (recBias !== null) inner = tf.add(inner, recBias);
          const [rzr, rh] = tf.split(inner, [2 * u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
          const [z, rr] = tf.split(activate(tf.add(xzrT as tf.Tensor2D, rzr), gate), 2, 1) as [
            tf.Tensor2D,
            tf.Tensor2D,
          ];
          const hh = activate(tf.add(xhT as tf.Tensor2D, tf.mul(rr, rh)), act) as tf.Tensor2D;
          return [blend(z, h as tf.Tensor2D, hh)];
        },
      };
    }
    const [rZR, rH] = tf.split(r, [2 * u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
    return {
      streams,
      step: ([xzrT, xhT], [h]) => {
        const hPrev = h as tf.Tensor2D;
        const [z, rr] = tf.split(activate(tf.add(xzrT as tf.Tensor2D, tf.matMul(hPrev, rZR)), gate), 2, 1) as [
          tf.Tensor2D,
          tf.Tensor2D,
        ];
        const hh = activate(
          tf.add(xhT as tf.Tensor2D, tf.matMul(tf.mul(rr, hPrev) as tf.Tensor2D, rH)),
          act,
        ) as tf.Tensor2D;
        return [blend(z, hPrev, hh)];
      },
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), resetAfter: this.resetAfter };
  }
}
