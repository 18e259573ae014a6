import { describe, expect, it } from 'vitest';
import { classWeights, sampleWeights } from './class_weights.js';

describe('classWeights', () => {
  it("computes sklearn's 'balanced' n_samples / (n_classes * count)", () => {
    const y = [0, 0, 0, 0, 1, 1, 2];
    const w = classWeights(y);
    expect([...w.keys()]).toEqual([0, 1, 2]);
    expect([...w.values()]).toEqual([7 / (3 * 4), 7 / (3 * 2), 7 / (3 * 1)]);
    // weighted counts are equal across classes
    expect([...w].map(([c, v]) => v * y.filter((t) => t === c).length)).toEqual([7 / 3, 7 / 3, 7 / 3]);
    expect(sampleWeights(['a', 'a', 'b'])).toEqual([0.75, 0.75, 1.5]);
  });

  it('rejects empty, missing and mixed labels', () => {
    expect(() => classWeights([])).toThrow('classWeights: y is empty');
    expect(() => classWeights([1, null as never])).toThrow('classWeights: y[1] is missing (null)');
    expect(() => classWeights([1, 'a'])).toThrow('classWeights: y mixes numbers and strings (at [1])');
  });
});
