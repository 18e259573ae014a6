import type { Vector } from '../types.js';
import { fail, show } from '../internal/errors.js';
import { checkInteger, checkSameLength, readLabels } from '../internal/inputs.js';
import { countConfusion, encodeLabels } from '../internal/labels.js';
import { pairwiseSum } from '../internal/pairwise_sum.js';
import { averageScores, checkZeroDivision, countsFromConfusion } from './precision_recall_f1.js';

/**
 * One line of a {@link ClassificationReport}.
 *
 * @example
 * ```ts
 * const row: ReportRow = classificationReport(yTrue, yPred).weightedAvg;
 * ```
 */
export interface ReportRow {
  precision: number;
  recall: number;
  f1: number;
  /** Number of true samples. */
  support: number;
}

/**
 * The result of {@link classificationReport}.
 *
 * @example
 * ```ts
 * const { classes, macroAvg, text } = classificationReport(yTrue, yPred);
 * ```
 */
export interface ClassificationReport {
  /** One row per class, in label order. */
  classes: Array<ReportRow & { label: number; name: string }>;
  accuracy: number;
  macroAvg: ReportRow;
  weightedAvg: ReportRow;
  /** The report as scikit-learn prints it. */
  text: string;
}

/**
 * Options for {@link classificationReport}.
 *
 * @example
 * ```ts
 * classificationReport(yTrue, yPred, { targetNames: ['cat', 'dog'], digits: 3 });
 * ```
 */
export interface ClassificationReportOptions {
  /** Classes are `0 .. numClasses - 1`; otherwise the sorted labels present. */
  numClasses?: number;
  /** Display names, one per class. */
  targetNames?: readonly string[];
  /** Decimal places in `text`. Default 2. */
  digits?: number;
  /** Value for 0/0 ratios. Default 0. */
  zeroDivision?: 0 | 1;
}

/**
 * Precision, recall, F1 and support per class, plus accuracy and macro/weighted averages
 * (scikit-learn's `classification_report`, both as data and as its familiar text table).
 *
 * @example
 * ```ts
 * const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['ant', 'bird', 'cat'] });
 * console.log(report.text);
 * report.macroAvg.f1; // 0.4888...
 * ```
 */
export function classificationReport(yTrue: Vector, yPred: Vector, options: ClassificationReportOptions = {}): ClassificationReport {
  const fn = 'classificationReport';
  const t = readLabels(yTrue, fn, 'yTrue');
  const p = readLabels(yPred, fn, 'yPred');
  checkSameLength(fn, 'yTrue', t.length, 'yPred', p.length);
  const zd = checkZeroDivision(fn, options.zeroDivision);
  const digits = checkInteger(fn, 'options.digits', options.digits ?? 2, 0);
  const enc = encodeLabels(fn, t, p, options.numClasses);
  const k = enc.labels.length;
  const names = options.targetNames;
  if (names !== undefined && names.length !== k) {
    fail(fn, 'options.targetNames', `have one name per class (${k})`, `${names.length} names (${show([...names])})`);
  }
  const cm = countConfusion(enc.yTrue, enc.yPred, k);
  const counts = countsFromConfusion(cm, k);
  const per = averageScores(counts, 'none', 1, zd) as { precision: Float64Array; recall: Float64Array; f: Float64Array };
  const macro = averageScores(counts, 'macro', 1, zd) as { precision: number; recall: number; f: number };
  const weighted = averageScores(counts, 'weighted', 1, zd) as { precision: number; recall: number; f: number };
  const total = pairwiseSum(counts.trueSum);
  let correct = 0;
  for (let i = 0; i < k; i++) correct += counts.tp[i] as number;
  const classes = enc.labels.map((label, i) => ({
    label,
    name: names?.[i] ?? String(label),
    precision: per.precision[i] as number,
    recall: per.recall[i] as number,
    f1: per.f[i] as number,
    support: counts.trueSum[i] as number,
  }));
  const accuracyValue = correct / t.length;
  const macroAvg = { precision: macro.precision, recall: macro.recall, f1: macro.f, support: total };
  const weightedAvg = { precision: weighted.precision, recall: weighted.recall, f1: weighted.f, support: total };

  // Layout of scikit-learn's text report: right-aligned name column, 9-wide number columns.
  const width = Math.max('weighted avg'.length, digits, ...classes.map((c) => c.name.length));
  const pad = (s: string, w: number): string => s.padStart(w);
  const num = (v: number): string => pad(v.toFixed(digits), 9);
  const line = (name: string, r: ReportRow): string => `${pad(name, width)}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1)} ${pad(String(r.support), 9)}\n`;
  let text = `${pad('', width)}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => pad(h, 9)).join(' ')}\n\n`;
  for (const c of classes) text += line(c.name, c);
  text += '\n';
  text += `${pad('accuracy', width)}  ${pad('', 9)} ${pad('', 9)} ${num(accuracyValue)} ${pad(String(total), 9)}\n`;
  text += line('macro avg', macroAvg);
  text += line('weighted avg', weightedAvg);
  return { classes, accuracy: accuracyValue, macroAvg, weightedAvg, text };
}
