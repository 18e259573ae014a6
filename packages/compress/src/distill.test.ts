import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { cnn, mlp } from '@tessera/models';
import { distill } from './distill.js';
import { shrinkModel } from './shrink_model.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('shrinkModel', () => {
  it('scales filters and units (not the output layer) and draws new weights', () => {
    const teacher = cnn({ inputShape: [8, 8, 1], filters: [8, 16], dense: [32], numClasses: 5, seed: 1 });
    const s = shrinkModel(teacher, { widthMultiplier: 0.5, seed: 2 });
    const cfg = s.toConfig().layers.filter((l) => 'filters' in l.config || 'units' in l.config).map((l) => l.config.filters ?? l.config.units);
    expect(cfg).toEqual([4, 8, 16, 5]);
    expect(s.name).toBe('cnn-student');
    // conv 3*3*1*4+4, conv 3*3*4*8+8, dense (2*2*8)*16+16, dense 16*5+5
    expect(s.countParams()).toBe(40 + 296 + 528 + 85);
    expect(() => shrinkModel(teacher, { widthMultiplier: 0 })).toThrow(/shrinkModel: options.widthMultiplier must be a finite number in \(0, 1\]; got 0/);
    teacher.dispose();
    s.dispose();
  });
});

describe('distill', () => {
  it('calls the given fit with the distillation loss built from the teacher, T and alpha', async () => {
    const teacher = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 1 });
    const student = mlp({ inputSize: 3, hidden: [2], numClasses: 2, seed: 2 });
    const calls: unknown[] = [];
    const trainer = {
      distillation: (o: { teacher: unknown; temperature: number; alpha: number }) => ({ kind: 'loss', ...o }),
      fit: async (model: unknown, data: unknown, options: object) => {
        calls.push({ model, data, options });
        return 'history';
      },
    };
    const h = await expectNoLeaks(() => distill({ teacher, student, data: 'd', trainer, temperature: 3, alpha: 0.2, fitOptions: { epochs: 1, optimizer: 'opt' } }));
    expect(h).toBe('history');
    expect(calls).toEqual([{ model: student, data: 'd', options: { epochs: 1, optimizer: 'opt', loss: { kind: 'loss', teacher, temperature: 3, alpha: 0.2 } } }]);
    teacher.dispose();
    student.dispose();
  });

  it('bad input: no trainer, a loss given, a student with other classes', async () => {
    const teacher = mlp({ inputSize: 3, hidden: [4], numClasses: 2, seed: 1 });
    const other = mlp({ inputSize: 3, hidden: [4], numClasses: 3, seed: 2 });
    const trainer = { fit: async () => 0, distillation: () => 0 };
    const fitOptions = { epochs: 1, optimizer: 0 };
    await expect(distill({ teacher, student: other, data: 0, trainer: {} as never, fitOptions })).rejects.toThrow(/distill: options.trainer must be \{ fit, distillation \}/);
    await expect(distill({ teacher, student: other, data: 0, trainer, fitOptions: { ...fitOptions, loss: 'x' } })).rejects.toThrow(/options.fitOptions.loss must be omitted/);
    const before = tf.memory().numTensors;
    await expect(distill({ teacher, student: other, data: 0, trainer, fitOptions })).rejects.toThrow(/options.student must produce outputs of the same shape as the teacher \(same classes\); got teacher \[1, 2\], student \[1, 3\]/);
    expect(tf.memory().numTensors).toBe(before);
    teacher.dispose();
    other.dispose();
  });
});
