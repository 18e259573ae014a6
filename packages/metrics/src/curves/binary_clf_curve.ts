/**
 * The counts behind every ranking curve: for each distinct score, from the highest down, how
 * many positives (tps) and negatives (fps) score at or above it. This mirrors scikit-learn's
 * `_binary_clf_curve` (descending sort, one point per distinct score, last sample included).
 */
import type { Vector } from '../types.js';
import { fail } from '../internal/errors.js';
import { checkSameLength, readLabels, readVector } from '../internal/inputs.js';
import { resolvePosLabel } from '../internal/labels.js';

/** Cumulative counts per distinct threshold, thresholds descending. */
export interface ClfCurveCounts {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/** Counts for a 0/1 positive mask and scores of the same length. */
export function binaryClfCurve(isPos: Uint8Array, score: Float64Array): ClfCurveCounts {
  const n = score.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (score[b] as number) - (score[a] as number));
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i] as number;
    tp += isPos[idx] as number;
    const s = score[idx] as number;
    // A threshold point closes each run of equal scores.
    if (i === n - 1 || (score[order[i + 1] as number] as number) !== s) {
      tps.push(tp);
      fps.push(i + 1 - tp);
      thresholds.push(s);
    }
  }
  return { fps: Float64Array.from(fps), tps: Float64Array.from(tps), thresholds: Float64Array.from(thresholds) };
}

/** Reads binary `yTrue`/`yScore` into a positive mask and scores. */
export function readBinaryScores(
  fn: string,
  yTrue: Vector,
  yScore: Vector,
  posLabel: number | undefined,
): { isPos: Uint8Array; score: Float64Array; positives: number } {
  const t = readLabels(yTrue, fn, 'yTrue');
  const score = readVector(yScore, fn, 'yScore');
  checkSameLength(fn, 'yTrue', t.length, 'yScore', score.length);
  const pos = resolvePosLabel(fn, t, posLabel);
  const isPos = new Uint8Array(t.length);
  let positives = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === pos) {
      isPos[i] = 1;
      positives++;
    }
  }
  return { isPos, score, positives };
}

/** Throws unless both classes are present (ROC and AUC are undefined otherwise). */
export function requireBothClasses(fn: string, positives: number, n: number, arg = 'yTrue'): void {
  if (positives === 0 || positives === n) {
    fail(
      fn,
      arg,
      'contain both a positive and a negative sample (ROC is undefined for a single class)',
      `only ${positives === 0 ? 'negative' : 'positive'} samples (${n})`,
    );
  }
}
