import { describe, expect, it } from 'vitest';
import { cosineDecay, exponentialDecay, oneCycle, piecewiseConstant, reduceOnPlateau, stepDecay } from '../index.js';

const steps = Array.from({ length: 120 }, (_, i) => i);

describe('schedules follow their formulas', () => {
  it('stepDecay: lr0 * gamma^floor(step / stepSize) (PyTorch StepLR)', () => {
    const s = stepDecay({ initialLearningRate: 0.3, stepSize: 7, gamma: 0.5 });
    for (const t of steps) expect(s.valueAt(t)).toBeCloseTo(0.3 * Math.pow(0.5, Math.floor(t / 7)), 14);
    expect(s.valueAt(6)).toBe(0.3);
    expect(s.valueAt(7)).toBe(0.15);
  });

  it('piecewiseConstant: Keras boundaries (value i while step <= boundary i)', () => {
    const s = piecewiseConstant({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect([0, 10, 11, 20, 21, 100].map((t) => s.valueAt(t))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(() => piecewiseConstant({ boundaries: [10], values: [1] })).toThrow(/options.values must be an array of 2 rates/);
  });

  it('exponentialDecay, continuous and staircase', () => {
    const c = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 });
    const st = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true });
    for (const t of steps) {
      expect(c.valueAt(t)).toBeCloseTo(0.1 * Math.exp((t / 10) * Math.log(0.9)), 14);
      expect(st.valueAt(t)).toBeCloseTo(0.1 * 0.9 ** Math.floor(t / 10), 14);
    }
  });

  it('cosineDecay with linear warmup (Keras CosineDecay semantics)', () => {
    const s = cosineDecay({ initialLearningRate: 0.01, warmupSteps: 20, warmupTarget: 0.1, decaySteps: 80, alpha: 0.1 });
    for (const t of steps) {
      let expected: number;
      if (t < 20) expected = 0.01 + (0.09 * t) / 20;
      else {
        const p = Math.min(t - 20, 80) / 80;
        expected = 0.1 * (0.9 * (1 + Math.cos(Math.PI * p)) / 2 + 0.1);
      }
      expect(s.valueAt(t)).toBeCloseTo(expected, 14);
    }
    expect(s.valueAt(20)).toBeCloseTo(0.1, 14); // peak right after warmup
    expect(s.valueAt(60)).toBeCloseTo(0.1 * (0.9 * 0.5 + 0.1), 14); // half way: cos = 0
    expect(s.valueAt(100)).toBeCloseTo(0.01, 14); // alpha * peak, then flat
    expect(s.valueAt(119)).toBeCloseTo(0.01, 14);
    const plain = cosineDecay({ initialLearningRate: 1, decaySteps: 10 });
    expect(plain.valueAt(0)).toBe(1);
    expect(plain.valueAt(10)).toBeCloseTo(0, 14);
  });

  it('oneCycle: PyTorch OneCycleLR anchors and the cosine anneal between them', () => {
    const total = 100;
    const s = oneCycle({ maxLearningRate: 1, totalSteps: total, pctStart: 0.3 });
    const initial = 1 / 25;
    const final = initial / 1e4;
    expect(s.valueAt(0)).toBeCloseTo(initial, 14);
    expect(s.valueAt(29)).toBeCloseTo(1, 14); // end of phase 1 at pct*total - 1
    expect(s.valueAt(99)).toBeCloseTo(final, 14);
    const cosAnneal = (a: number, b: number, p: number): number => b + ((a - b) * (1 + Math.cos(Math.PI * p))) / 2;
    for (let t = 0; t < total; t++) {
      const e = t <= 29 ? cosAnneal(initial, 1, t / 29) : cosAnneal(1, final, (t - 29) / (99 - 29));
      expect(s.valueAt(t)).toBeCloseTo(e, 13);
    }
    const lin = oneCycle({ maxLearningRate: 1, totalSteps: 11, pctStart: 0.5, annealStrategy: 'linear', divFactor: 10, finalDivFactor: 1 });
    expect(lin.valueAt(2)).toBeCloseTo(0.1 + (0.9 * 2) / 4.5, 14);
    const three = oneCycle({ maxLearningRate: 1, totalSteps: 100, threePhase: true });
    expect(three.valueAt(29)).toBeCloseTo(1, 14);
    expect(three.valueAt(58)).toBeCloseTo(initial, 14);
    expect(three.valueAt(99)).toBeCloseTo(final, 14);
  });

  it('reduceOnPlateau: factor after patience epochs, cooldown, floor (Keras ReduceLROnPlateau)', () => {
    const s = reduceOnPlateau({ initialLearningRate: 1, monitor: 'val_loss', factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.2, minDelta: 0 });
    const losses = [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85];
    // Traced by hand with Keras' rules: best 0.9 at epoch 1; waits 1, 2 -> reduce at epoch 3 (0.5,
    // cooldown 1); epoch 4 ends the cooldown and counts wait 1; epoch 5 wait 2 -> 0.25; epoch 7
    // improves (0.8); waits at 8, 9 -> 0.125 floored to 0.2.
    const lrs = losses.map((v, e) => {
      s.onEpochEnd(e, { val_loss: v });
      return s.valueAt(0);
    });
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2]);
    const st = s.getState();
    const s2 = reduceOnPlateau({ initialLearningRate: 1, factor: 0.5, patience: 2 });
    s2.setState(st);
    expect(s2.valueAt(0)).toBe(0.2);
    expect(() => s.onEpochEnd(0, { loss: 1 })).toThrow(/logs.val_loss must be present \(logged keys: loss\)/);
    const acc = reduceOnPlateau({ initialLearningRate: 1, monitor: 'val_accuracy', patience: 0, factor: 0.1 });
    acc.onEpochEnd(0, { val_accuracy: 0.5 });
    acc.onEpochEnd(1, { val_accuracy: 0.6 }); // higher is better in auto mode
    expect(acc.valueAt(0)).toBe(1);
    acc.onEpochEnd(2, { val_accuracy: 0.6 });
    expect(acc.valueAt(0)).toBeCloseTo(0.1, 14);
  });

  it('errors name the argument', () => {
    expect(() => stepDecay({ initialLearningRate: 0.1, stepSize: 0 })).toThrow(/stepDecay: options.stepSize must be an integer >= 1; got 0/);
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }).valueAt(-1)).toThrow(/cosineDecay.valueAt: step must be an integer >= 0/);
    expect(() => oneCycle({ maxLearningRate: 1, totalSteps: 1 })).toThrow(/oneCycle: options.totalSteps/);
  });
});
