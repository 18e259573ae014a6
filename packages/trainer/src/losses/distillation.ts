/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015): the student matches the teacher's
 * temperature-softened distribution; the soft term is scaled by T^2 so its gradients keep
 * their size as T changes.
 */
import { tf } from '@tessera/backend';
import { checkNumber, fail, show } from '../internal/errors.js';
import { checkTensor, type Loss, type LossContext } from './loss.js';
import { softmaxCrossEntropy } from './softmax_cross_entropy.js';

/**
 * Options for {@link distillationLoss} and {@link distillation}.
 *
 * @example
 * ```ts
 * const opts: DistillationOptions = { temperature: 4, alpha: 0.1 };
 * ```
 */
export interface DistillationOptions {
  /** Softening temperature T. Default 2. */
  temperature?: number;
  /** Weight of the hard-label loss; the soft term gets `1 - alpha`. Default 0.1. */
  alpha?: number;
  /** The hard-label loss. Default {@link softmaxCrossEntropy}. */
  hardLoss?: Loss;
}

/**
 * `alpha * hard(yTrue, student) + (1 - alpha) * T^2 * KL(softmax(teacher/T) || softmax(student/T))`,
 * the KL summed over classes and averaged over the batch. Pass `alpha: 0` (and any `yTrue`) for
 * the soft term alone.
 *
 * @example
 * ```ts
 * const l = distillationLoss(labels, studentLogits, teacherLogits, { temperature: 4, alpha: 0.1 });
 * ```
 */
export function distillationLoss(
  yTrue: tf.Tensor,
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: DistillationOptions = {},
): tf.Scalar {
  const fn = 'distillationLoss';
  const { temperature, alpha, hardLoss } = checkDistillation(fn, options);
  checkTensor(fn, 'studentLogits', studentLogits);
  checkTensor(fn, 'teacherLogits', teacherLogits);
  if (studentLogits.rank !== 2) fail(fn, 'studentLogits', 'be [n, numClasses]', `shape [${studentLogits.shape.join(', ')}]`);
  if (teacherLogits.shape.join() !== studentLogits.shape.join()) {
    fail(fn, 'teacherLogits', `have the student's shape [${studentLogits.shape.join(', ')}]`, `[${teacherLogits.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const logPt = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const logPs = tf.logSoftmax(tf.div(studentLogits, temperature));
    const kl = tf.mean(tf.sum(tf.mul(tf.exp(logPt), tf.sub(logPt, logPs)), 1));
    const soft = tf.mul(kl, temperature * temperature);
    if (alpha === 0) return soft as tf.Scalar;
    const hard = hardLoss.compute(yTrue, studentLogits);
    return tf.add(tf.mul(hard, alpha), tf.mul(soft, 1 - alpha)) as tf.Scalar;
  });
}

/**
 * Options for {@link distillation}: the teacher and the loss weights.
 *
 * @example
 * ```ts
 * distillation({ teacher: bigModel, temperature: 4 });
 * ```
 */
export interface DistillationLossOptions extends DistillationOptions {
  /** The teacher: a model (its `apply` is called in inference mode) or a function of the batch input. */
  teacher: { apply(x: tf.Tensor | tf.Tensor[], options?: { training?: boolean }): tf.Tensor } | ((x: tf.Tensor | tf.Tensor[]) => tf.Tensor);
}

/**
 * A {@link Loss} for `fit` that runs the teacher on each batch and applies
 * {@link distillationLoss} (the student's logits are the model output).
 *
 * @example
 * ```ts
 * await fit(student, data, { loss: distillation({ teacher, temperature: 4, alpha: 0.1 }), optimizer, epochs: 5 });
 * ```
 */
export function distillation(options: DistillationLossOptions): Loss {
  const fn = 'distillation';
  const checked = checkDistillation(fn, options ?? ({} as DistillationLossOptions));
  const teacher = options.teacher;
  const run =
    typeof teacher === 'function'
      ? teacher
      : typeof teacher === 'object' && teacher !== null && typeof teacher.apply === 'function'
        ? (x: tf.Tensor | tf.Tensor[]) => teacher.apply(x, { training: false })
        : fail(fn, 'options.teacher', 'be a model with apply() or a function of x', show(teacher));
  return {
    name: 'distillation',
    outputActivation: 'softmax',
    compute(yTrue: tf.Tensor, yPred: tf.Tensor, context?: LossContext): tf.Scalar {
      if (!context) fail('distillation.compute', 'context', 'hold the batch input { x } (fit passes it)', 'undefined');
      return tf.tidy(() => distillationLoss(yTrue, yPred, run(context.x), checked));
    },
  };
}

function checkDistillation(fn: string, options: DistillationOptions): Required<DistillationOptions> {
  const temperature = checkNumber(fn, 'options.temperature', options.temperature ?? 2, { min: 0, exclusiveMin: true });
  const alpha = checkNumber(fn, 'options.alpha', options.alpha ?? 0.1, { min: 0, max: 1 });
  const hardLoss = options.hardLoss ?? softmaxCrossEntropy();
  if (typeof hardLoss !== 'object' || typeof hardLoss.compute !== 'function') fail(fn, 'options.hardLoss', 'be a Loss', show(hardLoss));
  return { temperature, alpha, hardLoss };
}
