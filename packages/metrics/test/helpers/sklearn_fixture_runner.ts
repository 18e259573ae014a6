/**
 * The generic scikit-learn fixture runner: finds the fixture files, and checks every key of
 * every case's `expected` against the package. A key without a checker is a failure, never a
 * skip, so new cases generated the same way are checked in full or fail loudly.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  brierScore,
  cohenKappa,
  confusionMatrix,
  explainedVariance,
  groupKFold,
  kFold,
  logLoss,
  matthewsCorrcoef,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  precisionRecallCurve,
  precisionRecallF1,
  r2Score,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
  stratifiedKFold,
  timeSeriesSplit,
  topKAccuracy,
  type Average,
  type Fold,
} from '../../src/index.js';

export const TOLERANCE = 1e-9;

export function resolveFixture(p: string): string {
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
    for (const candidate of [path.join(p, 'metrics', 'sklearn_cases.json'), path.join(p, 'sklearn_cases.json')]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    return path.join(p, 'metrics', 'sklearn_cases.json');
  }
  return p;
}

export function extraFiles(list: string | undefined): string[] {
  if (!list) return [];
  return list
    .split(path.delimiter)
    .filter((s) => s.trim() !== '')
    .flatMap((p) => {
      const abs = path.resolve(p);
      if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
        return fs
          .readdirSync(abs)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(abs, f));
      }
      return [abs];
    });
}

/**
 * The fixture files to check: `TESSERA_FIXTURES` (file or folder) or the default shared file,
 * then every file listed in `TESSERA_METRICS_CASES`.
 */
export function fixtureFiles(env: NodeJS.ProcessEnv, defaultFile: string): string[] {
  const main = env.TESSERA_FIXTURES ? resolveFixture(path.resolve(env.TESSERA_FIXTURES)) : defaultFile;
  return [main, ...extraFiles(env.TESSERA_METRICS_CASES)];
}

export interface FixtureCase {
  name: string;
  task: string;
  expected: Record<string, unknown>;
  [field: string]: unknown;
}

export interface FixtureFile {
  generator?: string;
  notes?: string;
  zeroDivision?: 0 | 1;
  cases: FixtureCase[];
}

export function loadFixtureFile(file: string, defaultFile: string): FixtureFile {
  if (!fs.existsSync(file)) {
    throw new Error(
      `sklearn fixture file not found: ${file}\n` +
        `Expected the shared fixtures at ${defaultFile} (set TESSERA_FIXTURES to a file or folder elsewhere).`,
    );
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureFile;
  if (!Array.isArray(parsed.cases) || parsed.cases.length === 0) {
    throw new Error(`sklearn fixture file ${file} has no "cases" array`);
  }
  return parsed;
}

// ---------- comparison ----------

/** Counters for the summary line. */
export interface FixtureStats {
  numbers: number;
  exact: number;
  maxAbsDiff: number;
}

/** `null` in the fixtures is +Infinity (JSON cannot hold it; see the file's notes). */
export function compare(actual: unknown, expected: unknown, where: string, stats: FixtureStats): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new Error(`${where}: expected an array of ${expected.length}, got ${String(actual)}`);
    if (actual.length !== expected.length) throw new Error(`${where}: expected length ${expected.length}, got ${actual.length}`);
    expected.forEach((e, i) => compare(actual[i], e, `${where}[${i}]`, stats));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') throw new Error(`${where}: expected an object, got ${String(actual)}`);
    for (const [k, e] of Object.entries(expected)) compare((actual as Record<string, unknown>)[k], e, `${where}.${k}`, stats);
    return;
  }
  const e = expected === null ? Infinity : expected;
  if (typeof e !== 'number') throw new Error(`${where}: unsupported expected value ${JSON.stringify(expected)}`);
  if (typeof actual !== 'number') throw new Error(`${where}: expected ${e}, got ${String(actual)}`);
  stats.numbers++;
  if (Object.is(actual, e) || actual === e) {
    stats.exact++;
    return;
  }
  const diff = Math.abs(actual - e);
  if (!(diff <= TOLERANCE * Math.max(1, Math.abs(e)))) {
    throw new Error(`${where}: expected ${e}, got ${actual} (|diff| ${diff} > ${TOLERANCE})`);
  }
  stats.maxAbsDiff = Math.max(stats.maxAbsDiff, diff);
}

// ---------- checkers: one per expected key ----------

type Ctx = { c: FixtureCase; zeroDivision: 0 | 1 };
type Checker = (ctx: Ctx, expected: unknown) => unknown;

const num = (c: FixtureCase, f: string): number => {
  const v = c[f];
  if (typeof v !== 'number') throw new Error(`case ${c.name}: field "${f}" is missing or not a number`);
  return v;
};
const arr = (c: FixtureCase, f: string): number[] => {
  const v = c[f];
  if (!Array.isArray(v)) throw new Error(`case ${c.name}: field "${f}" is missing or not an array`);
  return v as number[];
};
const opt = (c: FixtureCase): { numClasses?: number } => (typeof c.numClasses === 'number' ? { numClasses: c.numClasses } : {});
/** Binary cases carry `yScore`; multiclass cases carry `yProb` rows. */
const scores = (c: FixtureCase): number[] | number[][] => (Array.isArray(c.yProb) ? (c.yProb as number[][]) : arr(c, 'yScore'));

const prf = (average: Average) => ({ c, zeroDivision }: Ctx) =>
  precisionRecallF1(arr(c, 'yTrue'), arr(c, 'yPred'), { average, zeroDivision, ...opt(c) } as never);

const classification: Record<string, Checker> = {
  accuracy: ({ c }) => accuracy(arr(c, 'yTrue'), arr(c, 'yPred')),
  balancedAccuracy: ({ c }) => balancedAccuracy(arr(c, 'yTrue'), arr(c, 'yPred'), opt(c)),
  binary: prf('binary'),
  micro: prf('micro'),
  macro: prf('macro'),
  weighted: prf('weighted'),
  perClass: prf('none'),
  confusionMatrix: ({ c }) => confusionMatrix(arr(c, 'yTrue'), arr(c, 'yPred'), opt(c)),
  confusionMatrixNormalizedTrue: ({ c }) => confusionMatrix(arr(c, 'yTrue'), arr(c, 'yPred'), { ...opt(c), normalize: 'true' }),
  confusionMatrixNormalizedPred: ({ c }) => confusionMatrix(arr(c, 'yTrue'), arr(c, 'yPred'), { ...opt(c), normalize: 'pred' }),
  confusionMatrixNormalizedAll: ({ c }) => confusionMatrix(arr(c, 'yTrue'), arr(c, 'yPred'), { ...opt(c), normalize: 'all' }),
  rocAuc: ({ c }) => rocAuc(arr(c, 'yTrue'), scores(c)),
  rocAucOvrMacro: ({ c }) => rocAuc(arr(c, 'yTrue'), scores(c), { multiClass: 'ovr', average: 'macro' }),
  rocAucOvrWeighted: ({ c }) => rocAuc(arr(c, 'yTrue'), scores(c), { multiClass: 'ovr', average: 'weighted' }),
  rocAucOvoMacro: ({ c }) => rocAuc(arr(c, 'yTrue'), scores(c), { multiClass: 'ovo', average: 'macro' }),
  rocAucOvoWeighted: ({ c }) => rocAuc(arr(c, 'yTrue'), scores(c), { multiClass: 'ovo', average: 'weighted' }),
  averagePrecision: ({ c }) => averagePrecision(arr(c, 'yTrue'), scores(c)),
  logLoss: ({ c }) => logLoss(arr(c, 'yTrue'), scores(c)),
  brier: ({ c }) => brierScore(arr(c, 'yTrue'), scores(c)),
  mcc: ({ c }) => matthewsCorrcoef(arr(c, 'yTrue'), arr(c, 'yPred'), opt(c)),
  cohenKappa: ({ c }) => cohenKappa(arr(c, 'yTrue'), arr(c, 'yPred'), opt(c)),
  rocCurve: ({ c }) => rocCurve(arr(c, 'yTrue'), arr(c, 'yScore')),
  prCurve: ({ c }) => precisionRecallCurve(arr(c, 'yTrue'), arr(c, 'yScore')),
  topKAccuracy: ({ c }, expected) =>
    Object.fromEntries(Object.keys(expected as object).map((k) => [k, topKAccuracy(arr(c, 'yTrue'), scores(c), Number(k))])),
};
classification.brierScore = classification.brier as Checker;
classification.matthewsCorrcoef = classification.mcc as Checker;

const regression: Record<string, Checker> = {
  mse: ({ c }) => meanSquaredError(arr(c, 'yTrue'), arr(c, 'yPred')),
  rmse: ({ c }) => rootMeanSquaredError(arr(c, 'yTrue'), arr(c, 'yPred')),
  mae: ({ c }) => meanAbsoluteError(arr(c, 'yTrue'), arr(c, 'yPred')),
  mape: ({ c }) => meanAbsolutePercentageError(arr(c, 'yTrue'), arr(c, 'yPred')),
  r2: ({ c }) => r2Score(arr(c, 'yTrue'), arr(c, 'yPred')),
  explainedVariance: ({ c }) => explainedVariance(arr(c, 'yTrue'), arr(c, 'yPred')),
  medianAbsoluteError: ({ c }) => medianAbsoluteError(arr(c, 'yTrue'), arr(c, 'yPred')),
};
regression.meanSquaredError = regression.mse as Checker;
regression.rootMeanSquaredError = regression.rmse as Checker;
regression.meanAbsoluteError = regression.mae as Checker;
regression.meanAbsolutePercentageError = regression.mape as Checker;
regression.r2Score = regression.r2 as Checker;

/** Split keys: `<splitter><Test|Train>Indices`. */
function splitChecker(key: string): Checker | undefined {
  const m = /^(kfold|stratifiedKfold|groupKfold|timeSeriesSplit|timeSeries)(Test|Train)Indices$/i.exec(key);
  if (!m) return undefined;
  const splitter = (m[1] as string).toLowerCase();
  const part = (m[2] as string).toLowerCase() as 'test' | 'train';
  return ({ c }) => {
    let folds: Fold[];
    if (splitter === 'kfold') folds = kFold(num(c, 'n'), num(c, 'k'));
    else if (splitter === 'stratifiedkfold') folds = stratifiedKFold(arr(c, 'y'), num(c, 'k'));
    else if (splitter === 'groupkfold') folds = groupKFold(arr(c, 'groups'), num(c, 'k'));
    else {
      const o: Record<string, number> = {};
      for (const f of ['gap', 'maxTrainSize', 'testSize']) if (typeof c[f] === 'number') o[f] = c[f] as number;
      folds = timeSeriesSplit(num(c, 'n'), num(c, 'k'), o);
    }
    return folds.map((f) => f[part]);
  };
}

export function checkerFor(task: string, key: string): Checker {
  const table: Record<string, Checker> = task === 'regression' ? regression : task === 'split' ? {} : classification;
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression' && task !== 'split') {
    throw new Error(`unknown task "${task}": the fixture runner has no checkers for it`);
  }
  const checker = table[key] ?? (task === 'split' ? splitChecker(key) : undefined);
  if (!checker) throw new Error(`no checker for expected key "${key}" of task "${task}"; add one to the fixture runner`);
  return checker;
}

/** Checks every expected key of one case; returns one message per failing key. */
export function runCase(c: FixtureCase, zeroDivision: 0 | 1, stats: FixtureStats): { keys: number; failures: string[] } {
  const failures: string[] = [];
  const keys = Object.keys(c.expected ?? {});
  if (keys.length === 0) failures.push(`${c.name}: no expected values`);
  for (const key of keys) {
    try {
      const actual = checkerFor(c.task, key)({ c, zeroDivision }, c.expected[key]);
      compare(actual, c.expected[key], `${c.name}.${key}`, stats);
    } catch (e) {
      failures.push(`${c.name}.${key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { keys: keys.length, failures };
}
