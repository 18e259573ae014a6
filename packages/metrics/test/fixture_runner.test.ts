// The fixture runner itself: it must fail (not skip) on unknown keys, wrong values and missing
// files, and find extra case files from the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, fixtureFiles, loadFixtureFile, runCase, type FixtureCase } from './helpers/sklearn_fixture_runner.js';

const stats = () => ({ numbers: 0, exact: 0, maxAbsDiff: 0 });

describe('sklearn fixture runner', () => {
  const binary: FixtureCase = {
    name: 'tiny',
    task: 'binary',
    yTrue: [0, 0, 1, 1],
    yPred: [0, 1, 1, 1],
    yScore: [0.1, 0.4, 0.35, 0.8],
    expected: {
      accuracy: 0.75,
      rocAuc: 0.75,
      rocCurve: { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [null, 0.8, 0.4, 0.35, 0.1] },
      confusionMatrix: [
        [1, 1],
        [0, 2],
      ],
    },
  };

  it('checks every key, reading null thresholds as Infinity', () => {
    const s = stats();
    expect(runCase(binary, 0, s)).toEqual({ keys: 4, failures: [] });
    expect(s.numbers).toBe(2 + 15 + 4);
    expect(s.exact).toBe(s.numbers);
  });

  it('fails on an unknown key, a wrong value, a wrong length or an unknown task', () => {
    const bad: FixtureCase = { ...binary, expected: { accuracy: 0.7, fancyScore: 1, rocCurve: { fpr: [0, 1] } } };
    const r = runCase(bad, 0, stats());
    expect(r.failures).toHaveLength(3);
    expect(r.failures[0]).toMatch(/tiny.accuracy: expected 0.7, got 0.75/);
    expect(r.failures[1]).toMatch(/no checker for expected key "fancyScore" of task "binary"/);
    expect(r.failures[2]).toMatch(/tiny.rocCurve.fpr: expected length 2, got 5/);
    expect(runCase({ ...binary, task: 'ranking' }, 0, stats()).failures[0]).toMatch(/unknown task "ranking"/);
  });

  it('compares within 1e-9, relative above 1', () => {
    expect(() => compare(1 + 5e-10, 1, 'x', stats())).not.toThrow();
    expect(() => compare(1 + 5e-9, 1, 'x', stats())).toThrow(/x: expected 1, got/);
    expect(() => compare(1000 + 5e-7, 1000, 'x', stats())).not.toThrow();
  });

  it('checks split folds index by index', () => {
    const split: FixtureCase = {
      name: 's',
      task: 'split',
      n: 5,
      k: 2,
      y: [0, 1, 0, 1, 0],
      expected: { kfoldTestIndices: [[0, 1, 2], [3, 4]], stratifiedKfoldTestIndices: [[0, 1, 2], [3, 4]] },
    };
    expect(runCase(split, 0, stats()).failures).toEqual([]);
    const wrong = { ...split, expected: { kfoldTestIndices: [[0, 1], [2, 3, 4]] } };
    expect(runCase(wrong, 0, stats()).failures[0]).toMatch(/s.kfoldTestIndices\[0\]: expected length 2, got 3/);
  });

  it('finds files from TESSERA_FIXTURES and TESSERA_METRICS_CASES, and reports a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-fixtures-'));
    try {
      fs.mkdirSync(path.join(dir, 'metrics'));
      const main = path.join(dir, 'metrics', 'sklearn_cases.json');
      fs.writeFileSync(main, JSON.stringify({ cases: [binary] }));
      const extraDir = path.join(dir, 'more');
      fs.mkdirSync(extraDir);
      fs.writeFileSync(path.join(extraDir, 'b.json'), '{}');
      fs.writeFileSync(path.join(extraDir, 'a.json'), '{}');
      const files = fixtureFiles({ TESSERA_FIXTURES: dir, TESSERA_METRICS_CASES: [extraDir, '/x/y.json'].join(path.delimiter) }, '/default.json');
      expect(files).toEqual([main, path.join(extraDir, 'a.json'), path.join(extraDir, 'b.json'), '/x/y.json']);
      expect(fixtureFiles({}, '/default.json')).toEqual(['/default.json']);
      expect(loadFixtureFile(main, '/default.json').cases).toHaveLength(1);
      expect(() => loadFixtureFile('/x/y.json', '/default.json')).toThrow(/sklearn fixture file not found: \/x\/y.json/);
      expect(() => loadFixtureFile(path.join(extraDir, 'a.json'), '/default.json')).toThrow(/has no "cases" array/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
