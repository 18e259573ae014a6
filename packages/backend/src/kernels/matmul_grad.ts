/**
 * The gradient of BatchMatMul with broadcast batch dimensions.
 *
 * Why it exists: tfjs-core 4.22 computes matMul's forward with broadcasting (a [B, T, F]
 * times W [F, U] works: a Dense layer applied to every step of a sequence), but its gradient
 * returns W's gradient with the batch axes still on ([B, F, U]) and the engine rejects it
 * ("The gradient of input 'b' has shape '2,4,5', which does not match the shape of the input
 * '4,5'"). Here each gradient is summed over the axes its input was broadcast along. When
 * one operand has no batch axes (the Dense case), the other operand and dy are flattened
 * to matrices first, so the weight gradient is one large 2-D product instead of a batched
 * one followed by a sum. Without broadcasting this computes exactly the stock gradient.
 */
import * as tf from '../tf.js';

type Tensor = tf.Tensor;

/** Sums `g` down to `shape` over the leading and size-1 batch axes it was broadcast along. */
function reduceTo(g: Tensor, shape: number[]): Tensor {
  if (tf.util.arraysEqual(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < g.shape.length; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  return tf.reshape(tf.sum(g, axes), shape);
}

/** Collapses the batch axes of a [..., r, c] tensor into its rows: [N * r, c]. */
function rows2d(t: Tensor): Tensor {
  return tf.reshape(t, [-1, t.shape[t.shape.length - 1] as number]);
}

const batchMatMulGrad: tf.GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved as [Tensor, Tensor];
    const d = dy as Tensor;
    const tA = Boolean(attrs.transposeA);
    const tB = Boolean(attrs.transposeB);
    // tfjs-core's formulas for each transpose combination.
    let da: () => Tensor;
    let db: () => Tensor;
    if (!tA && !tB) {
      da = () => tf.matMul(d, b, false, true);
      db = () => tf.matMul(a, d, true, false);
    } else if (!tA && tB) {
      da = () => tf.matMul(d, b, false, false);
      db = () => tf.matMul(d, a, true, false);
    } else if (tA && !tB) {
      da = () => tf.matMul(b, d, false, true);
      db = () => tf.matMul(a, d, false, false);
    } else {
      da = () => tf.matMul(b, d, true, true);
      db = () => tf.matMul(d, a, true, true);
    }
    // Dense on a sequence: b has no batch axes and a's rows can be stacked.
    if (b.shape.length === 2 && a.shape.length > 2 && !tA) {
      db = () => (tB ? tf.matMul(rows2d(d), rows2d(a), true, false) : tf.matMul(rows2d(a), rows2d(d), true, false));
    }
    return { a: () => reduceTo(da(), a.shape), b: () => reduceTo(db(), b.shape) };
  },
};

let registered = false;

/** Registers the gradient (once per process). */
export function registerMatMulGradient(): void {
  if (!registered) {
    tf.registerGradient(batchMatMulGrad);
    registered = true;
  }
}
