import { describe, expect, it } from 'vitest';
import { constantSparsity, polynomialDecay } from './schedules.js';

// TF-MOT's definitions, written out here independently of the implementation.
const refPoly = (step: number, o: { i: number; f: number; b: number; e: number; power: number }): number => {
  const p = Math.min(1, Math.max(0, (step - o.b) / (o.e - o.b)));
  return o.f + (o.i - o.f) * Math.pow(1 - p, o.power);
};
const refShould = (step: number, b: number, e: number, freq: number): boolean => step >= b && (e < 0 || step <= e) && (step - b) % freq === 0;

describe('polynomialDecay (TF-MOT PolynomialDecay)', () => {
  it('sparsity = final + (initial - final) (1 - (step - begin) / (end - begin))^power, pruning every frequency steps in [begin, end]', () => {
    const o = { i: 0.1, f: 0.8, b: 20, e: 120, power: 3 };
    const s = polynomialDecay({ initialSparsity: o.i, finalSparsity: o.f, beginStep: o.b, endStep: o.e, power: o.power, frequency: 10 });
    for (let step = 0; step <= 200; step++) {
      const d = s.at(step);
      expect(d.sparsity).toBeCloseTo(refPoly(step, o), 14);
      expect(d.prune).toBe(refShould(step, o.b, o.e, 10));
    }
    expect(s.at(0).sparsity).toBeCloseTo(0.1, 14); // before begin: the initial sparsity, no pruning
    expect(s.at(20).prune).toBe(true);
    expect(s.at(20).sparsity).toBeCloseTo(0.1, 14);
    expect(s.at(70).sparsity).toBeCloseTo(0.8 - 0.7 * 0.125, 14); // half way, power 3
    expect(s.at(120)).toEqual({ prune: true, sparsity: 0.8 });
    expect(s.at(130).prune).toBe(false); // after end
    expect(s.toJSON()).toEqual({
      class_name: 'PolynomialDecay',
      config: { initial_sparsity: 0.1, final_sparsity: 0.8, power: 3, begin_step: 20, end_step: 120, frequency: 10 },
    });
  });

  it('power 1 is linear; defaults are power 3, frequency 100', () => {
    const lin = polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 10, power: 1, frequency: 1 });
    expect(lin.at(4).sparsity).toBeCloseTo(0.2, 14);
    const d = polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 1000 });
    expect(d.frequency).toBe(100);
    expect(d.at(100).prune).toBe(true);
    expect(d.at(150).prune).toBe(false);
    expect(d.at(500).sparsity).toBeCloseTo(0.5 - 0.5 * 0.125, 14);
  });

  it('rejects what TF-MOT rejects, naming the argument', () => {
    const ok = { initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 10 };
    expect(() => polynomialDecay({ ...ok, finalSparsity: 1 })).toThrow(/polynomialDecay: options.finalSparsity must be a finite number in \[0, 1\); got 1/);
    expect(() => polynomialDecay({ ...ok, initialSparsity: -0.1 })).toThrow(/options.initialSparsity must be a finite number in \[0, 1\); got -0.1/);
    expect(() => polynomialDecay({ ...ok, endStep: -1 })).toThrow(/options.endStep must be > beginStep/);
    expect(() => polynomialDecay({ ...ok, endStep: 0 })).toThrow(/options.endStep must be > beginStep \(0\); got 0/);
    expect(() => polynomialDecay({ ...ok, beginStep: -1 })).toThrow(/options.beginStep must be an integer >= 0; got -1/);
    expect(() => polynomialDecay({ ...ok, frequency: 0 })).toThrow(/options.frequency must be an integer >= 1; got 0/);
    expect(() => polynomialDecay(ok).at(-1)).toThrow(/polynomialDecay.at: step must be an integer >= 0; got -1/);
  });
});

describe('constantSparsity (TF-MOT ConstantSparsity)', () => {
  it('constant target; end -1 prunes forever; frequency counted from begin', () => {
    const s = constantSparsity({ targetSparsity: 0.75, beginStep: 5, frequency: 4 });
    for (let step = 0; step < 60; step++) expect(s.at(step)).toEqual({ prune: refShould(step, 5, -1, 4), sparsity: 0.75 });
    const bounded = constantSparsity({ targetSparsity: 0.5, beginStep: 0, endStep: 8, frequency: 4 });
    expect([0, 4, 8, 12].map((t) => bounded.at(t).prune)).toEqual([true, true, true, false]);
    expect(() => constantSparsity({ targetSparsity: 1.2 })).toThrow(/constantSparsity: options.targetSparsity must be a finite number in \[0, 1\); got 1.2/);
    expect(() => constantSparsity({ targetSparsity: 0.5, beginStep: 10, endStep: 5 })).toThrow(/options.endStep must be -1 or >= beginStep \(10\); got 5/);
  });
});
