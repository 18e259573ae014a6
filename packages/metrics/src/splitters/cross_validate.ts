import type { Matrix, Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { isTensor } from '../internal/inputs.js';
import type { Fold } from './fold.js';
import { kFold } from './k_fold.js';

/**
 * A metric applied to a fold's held-out predictions.
 *
 * @example
 * ```ts
 * const f1: ScoreFunction = (t, p) => f1Score(t, p as number[], { average: 'macro' });
 * ```
 */
export type ScoreFunction = (yTrue: Vector, yPred: Vector | Matrix) => number;

/**
 * What `fitAndScore` returns for a fold: scores, or predictions to score with `metrics`.
 *
 * @example
 * ```ts
 * const outcome: FoldOutcome = { yTrue: [0, 1], yPred: [0, 0] }; // or { accuracy: 0.5 }
 * ```
 */
export type FoldOutcome = Record<string, number> | { yTrue: Vector; yPred: Vector | Matrix; scores?: Record<string, number> };

/**
 * Options for {@link crossValidate}.
 *
 * @example
 * ```ts
 * await crossValidate(fitAndScore, data, { folds: kFold(data.length, 5), metrics: { mse: meanSquaredError } });
 * ```
 */
export interface CrossValidateOptions {
  /** The splits (from `kFold`, `stratifiedKFold`, ...), or a fold count for plain `kFold`. */
  folds: Iterable<Fold> | number;
  /** Metrics applied to `{ yTrue, yPred }` outcomes, by name. */
  metrics?: Record<string, ScoreFunction>;
}

/**
 * Scores of one fold.
 *
 * @example
 * ```ts
 * const { scores, trainSize, timeMs }: FoldResult = result.folds[0]!;
 * ```
 */
export interface FoldResult {
  fold: number;
  trainSize: number;
  testSize: number;
  scores: Record<string, number>;
  /** Wall time of `fitAndScore`, ms. */
  timeMs: number;
}

/**
 * The result of {@link crossValidate}.
 *
 * @example
 * ```ts
 * const { folds, mean, std }: CrossValidateResult = await crossValidate(fitAndScore, data, { folds: 5 });
 * ```
 */
export interface CrossValidateResult {
  folds: FoldResult[];
  /** Mean of each score over folds. */
  mean: Record<string, number>;
  /** Population standard deviation (ddof 0, NumPy's default) of each score over folds. */
  std: Record<string, number>;
}

function sampleCount(data: unknown): number {
  if (isTensor(data)) return data.shape[0] ?? 0;
  if (typeof data === 'object' && data !== null && typeof (data as { length?: unknown }).length === 'number') {
    return (data as { length: number }).length;
  }
  return fail('crossValidate', 'data', 'have a length (or be a tensor) when options.folds is a number', show(data));
}

/**
 * Runs `fitAndScore` once per fold and collects per-fold scores with their mean and standard
 * deviation (like scikit-learn's `cross_validate`). `fitAndScore` trains on `fold.train`,
 * evaluates on `fold.test`, and returns either named scores or `{ yTrue, yPred }` for
 * `options.metrics` to score. Folds run one after another, so a model can be reused.
 *
 * @example
 * ```ts
 * const result = await crossValidate(
 *   async (fold, data) => {
 *     const model = fit(data.x, data.y, fold.train);
 *     return { yTrue: fold.test.map((i) => data.y[i]!), yPred: predict(model, data.x, fold.test) };
 *   },
 *   data,
 *   { folds: stratifiedKFold(data.y, 5), metrics: { accuracy, f1: (t, p) => f1Score(t, p as number[]) } },
 * );
 * result.mean.accuracy; result.std.accuracy;
 * ```
 */
export async function crossValidate<D>(
  fitAndScore: (fold: Fold & { index: number }, data: D) => FoldOutcome | Promise<FoldOutcome>,
  data: D,
  options: CrossValidateOptions,
): Promise<CrossValidateResult> {
  const fn = 'crossValidate';
  if (typeof fitAndScore !== 'function') fail(fn, 'fitAndScore', 'be a function', show(fitAndScore));
  if (options === undefined || options.folds === undefined) fail(fn, 'options.folds', 'be given (folds or a fold count)', 'undefined');
  const folds = typeof options.folds === 'number' ? kFold(sampleCount(data), options.folds) : [...options.folds];
  if (folds.length === 0) fail(fn, 'options.folds', 'hold at least one fold', '0 folds');
  const results: FoldResult[] = [];
  for (let index = 0; index < folds.length; index++) {
    const fold = folds[index] as Fold;
    const started = performance.now();
    const outcome = await fitAndScore({ train: fold.train, test: fold.test, index }, data);
    const timeMs = performance.now() - started;
    let scores: Record<string, number>;
    if (typeof outcome === 'object' && outcome !== null && 'yTrue' in outcome && 'yPred' in outcome) {
      const o = outcome as { yTrue: Vector; yPred: Vector | Matrix; scores?: Record<string, number> };
      if (options.metrics === undefined) fail(fn, 'options.metrics', 'be given when fitAndScore returns { yTrue, yPred }', 'undefined');
      scores = { ...(o.scores ?? {}) };
      for (const [name, metric] of Object.entries(options.metrics)) scores[name] = metric(o.yTrue, o.yPred);
    } else {
      scores = { ...(outcome as Record<string, number>) };
    }
    for (const [name, v] of Object.entries(scores)) {
      if (typeof v !== 'number') fail(fn, `the score '${name}' of fold ${index}`, 'be a number', show(v));
    }
    results.push({ fold: index, trainSize: fold.train.length, testSize: fold.test.length, scores, timeMs });
  }
  const names = Object.keys(results[0]?.scores ?? {});
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of names) {
    const values = results.map((r, i) => {
      const v = r.scores[name];
      if (v === undefined) fail(fn, `fold ${i}'s scores`, `include '${name}' like fold 0`, show(Object.keys(r.scores)));
      return v;
    });
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    mean[name] = m;
    std[name] = Math.sqrt(values.reduce((a, v) => a + (v - m) * (v - m), 0) / values.length);
  }
  return { folds: results, mean, std };
}
