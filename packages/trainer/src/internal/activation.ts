/** Output activations applied before metrics see model outputs. */
import { tf } from '@tessera/backend';
import type { Loss } from '../losses/loss.js';

/** Applies the loss's output activation (softmax, sigmoid or none); returns a new tensor. */
export function activate(kind: Loss['outputActivation'], out: tf.Tensor): tf.Tensor {
  if (kind === 'softmax') return tf.softmax(out);
  if (kind === 'sigmoid') return tf.sigmoid(out);
  return tf.clone(out);
}
