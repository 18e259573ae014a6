import { describe } from '../internal/describe.js';
import type { RecognizerResult } from '../types.js';
import { checkLabelledExample, type LabelledExample } from './corpus.js';

/**
 * Precision, recall, F1 and F2 (recall weighted twice, Presidio's choice for PII) with the counts
 * behind them. A ratio with a zero denominator is 0.
 *
 * @example
 * const s: PrfScores = { precision: 1, recall: 0.5, f1: 0.667, f2: 0.556, truePositives: 1, falsePositives: 0, falseNegatives: 1 };
 */
export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
  f2: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Scores overall (micro-averaged over every span) and per entity type.
 *
 * @example
 * const r: SpanLevelReport = { overall: scoresFromCounts(1, 0, 0), perType: {} };
 */
export interface SpanLevelReport {
  overall: PrfScores;
  perType: Record<string, PrfScores>;
}

/**
 * What {@link evaluate} returns: span-level scores with exact matching (same start, end and
 * type) and with overlap matching (same type, intersection-over-union above `minIou`,
 * one-to-one).
 *
 * @example
 * const report: EvaluationReport = evaluate((t) => [], [{ text: 'x', spans: [] }]);
 */
export interface EvaluationReport {
  examples: number;
  exact: SpanLevelReport;
  overlap: SpanLevelReport;
}

/**
 * Options of {@link evaluate}.
 *
 * @example
 * const opts: EvaluateOptions = { entityTypes: ['PERSON', 'EMAIL_ADDRESS'], minIou: 0.5 };
 */
export interface EvaluateOptions {
  /** Score only these types (predictions and gold spans of other types are ignored). */
  entityTypes?: readonly string[];
  /** Overlap matching needs IoU strictly above this; default 0 (any shared character). */
  minIou?: number;
}

/**
 * Anything with Presidio's `analyze(text)` shape, or a plain function.
 *
 * @example
 * const a: AnalyzerLike = (text) => analyze(text, { entities: ['EMAIL_ADDRESS'] });
 */
export type AnalyzerLike = { analyze(text: string): RecognizerResult[] } | ((text: string) => RecognizerResult[]);

/**
 * F-beta from precision and recall; 0 when both are 0.
 *
 * @example
 * fBeta(0.5, 1, 2); // 0.8333...
 */
export function fBeta(precision: number, recall: number, beta: number): number {
  for (const [name, v] of [['precision', precision], ['recall', recall]] as const) {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`fBeta: ${name} must be in [0, 1], got ${describe(v)}`);
  }
  if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) throw new Error(`fBeta: beta must be a positive number, got ${describe(beta)}`);
  const b2 = beta * beta;
  const denom = b2 * precision + recall;
  return denom === 0 ? 0 : ((1 + b2) * precision * recall) / denom;
}

/**
 * Precision, recall, F1 and F2 from true-positive, false-positive and false-negative counts.
 *
 * @example
 * scoresFromCounts(8, 2, 0).precision; // 0.8
 */
export function scoresFromCounts(tp: number, fp: number, fn: number): PrfScores {
  for (const [name, v] of [['tp', tp], ['fp', fp], ['fn', fn]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`scoresFromCounts: ${name} must be a non-negative integer, got ${describe(v)}`);
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    precision,
    recall,
    f1: fBeta(precision, recall, 1),
    f2: fBeta(precision, recall, 2),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const iou = (a: { start: number; end: number }, b: { start: number; end: number }): number => {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
};

function report(counts: Map<string, Counts>): SpanLevelReport {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const perType: Record<string, PrfScores> = {};
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type)!;
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    perType[type] = scoresFromCounts(c.tp, c.fp, c.fn);
  }
  return { overall: scoresFromCounts(total.tp, total.fp, total.fn), perType };
}

/**
 * Runs `analyzer` over a labelled corpus and scores it at span level, exact and overlap
 * (Presidio's evaluation measures: precision, recall, F1 and F2). Only counts leave this
 * function: no text or span content is reported.
 *
 * @example
 * const corpus = parseLabelledCorpus(readFileSync('dev.jsonl', 'utf8'));
 * const report = evaluate(new Analyzer(), corpus);
 * report.exact.overall.recall; // e.g. 0.99
 */
export function evaluate(analyzer: AnalyzerLike, corpus: Iterable<LabelledExample>, options: EvaluateOptions = {}): EvaluationReport {
  const run =
    typeof analyzer === 'function'
      ? analyzer
      : analyzer && typeof analyzer.analyze === 'function'
        ? (t: string) => analyzer.analyze(t)
        : undefined;
  if (!run) throw new Error(`evaluate: analyzer must be a function or have an analyze method, got ${describe(analyzer)}`);
  if (!corpus || typeof (corpus as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new Error(`evaluate: corpus must be an iterable of labelled examples, got ${describe(corpus)}`);
  }
  const minIou = options.minIou ?? 0;
  if (typeof minIou !== 'number' || !(minIou >= 0 && minIou < 1)) throw new Error(`evaluate: minIou must be in [0, 1), got ${describe(minIou)}`);
  const only = options.entityTypes ? new Set(options.entityTypes) : undefined;
  const exact = new Map<string, Counts>();
  const overlap = new Map<string, Counts>();
  const bump = (m: Map<string, Counts>, type: string, key: keyof Counts): void => {
    const c = m.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    m.set(type, c);
  };
  let examples = 0;
  for (const raw of corpus) {
    const ex = checkLabelledExample(raw, `evaluate: corpus example ${examples}`);
    examples++;
    const gold = ex.spans.filter((s) => !only || only.has(s.type));
    const predicted = run(ex.text).filter((r) => !only || only.has(r.entityType));
    // Exact: the same (start, end, type) triple.
    const goldKeys = new Set(gold.map((s) => `${s.start}:${s.end}:${s.type}`));
    const predKeys = new Set(predicted.map((p) => `${p.start}:${p.end}:${p.entityType}`));
    for (const p of predKeys) bump(exact, p.split(':')[2]!, goldKeys.has(p) ? 'tp' : 'fp');
    for (const g of goldKeys) if (!predKeys.has(g)) bump(exact, g.split(':')[2]!, 'fn');
    // Overlap: one-to-one, each prediction takes the unmatched gold span of its type with the best IoU.
    const used = new Set<number>();
    for (const p of [...predicted].sort((a, b) => a.start - b.start)) {
      let best = -1;
      let bestIou = minIou;
      gold.forEach((g, k) => {
        if (used.has(k) || g.type !== p.entityType) return;
        const v = iou(g, p);
        if (v > bestIou) {
          bestIou = v;
          best = k;
        }
      });
      if (best >= 0) {
        used.add(best);
        bump(overlap, p.entityType, 'tp');
      } else {
        bump(overlap, p.entityType, 'fp');
      }
    }
    gold.forEach((g, k) => {
      if (!used.has(k)) bump(overlap, g.type, 'fn');
    });
  }
  return { examples, exact: report(exact), overlap: report(overlap) };
}
