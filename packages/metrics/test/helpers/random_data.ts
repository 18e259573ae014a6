/** Seeded random classification and regression data for property-style tests. */
import { Rng } from '@tessera/backend';

export interface RandomData {
  /** Multiclass labels in [0, k). */
  yTrue: number[];
  /** Noisy multiclass predictions in [0, k). */
  yPred: number[];
  /** Softmax rows, [n, k]. */
  yProb: number[][];
  /** Binary labels and positive-class scores (rounded to 2 decimals to create ties). */
  yBin: number[];
  yScore: number[];
  /** Regression targets and predictions. */
  yReal: number[];
  yFit: number[];
}

export function randomData(seed: number, n: number, k: number): RandomData {
  const rng = new Rng(seed);
  const yTrue: number[] = [];
  const yPred: number[] = [];
  const yProb: number[][] = [];
  const yBin: number[] = [];
  const yScore: number[] = [];
  const yReal: number[] = [];
  const yFit: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = rng.int(k);
    yTrue.push(t);
    yPred.push(rng.next() < 0.6 ? t : rng.int(k));
    const logits = Array.from({ length: k }, (_, j) => rng.normal() + (j === t ? 1.5 : 0));
    const m = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - m));
    const s = e.reduce((a, b) => a + b, 0);
    yProb.push(e.map((v) => v / s));
    const b = rng.int(2);
    yBin.push(b);
    yScore.push(Math.round(Math.min(1, Math.max(0, 0.5 + (b - 0.5) * 0.4 + rng.normal(0, 0.25))) * 100) / 100);
    const y = rng.normal(3, 2);
    yReal.push(y);
    yFit.push(y + rng.normal(0.1, 0.7));
  }
  return { yTrue, yPred, yProb, yBin, yScore, yReal, yFit };
}

/** Random batch boundaries covering [0, n): sizes 1..maxBatch. */
export function batchBounds(seed: number, n: number, maxBatch: number): [number, number][] {
  const rng = new Rng(seed);
  const out: [number, number][] = [];
  for (let start = 0; start < n; ) {
    const end = Math.min(n, start + 1 + rng.int(maxBatch));
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Relative difference, for comparing streaming and one-shot sums. */
export function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}
