/**
 * Knowledge distillation (Hinton et al. 2015) through `@tessera/trainer`: the student is fitted
 * with the trainer's `distillation` loss, which runs the teacher on each batch. The trainer is
 * passed in (`{ fit, distillation }`) rather than imported, so this package keeps no dependency
 * on it (the house rule: packages meet the trainer through structural interfaces).
 */
import { tf } from '@tessera/backend';
import type { Sequential } from '@tessera/models';
import { checkNumber, checkOptions, fail, show } from './internal/errors.js';
import { checkSequential } from './quantize/calibrate.js';

/**
 * A teacher: anything with `apply` returning logits (a model, a fake-quantized model).
 *
 * @example
 * ```ts
 * const t: Teacher = teacherModel;
 * ```
 */
export interface Teacher {
  apply(x: tf.Tensor | tf.Tensor[], options?: { training?: boolean }): tf.Tensor;
}

/**
 * The two trainer functions distillation needs; pass `@tessera/trainer`'s own.
 *
 * @example
 * ```ts
 * import { fit, distillation } from '@tessera/trainer';
 * const trainer: DistillTrainer = { fit, distillation };
 * ```
 */
export interface DistillTrainer<H = unknown> {
  fit(model: Sequential, data: unknown, options: object): Promise<H>;
  distillation(options: { teacher: Teacher; temperature: number; alpha: number }): unknown;
}

/**
 * Options of {@link distill}.
 *
 * @example
 * ```ts
 * const o: DistillOptions = { teacher, student, data: { x, y }, trainer: { fit, distillation }, temperature: 4, alpha: 0.1,
 *   fitOptions: { epochs: 5, optimizer: new Adam({ learningRate: 2e-3 }), batchSize: 32, seed: 1 } };
 * ```
 */
export interface DistillOptions<H = unknown> {
  teacher: Teacher;
  student: Sequential;
  /** Training data in any form `fit` accepts (`{ x, y }` with hard labels, a Dataset...). */
  data: unknown;
  trainer: DistillTrainer<H>;
  /** Softening temperature T. Default 4. */
  temperature?: number;
  /** Weight of the hard-label loss; the soft term gets `1 - alpha`. Default 0.1. */
  alpha?: number;
  /** Everything else `fit` takes (`epochs`, `optimizer` required; no `loss`: distillation is the loss). */
  fitOptions: { epochs: number; optimizer: unknown; [key: string]: unknown };
}

/**
 * Trains `student` to match `teacher`'s softened outputs (and the labels, weighted by `alpha`)
 * with `fit` and the trainer's distillation loss. The teacher is never trained. Returns what
 * `fit` returns (the trainer's `History`).
 *
 * @example
 * ```ts
 * import { fit, distillation, Adam } from '@tessera/trainer';
 * const student = shrinkModel(teacher, { widthMultiplier: 0.25, seed: 1 });
 * const history = await distill({ teacher, student, data: train, trainer: { fit, distillation },
 *   fitOptions: { epochs: 4, optimizer: new Adam({ learningRate: 2e-3 }), seed: 1 } });
 * ```
 */
export async function distill<H>(options: DistillOptions<H>): Promise<H> {
  const fn = 'distill';
  const o = checkOptions(fn, 'options', options);
  if (typeof o.teacher?.apply !== 'function') fail(fn, 'options.teacher', 'be a model with apply()', show(o.teacher));
  checkSequential(fn, o.student);
  if ((o.teacher as unknown) === (o.student as unknown)) fail(fn, 'options.student', 'be another model than the teacher', 'the teacher itself');
  const t = o.trainer;
  if (typeof t?.fit !== 'function' || typeof t.distillation !== 'function') {
    fail(fn, 'options.trainer', "be { fit, distillation } from '@tessera/trainer'", show(t));
  }
  const temperature = checkNumber(fn, 'options.temperature', o.temperature ?? 4, { min: 0, exclusiveMin: true });
  const alpha = checkNumber(fn, 'options.alpha', o.alpha ?? 0.1, { min: 0, max: 1 });
  const fitOptions = checkOptions(fn, 'options.fitOptions', o.fitOptions);
  if ('loss' in fitOptions) fail(fn, 'options.fitOptions.loss', 'be omitted (the distillation loss is used)', show(fitOptions.loss));
  // Teacher and student must agree on the number of classes; check once on a tiny input.
  const probe = tf.zeros([1, ...o.student.inputShape.map((d) => d ?? 1)], o.student.inputDtype);
  try {
    const a = tf.tidy(() => o.teacher.apply(probe, { training: false }));
    const b = tf.tidy(() => o.student.apply(probe));
    const same = a.shape.join() === b.shape.join();
    const shapes = `teacher [${a.shape.join(', ')}], student [${b.shape.join(', ')}]`;
    tf.dispose([a, b]);
    if (!same) fail(fn, 'options.student', 'produce outputs of the same shape as the teacher (same classes)', shapes);
  } finally {
    probe.dispose();
  }
  const loss = t.distillation({ teacher: o.teacher, temperature, alpha });
  return t.fit(o.student, o.data, { ...fitOptions, loss });
}
