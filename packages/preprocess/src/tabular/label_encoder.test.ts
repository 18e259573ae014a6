import { describe, expect, it } from 'vitest';
import { LabelEncoder } from './label_encoder.js';

describe('LabelEncoder', () => {
  it("reproduces scikit-learn's documented examples", () => {
    const le = new LabelEncoder().fit([1, 2, 2, 6]);
    expect(le.classes).toEqual([1, 2, 6]);
    expect(le.transform([1, 1, 2, 6])).toEqual([0, 0, 1, 2]);
    expect(le.inverseTransform([0, 0, 1, 2])).toEqual([1, 1, 2, 6]);
    const cities = new LabelEncoder().fit(['paris', 'paris', 'tokyo', 'amsterdam']);
    expect(cities.classes).toEqual(['amsterdam', 'paris', 'tokyo']);
    expect(cities.transform(['tokyo', 'tokyo', 'paris'])).toEqual([2, 2, 1]);
  });

  it('refuses unknown labels and ids, names them by position, and round-trips through JSON', () => {
    const le = new LabelEncoder().fit(['a', 'b']);
    expect(() => le.transform(['a', 'z'])).toThrow('LabelEncoder.transform: y[1] is a label not seen in fit (a string (1 chars))');
    expect(() => le.inverseTransform([2])).toThrow('LabelEncoder.inverseTransform: ids[0] must be an integer in [0, 1]; got 2');
    expect(() => new LabelEncoder().transform(['a'])).toThrow('LabelEncoder.transform: not fitted yet');
    expect(() => new LabelEncoder().fit([NaN])).toThrow('LabelEncoder.fit: y[0] is missing (NaN)');
    expect(LabelEncoder.fromJSON(JSON.parse(JSON.stringify(le))).transform(['b', 'a'])).toEqual([1, 0]);
  });
});
