import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dp/random.js';
import { checkKAnonymity, equivalenceClasses } from './equivalence_classes.js';
import { dateTruncationHierarchy } from './hierarchies/date_truncation.js';
import type { Hierarchy } from './hierarchies/hierarchy.js';
import { numericRangeHierarchy } from './hierarchies/numeric_range.js';
import { prefixMaskHierarchy } from './hierarchies/prefix_mask.js';
import { userHierarchy } from './hierarchies/user_hierarchy.js';
import { kAnonymize } from './k_anonymize.js';
import { checkDistinctLDiversity } from './l_diversity.js';
import { checkTCloseness, earthMoversDistance } from './t_closeness.js';

describe('hierarchies', () => {
  it('numericRangeHierarchy nests intervals and ends in *', () => {
    const h = numericRangeHierarchy({ widths: [5, 10, 20] });
    expect([0, 1, 2, 3, 4].map((l) => h.generalize(23, l))).toEqual(['23', '[20, 25)', '[20, 30)', '[20, 40)', '*']);
    expect(h.generalize(-3, 1)).toBe('[-5, 0)');
    expect(h.generalize('7.5', 1)).toBe('[5, 10)');
    expect(() => numericRangeHierarchy({ widths: [5, 12] })).toThrow(/widths\[1\] \(12\) must be a multiple > 1 of widths\[0\] \(5\)/);
    expect(() => h.generalize('abc', 1)).toThrow('numericRangeHierarchy: value must be a finite number or numeric string, got a string of length 3');
    expect(() => h.generalize(1, 5)).toThrow('numericRangeHierarchy: level must be an integer in [0, 4], got 5');
  });
  it('dateTruncationHierarchy truncates in UTC', () => {
    const h = dateTruncationHierarchy(['month', 'quarter', 'year', 'decade', 'century']);
    expect([0, 1, 2, 3, 4, 5, 6].map((l) => h.generalize('1990-06-23', l))).toEqual(['1990-06-23', '1990-06', '1990-Q2', '1990', '1990s', '1900s', '*']);
    expect(h.generalize(new Date(Date.UTC(2001, 0, 31, 23, 30)), 1)).toBe('2001-01');
    expect(() => dateTruncationHierarchy(['year', 'month'])).toThrow(/fine to coarse/);
    expect(() => h.generalize('31/12/1990', 1)).toThrow(/valid Date or an ISO date string/);
  });
  it('prefixMaskHierarchy masks trailing characters', () => {
    const h = prefixMaskHierarchy({ maxMasked: 3 });
    expect([0, 1, 2, 3, 4].map((l) => h.generalize('81675', l))).toEqual(['81675', '8167*', '816**', '81***', '*']);
  });
  it('userHierarchy follows the table, adds * and rejects inconsistent tables', () => {
    const h = userHierarchy({ flu: ['respiratory', 'infectious'], covid: ['respiratory', 'infectious'], gastritis: ['digestive', 'non-infectious'] });
    expect(h.levels).toBe(3);
    expect([0, 1, 2, 3].map((l) => h.generalize('covid', l))).toEqual(['covid', 'respiratory', 'infectious', '*']);
    expect(() => h.generalize('measles', 1)).toThrow('userHierarchy: a value (a string of length 7) is not in the hierarchy table');
    expect(() => userHierarchy({ a: ['x', 'p'], b: ['x', 'q'] })).toThrow(/not a hierarchy/);
  });
});

describe('t-closeness distances (Li et al. 2007)', () => {
  const salaries = [3, 4, 5, 6, 7, 8, 9, 10, 11];
  it('ordered distance reproduces the paper: {3k,4k,5k} -> 0.375, {6k,8k,11k} -> 0.167', () => {
    expect(earthMoversDistance([3, 4, 5], salaries, 'ordered')).toBeCloseTo(0.375, 12);
    expect(earthMoversDistance([6, 8, 11], salaries, 'ordered')).toBeCloseTo(1 / 6, 12);
  });
  it('equal distance is half the L1 distance between the distributions', () => {
    // p = 1/3 on three of nine equally likely values: (3 * (1/3 - 1/9) + 6 * 1/9) / 2 = 2/3.
    expect(earthMoversDistance(['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], 'equal')).toBeCloseTo(2 / 3, 12);
    expect(earthMoversDistance(['a', 'b'], ['a', 'b'], 'equal')).toBe(0);
  });
});

// An independent reference for the tests: plain grouping, checks and an exhaustive lattice search.
function groups(rows: Record<string, unknown>[], qis: string[]): Record<string, unknown>[][] {
  const m = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    if (qis.every((q) => r[q] === '*')) continue;
    const key = qis.map((q) => String(r[q])).join('|');
    m.set(key, [...(m.get(key) ?? []), r]);
  }
  return [...m.values()];
}

function makeTable(n: number, seed: number): { age: number; zip: string; sex: string; disease: string; salary: number }[] {
  const rnd = seededRandom(seed);
  const diseases = ['flu', 'covid', 'gastritis', 'ulcer', 'asthma'];
  return Array.from({ length: n }, () => ({
    age: 18 + Math.floor(rnd() * 60),
    zip: `81${Math.floor(rnd() * 10)}${Math.floor(rnd() * 10)}${Math.floor(rnd() * 10)}`,
    sex: rnd() < 0.5 ? 'F' : 'M',
    disease: diseases[Math.floor(rnd() * diseases.length)]!,
    salary: 20 + Math.floor(rnd() * 10) * 5,
  }));
}

const qiHierarchies = (): Record<string, Hierarchy> => ({
  age: numericRangeHierarchy({ widths: [5, 10, 20, 40] }),
  zip: prefixMaskHierarchy({ maxMasked: 5 }),
  sex: userHierarchy({ F: ['*'], M: ['*'] }),
});

describe('kAnonymize', () => {
  it('a worked example: 3-anonymity by age decade and ZIP prefix', () => {
    const table = [
      { age: 34, zip: '81675', diagnosis: 'flu' },
      { age: 36, zip: '81677', diagnosis: 'cold' },
      { age: 33, zip: '81679', diagnosis: 'flu' },
      { age: 52, zip: '81241', diagnosis: 'asthma' },
      { age: 55, zip: '81245', diagnosis: 'flu' },
      { age: 58, zip: '81249', diagnosis: 'cold' },
    ];
    const result = kAnonymize(table, {
      quasiIdentifiers: { age: numericRangeHierarchy({ widths: [10, 20] }), zip: prefixMaskHierarchy({ maxMasked: 5 }) },
      k: 3,
    });
    expect(result.levels).toEqual({ age: 1, zip: 1 });
    expect(result.rows[0]).toEqual({ age: '[30, 40)', zip: '8167*', diagnosis: 'flu' });
    expect(result.suppressedRows).toBe(0);
    expect(result.equivalenceClasses).toBe(2);
    // Loss by hand: age 1/3, zip 1/6 -> mean 0.25; discernibility 3^2 + 3^2; C_AVG (6/2)/3 = 1.
    expect(result.informationLoss.generalizationLoss).toBeCloseTo(0.25, 12);
    expect(result.informationLoss.discernibility).toBe(18);
    expect(result.informationLoss.averageClassSize).toBe(1);
  });

  it.each([
    [2, 0, 1],
    [5, 0.05, 2],
    [10, 0.1, 3],
  ])('output of a generated table satisfies k=%i with suppression limit %f and is optimal', (k, limit, seed) => {
    const table = makeTable(200, seed);
    const qis = ['age', 'zip', 'sex'];
    const hs = qiHierarchies();
    const result = kAnonymize(table, { quasiIdentifiers: hs, k, suppressionLimit: limit });
    // k holds, by independent grouping and by the package's check.
    for (const g of groups(result.rows, qis)) expect(g.length).toBeGreaterThanOrEqual(k);
    expect(checkKAnonymity(result.rows, qis, k).satisfied).toBe(true);
    expect(result.suppressedRows).toBeLessThanOrEqual(Math.floor(limit * table.length));
    expect(result.rows.filter((r) => qis.every((q) => r[q as keyof typeof r] === '*')).length).toBe(result.suppressedRows);
    // Optimal: no lattice node has a lower loss (exhaustive search, computed independently).
    let bestLoss = Infinity;
    const heights = qis.map((q) => hs[q]!.levels);
    for (let a = 0; a <= heights[0]!; a++)
      for (let z = 0; z <= heights[1]!; z++)
        for (let s = 0; s <= heights[2]!; s++) {
          const lv = [a, z, s];
          const keys = table.map((r) => qis.map((q, i) => hs[q]!.generalize(r[q as keyof typeof r], lv[i]!)).join('|'));
          const counts = new Map<string, number>();
          for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
          const suppressed = keys.filter((key) => counts.get(key)! < k).length;
          if (suppressed > Math.floor(limit * table.length)) continue;
          const gen = lv.reduce((acc, l, i) => acc + l / heights[i]!, 0) / qis.length;
          bestLoss = Math.min(bestLoss, ((table.length - suppressed) * gen + suppressed) / table.length);
        }
    expect(result.informationLoss.generalizationLoss).toBeCloseTo(bestLoss, 12);
  });

  it('adds distinct l-diversity and t-closeness constraints', () => {
    const table = makeTable(300, 4);
    const qis = ['age', 'zip', 'sex'];
    const ld = kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 3, suppressionLimit: 0.05, lDiversity: { sensitive: 'disease', l: 3 } });
    for (const g of groups(ld.rows, qis)) expect(new Set(g.map((r) => r.disease)).size).toBeGreaterThanOrEqual(3);
    expect(checkDistinctLDiversity(ld.rows, qis, 'disease', 3).satisfied).toBe(true);

    const tc = kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 3, suppressionLimit: 0.05, tCloseness: { sensitive: 'salary', t: 0.2, distance: 'ordered' } });
    const all = table.map((r) => r.salary);
    for (const g of groups(tc.rows, qis)) expect(earthMoversDistance(g.map((r) => r.salary), all, 'ordered')).toBeLessThanOrEqual(0.2 + 1e-12);
    expect(checkTCloseness(tc.rows, qis, 'salary', 0.2, { distance: 'ordered' }).satisfied).toBe(true);
    // The constraints cost information.
    const plain = kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 3, suppressionLimit: 0.05 });
    expect(tc.informationLoss.generalizationLoss).toBeGreaterThanOrEqual(plain.informationLoss.generalizationLoss);
  });

  it('drops suppressed rows on request, and refuses impossible settings', () => {
    const table = makeTable(50, 5);
    const dropped = kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 4, suppressionLimit: 0.2, suppressed: 'drop' });
    expect(dropped.rows.length).toBe(50 - dropped.suppressedRows);
    expect(() => kAnonymize(table.slice(0, 3), { quasiIdentifiers: qiHierarchies(), k: 4 })).toThrow(/no generalization satisfies k=4 with at most 0 of 3 rows suppressed/);
    expect(() => kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 0 })).toThrow('kAnonymize: k must be an integer >= 1, got the number 0');
    expect(() => kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 2, lDiversity: { sensitive: 'zip', l: 2 } })).toThrow(/also a quasi-identifier/);
    expect(() => kAnonymize([{ age: 'old', zip: '1', sex: 'F' }], { quasiIdentifiers: qiHierarchies(), k: 1 })).toThrow(/field 'age' of rows\[0\]: numericRangeHierarchy: value must be a finite number/);
    expect(() => kAnonymize(table, { quasiIdentifiers: qiHierarchies(), k: 2, maxLatticeNodes: 10 })).toThrow(/lattice has 84 nodes, more than maxLatticeNodes 10/);
  });
});

describe('checks', () => {
  const rows = [
    { zip: '816**', disease: 'flu', salary: 3 },
    { zip: '816**', disease: 'flu', salary: 4 },
    { zip: '812**', disease: 'cold', salary: 10 },
    { zip: '812**', disease: 'flu', salary: 11 },
    { zip: '*', disease: 'asthma', salary: 5 },
  ];
  it('count classes, excluding suppressed rows unless asked', () => {
    expect(equivalenceClasses(rows, ['zip']).size).toBe(2);
    expect(equivalenceClasses(rows, ['zip'], { excludeSuppressed: false }).size).toBe(3);
    expect(checkKAnonymity(rows, ['zip'], 2)).toEqual({ satisfied: true, minClassSize: 2, classCount: 2, violatingRows: 0 });
    expect(checkKAnonymity(rows, ['zip'], 2, { excludeSuppressed: false }).satisfied).toBe(false);
  });
  it('measure l-diversity and t-closeness', () => {
    expect(checkDistinctLDiversity(rows, ['zip'], 'disease', 2)).toEqual({ satisfied: false, minDistinct: 1, violatingClasses: 1 });
    const t = checkTCloseness(rows, ['zip'], 'salary', 0.3, { distance: 'ordered' });
    expect(t.maxDistance).toBeCloseTo(earthMoversDistance([10, 11], rows.map((r) => r.salary), 'ordered'), 12);
    expect(() => checkTCloseness(rows, ['zip'], 'disease', 0.3, { distance: 'ordered' })).toThrow(/ordered distance needs numeric sensitive values, got a string of length 3/);
  });
});
