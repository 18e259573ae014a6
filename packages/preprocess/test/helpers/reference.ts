/**
 * Independent float64 references for the tabular tests: textbook formulas written plainly,
 * never calling the code under test.
 */
import { Rng } from '@tessera/backend';

/** A seeded n x d matrix of normal values with per-column scale and offset. */
export function randomMatrix(seed: number, n: number, d: number): number[][] {
  const rng = new Rng(seed);
  const scales = Array.from({ length: d }, (_, j) => 10 ** (j % 4) * (1 + rng.next()));
  const offsets = Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1) * 100 * rng.next());
  return Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => offsets[j]! + scales[j]! * rng.normal()));
}

export function col(X: number[][], j: number): number[] {
  return X.map((r) => r[j]!);
}

export function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** Population variance, two-pass. */
export function variance(v: number[]): number {
  const m = mean(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
}

/** numpy.percentile(v, q) with the default linear method, from its definition. */
export function percentile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  const h = ((s.length - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** |a - b| <= rtol * |b| + atol, elementwise over nested arrays. */
export function expectClose(actual: number[][], expected: number[][], rtol = 1e-12, atol = 1e-12): void {
  if (actual.length !== expected.length) throw new Error(`rows: ${actual.length} vs ${expected.length}`);
  actual.forEach((row, i) => {
    const e = expected[i]!;
    if (row.length !== e.length) throw new Error(`row ${i}: ${row.length} vs ${e.length} columns`);
    row.forEach((v, j) => {
      if (!(Math.abs(v - e[j]!) <= rtol * Math.abs(e[j]!) + atol)) throw new Error(`[${i}][${j}]: ${v} vs expected ${e[j]}`);
    });
  });
}
