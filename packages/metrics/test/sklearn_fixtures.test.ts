/**
 * Every case of the scikit-learn fixture file(s) must match within 1e-9 (curves point by point,
 * folds index by index, shuffle off). The runner (test/helpers/sklearn_fixture_runner.ts) walks
 * every case and every key of `expected`; a key it cannot check fails.
 *
 * Files:
 * - default: packages/metrics/../../../shared/fixtures/metrics/sklearn_cases.json
 *   (the shared folder beside the repository);
 * - TESSERA_FIXTURES replaces it: a JSON file, or a folder holding metrics/sklearn_cases.json
 *   or sklearn_cases.json;
 * - TESSERA_METRICS_CASES adds files (or folders of *.json), separated by ':' (';' on Windows),
 *   e.g. a second set of cases generated the same way.
 * A missing file fails the run with its path; nothing is skipped.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TOLERANCE, fixtureFiles, loadFixtureFile, runCase, type FixtureFile, type FixtureStats } from './helpers/sklearn_fixture_runner.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultFile = path.resolve(packageDir, '../../../shared/fixtures/metrics/sklearn_cases.json');
const files = fixtureFiles(process.env, defaultFile);
const stats: FixtureStats = { numbers: 0, exact: 0, maxAbsDiff: 0 };
let cases = 0;
let keys = 0;

for (const file of files) {
  describe(`scikit-learn fixtures: ${file}`, () => {
    let data: FixtureFile | undefined;
    let loadError: unknown;
    try {
      data = loadFixtureFile(file, defaultFile);
    } catch (e) {
      loadError = e;
    }

    it('loads the fixture file', () => {
      if (loadError) throw loadError;
      expect(data?.cases.length).toBeGreaterThan(0);
    });

    for (const c of data?.cases ?? []) {
      it(`${c.name} (${c.task}): every expected key matches within ${TOLERANCE}`, () => {
        const r = runCase(c, data?.zeroDivision ?? 0, stats);
        cases++;
        keys += r.keys - r.failures.length;
        expect(r.failures).toEqual([]);
      });
    }
  });
}

afterAll(() => {
  console.log(
    `[sklearn fixtures] ${files.length} file(s), ${cases} cases, ${keys} keys matched, ${stats.numbers} numbers ` +
      `(${stats.exact} bit-exact, largest difference otherwise ${stats.maxAbsDiff})`,
  );
});
