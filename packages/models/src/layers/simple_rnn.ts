import { tf } from '@tessera/backend';
import { activate } from './activations.js';
import { projectSequence, Recurrent, type RecurrentConfig, type SequencePlan } from './recurrent.js';

/**
 * Fully connected recurrent layer: `h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)`.
 * Weights as Keras: `kernel` `[in, units]`, `recurrent_kernel` `[units, units]`, `bias` `[units]`.
 *
 * @example
 * ```ts
 * const rnn = new SimpleRNN({ units: 8, seed: 1 });
 * const h = rnn.apply(tf.ones([2, 5, 3])); // [2, 8]
 * ```
 */
export class SimpleRNN extends Recurrent {
  readonly className: string = 'SimpleRNN';
  protected readonly numStates = 1;
  private kernel: tf.Variable | null = null;
  private recurrentKernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(config: RecurrentConfig) {
    super(config, 'simple_rnn');
  }

  protected buildCell(inDim: number): void {
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, this.units], this.recurrentInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer);
  }

  protected plan(x: tf.Tensor3D): SequencePlan {
    const r = this.recurrentKernel as tf.Tensor2D;
    return {
      streams: [projectSequence(x, this.kernel as tf.Variable, this.bias)],
      step: ([xt], [h]) => [
        activate(tf.add(xt as tf.Tensor2D, tf.matMul(h as tf.Tensor2D, r)), this.activation) as tf.Tensor2D,
      ],
    };
  }
}
