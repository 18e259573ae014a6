import { LSTM_SEQUENCE_KERNEL, lstmSequence, tf } from '@tessera/backend';
import { activate } from './activations.js';
import { type ApplyOptions, asFloat, type LayerOutput, one } from './layer.js';
import { checkSequenceMask, Gated, type GatedConfig, projectSequence, type SequencePlan } from './recurrent.js';

/** Options of {@link LSTM}. */
export interface LSTMConfig extends GatedConfig {
  /** Initialize the forget gate's bias to 1 (Keras default, helps early training). Default true. */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory layer. Weights as Keras/tfjs-layers, gates in the order i, f, c, o:
 * `kernel` `[in, 4 * units]`, `recurrent_kernel` `[units, 4 * units]`, `bias` `[4 * units]`.
 *
 * Per step (after one projection of all inputs): `z = xW_t + h R`, `i, f, o = sigma(z_i, z_f, z_o)`,
 * `g = tanh(z_c)`, `c = f c + i g`, `h = o tanh(c)`: 12 tfjs ops, or, with the default
 * activations on cpu and wasm, one fused kernel for all steps (@tessera/backend's
 * `TesseraLstmSequence`, ~5-10x faster to train).
 *
 * @example
 * ```ts
 * const lstm = new LSTM({ units: 16, returnSequences: true, seed: 1 });
 * const y = lstm.apply(tf.ones([2, 7, 4])); // [2, 7, 16]
 * ```
 */
export class LSTM extends Gated {
  readonly className: string = 'LSTM';
  readonly unitForgetBias: boolean;
  protected readonly numStates = 2;
  private kernel: tf.Variable | null = null;
  private recurrentKernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(config: LSTMConfig) {
    super(config, 'lstm');
    this.unitForgetBias = config.unitForgetBias ?? true;
  }

  protected buildCell(inDim: number): void {
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inDim, 4 * u], this.kernelInitializer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 4 * u], this.recurrentInitializer);
    if (this.useBias) {
      if (!this.unitForgetBias) {
        this.bias = this.addWeight('bias', [4 * u], this.biasInitializer);
        return;
      }
      // Keras: the bias initializer for i, c, o and ones for the forget gate.
      if (this.biasInitializer !== 'zeros' && this.biasInitializer !== 'ones') {
        throw new Error(
          `${this.name}: unitForgetBias needs biasInitializer 'zeros' or 'ones'; got '${this.biasInitializer}'`,
        );
      }
      const b = new Float32Array(4 * u).fill(this.biasInitializer === 'ones' ? 1 : 0);
      this.bias = this.addWeight('bias', [4 * u], b.fill(1, u, 2 * u));
    }
  }

  /** Whether this call can take the fused whole-sequence kernel. */
  private fusable(): boolean {
    return (
      this.activation === 'tanh' &&
      this.recurrentActivation === 'sigmoid' &&
      // @tessera/backend's whole-sequence kernel (cpu and wasm, where its WebAssembly SIMD module
      // loads): one kernel per layer and one for its gradient, instead of ~12 ops per step forward
      // and ~40 backward. Looked up by name so that other backends keep the per-step ops.
      tf.getKernel(LSTM_SEQUENCE_KERNEL, tf.getBackend()) !== undefined
    );
  }

  protected override forward(input: tf.Tensor | tf.Tensor[], options: ApplyOptions): LayerOutput {
    if (!this.fusable()) return super.forward(input, options);
    const x = asFloat(one(this.name, input)) as tf.Tensor3D;
    const [batch, time] = x.shape;
    if (time === 0) throw new Error(`${this.name}: received a sequence of length 0`);
    if (options.mask !== undefined) checkSequenceMask(this.name, options.mask, batch, time);
    let mask: tf.Tensor = options.mask === undefined ? tf.ones([batch, time]) : tf.cast(options.mask, 'float32');
    let xs = x;
    if (this.goBackwards) {
      // Processing order reversed; outputs stay in processing order (Keras).
      xs = tf.reverse(x, 1);
      mask = tf.reverse(mask, 1);
    }
    const xp = projectSequence(xs, this.kernel as tf.Variable, this.bias);
    // The op, not the kernel: a kernel's extra outputs (c, gates) would each get a zero gradient
    // built in JS and copied into the backend every training step.
    const hs = lstmSequence(xp as tf.Tensor3D, this.recurrentKernel as tf.Variable as unknown as tf.Tensor2D, mask as tf.Tensor2D);
    if (this.returnSequences) return { y: hs, mask: options.mask };
    return { y: tf.reshape(tf.slice(hs, [0, time - 1, 0], [batch, 1, this.units]), [batch, this.units]) };
  }

  protected plan(x: tf.Tensor3D): SequencePlan {
    const r = this.recurrentKernel as tf.Tensor2D;
    const act = this.activation;
    const gate = this.recurrentActivation;
    return {
      streams: [projectSequence(x, this.kernel as tf.Variable, this.bias)],
      step: ([xt], [h, c]) => {
        const z = tf.add(xt as tf.Tensor2D, tf.matMul(h as tf.Tensor2D, r));
        const [zi, zf, zc, zo] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const cNew = tf.add(
          tf.mul(activate(zf, gate), c as tf.Tensor2D),
          tf.mul(activate(zi, gate), activate(zc, act)),
        ) as tf.Tensor2D;
        const hNew = tf.mul(activate(zo, gate), activate(cNew, act)) as tf.Tensor2D;
        return [hNew, cNew];
      },
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), unitForgetBias: this.unitForgetBias };
  }
}
