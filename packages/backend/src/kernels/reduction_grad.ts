/**
 * Gradients of Sum and Mean that multiply `dy` by a tensor of ones made by the backend
 * (OnesLike) instead of one built in JavaScript.
 *
 * Why they exist: tfjs-core 4.22's gradients compute `dy * ones(x.shape)` (Mean: then divide),
 * and `ones` fills a JS array the size of `x` and copies it into the backend on every backward
 * pass. For the layer norms of the bench's Transformer that was ~12 ms of a ~130 ms training
 * step on wasm. OnesLike fills the tensor in the backend: the same values, the same arithmetic
 * (wasm's Tile kernel, the other way to broadcast, was slower still).
 * Registered once for every backend (gradients are global to tfjs-core).
 */
import * as tf from '../tf.js';

function expandedShape(x: tf.Tensor, axisAttr: unknown): number[] {
  const axes = tf.util.parseAxisParam(axisAttr as number | number[], x.shape);
  const shape = x.shape.slice();
  for (const a of axes) shape[a] = 1;
  return shape;
}

const sumGrad: tf.GradConfig = {
  kernelName: 'Sum',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    return { x: () => tf.mul(tf.reshape(dy as tf.Tensor, expandedShape(x, attrs.axis)), tf.onesLike(x)) };
  },
};

const meanGrad: tf.GradConfig = {
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const shape = expandedShape(x, attrs.axis);
    const reduceSize = tf.util.sizeFromShape(x.shape) / tf.util.sizeFromShape(shape);
    return { x: () => tf.div(tf.mul(tf.reshape(dy as tf.Tensor, shape), tf.onesLike(x)), reduceSize) };
  },
};

let registered = false;

/**
 * Registers both gradients (once per process).
 *
 * @example
 * registerReductionGradients(); // tf.grad(x => tf.mean(x)) no longer builds ones in JS
 */
export function registerReductionGradients(): void {
  if (registered) return;
  tf.registerGradient(sumGrad);
  tf.registerGradient(meanGrad);
  registered = true;
}
