/**
 * Class labels. Without `numClasses` the classes are the sorted union of the labels present in
 * `yTrue` and `yPred`, exactly as scikit-learn's `unique_labels`; with `numClasses` they are
 * `0 .. numClasses - 1` (scikit-learn's `labels=range(numClasses)`), and any label outside that
 * range is an error rather than being silently dropped.
 */
import { fail, show, showList } from './errors.js';
import { checkInteger } from './inputs.js';

/** Labels encoded as class indices into `labels`. */
export interface EncodedLabels {
  /** The class of each index, ascending. */
  labels: number[];
  yTrue: Int32Array;
  yPred: Int32Array;
}

/** Validates `numClasses` when given. */
export function checkNumClasses(fn: string, numClasses: number | undefined): number | undefined {
  if (numClasses === undefined) return undefined;
  return checkInteger(fn, 'options.numClasses', numClasses, 1);
}

/** Throws unless every label is an integer in `[0, numClasses)`. */
export function checkLabelRange(fn: string, arg: string, y: ArrayLike<number>, numClasses: number): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < numClasses)) {
      fail(fn, `${arg}[${i}]`, `be an integer label in [0, ${numClasses}) (numClasses = ${numClasses})`, show(v));
    }
  }
}

/** The sorted distinct values of the given arrays. */
export function uniqueSorted(...arrays: ArrayLike<number>[]): number[] {
  const seen = new Set<number>();
  for (const a of arrays) for (let i = 0; i < a.length; i++) seen.add(a[i] as number);
  return [...seen].sort((x, y) => x - y);
}

/** Maps `yTrue`/`yPred` to class indices (see the module comment for which classes). */
export function encodeLabels(
  fn: string,
  yTrue: Float64Array,
  yPred: Float64Array,
  numClasses: number | undefined,
): EncodedLabels {
  const k = checkNumClasses(fn, numClasses);
  if (k !== undefined) {
    checkLabelRange(fn, 'yTrue', yTrue, k);
    checkLabelRange(fn, 'yPred', yPred, k);
    return {
      labels: Array.from({ length: k }, (_, i) => i),
      yTrue: Int32Array.from(yTrue),
      yPred: Int32Array.from(yPred),
    };
  }
  const labels = uniqueSorted(yTrue, yPred);
  const index = new Map<number, number>();
  labels.forEach((l, i) => index.set(l, i));
  const enc = (y: Float64Array): Int32Array => {
    const out = new Int32Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = index.get(y[i] as number) as number;
    return out;
  };
  return { labels, yTrue: enc(yTrue), yPred: enc(yPred) };
}

/** Row-major `k x k` counts: row = true class index, column = predicted class index. */
export function countConfusion(yTrue: Int32Array, yPred: Int32Array, k: number): Float64Array {
  const cm = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) cm[(yTrue[i] as number) * k + (yPred[i] as number)]! += 1;
  return cm;
}

/**
 * The positive label of binary targets, as scikit-learn resolves it: `posLabel` if given,
 * otherwise 1 when the labels are within {0, 1} or {-1, 1}; more than two classes throw.
 */
export function resolvePosLabel(fn: string, t: Float64Array, posLabel: number | undefined): number {
  const labels = uniqueSorted(t);
  if (labels.length > 2) {
    fail(fn, 'yTrue', 'hold at most 2 classes for 1-D scores (pass 2-D [n, numClasses] scores for multiclass)', `${labels.length} classes (${showList(labels)})`);
  }
  if (posLabel !== undefined) {
    if (typeof posLabel !== 'number' || !Number.isFinite(posLabel)) fail(fn, 'options.posLabel', 'be a finite number', show(posLabel));
    return posLabel;
  }
  const ok = labels.every((l) => l === 0 || l === 1) || labels.every((l) => l === -1 || l === 1);
  if (!ok) fail(fn, 'options.posLabel', `be given when yTrue is not in {0, 1} or {-1, 1}`, `labels ${showList(labels)}`);
  return 1;
}
