import { checkFinite, checkPositive, describe } from '../internal/describe.js';
import type { PrivacyBudget } from './budget.js';
import { gaussianSigma, sampleGaussian, type GaussianCalibration } from './gaussian.js';
import { laplaceScale, sampleLaplace } from './laplace.js';
import { secureRandom, type RandomSource } from './random.js';

/**
 * Options shared by the DP statistics. Neighbouring datasets differ by adding or removing one
 * person's record.
 *
 * @example
 * const opts: DpOptions = { epsilon: 0.5, mechanism: 'gaussian', delta: 1e-6, budget, label: 'age histogram' };
 */
export interface DpOptions {
  epsilon: number;
  /** Required (> 0) for the Gaussian mechanism. */
  delta?: number;
  /** Default `laplace`. */
  mechanism?: 'laplace' | 'gaussian';
  calibration?: GaussianCalibration;
  /** Charged before noise is drawn; the release is refused if it would overspend. */
  budget?: PrivacyBudget;
  /** Ledger label; default the statistic's name. */
  label?: string;
  /** Uniform source; default {@link secureRandom}. Inject a seeded one only in tests. */
  random?: RandomSource;
}

/**
 * A released statistic with the privacy parameters it used.
 *
 * @example
 * const r: DpRelease = { value: 101.3, epsilon: 0.5, delta: 0, mechanism: 'laplace', noiseScale: 2, sensitivity: 1 };
 */
export interface DpRelease {
  value: number;
  epsilon: number;
  delta: number;
  mechanism: 'laplace' | 'gaussian';
  /** Laplace scale b, or Gaussian sigma. */
  noiseScale: number;
  sensitivity: number;
}

interface Plan {
  mechanism: 'laplace' | 'gaussian';
  epsilon: number;
  delta: number;
  calibration: GaussianCalibration;
  random: RandomSource;
}

function plan(caller: string, options: DpOptions): Plan {
  if (!options || typeof options !== 'object') throw new Error(`${caller}: options must be an object with epsilon, got ${describe(options)}`);
  const epsilon = checkPositive(`${caller}: epsilon`, options.epsilon);
  const mechanism = options.mechanism ?? 'laplace';
  if (mechanism !== 'laplace' && mechanism !== 'gaussian') throw new Error(`${caller}: mechanism must be 'laplace' or 'gaussian', got ${describe(mechanism)}`);
  const delta = options.delta ?? 0;
  if (typeof delta !== 'number' || !(delta >= 0 && delta < 1)) throw new Error(`${caller}: delta must be in [0, 1), got ${describe(delta)}`);
  if (mechanism === 'gaussian' && delta === 0) throw new Error(`${caller}: the gaussian mechanism needs delta > 0`);
  const random = options.random ?? secureRandom;
  if (typeof random !== 'function') throw new Error(`${caller}: random must be a function, got ${describe(random)}`);
  return { mechanism, epsilon, delta: mechanism === 'laplace' ? 0 : delta, calibration: options.calibration ?? 'analytic', random };
}

function charge(caller: string, options: DpOptions, p: Plan): void {
  if (options.budget !== undefined) {
    if (!options.budget || typeof options.budget.spend !== 'function') throw new Error(`${caller}: budget must be a PrivacyBudget, got ${describe(options.budget)}`);
    options.budget.spend(p.epsilon, p.delta, options.label ?? caller);
  }
}

/** Noise for one release of a statistic of sensitivity `l1` (Laplace) / `l2` (Gaussian). */
function noisy(value: number, l1: number, l2: number, p: Plan): DpRelease {
  if (p.mechanism === 'laplace') {
    const b = laplaceScale(l1, p.epsilon);
    return { value: value + sampleLaplace(b, p.random), epsilon: p.epsilon, delta: 0, mechanism: 'laplace', noiseScale: b, sensitivity: l1 };
  }
  const sigma = gaussianSigma(l2, p.epsilon, p.delta, p.calibration);
  return { value: value + sampleGaussian(sigma, p.random), epsilon: p.epsilon, delta: p.delta, mechanism: 'gaussian', noiseScale: sigma, sensitivity: l2 };
}

function toValues(caller: string, values: Iterable<number>): number[] {
  if (!values || typeof (values as Iterable<number>)[Symbol.iterator] !== 'function') throw new Error(`${caller}: values must be an iterable of numbers, got ${describe(values)}`);
  const out = [...values];
  out.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${caller}: values[${i}] must be a finite number, got ${describe(v)}`);
  });
  return out;
}

function checkBounds(caller: string, lower: number, upper: number): void {
  checkFinite(`${caller}: lower`, lower);
  checkFinite(`${caller}: upper`, upper);
  if (!(lower < upper)) throw new Error(`${caller}: lower must be < upper, got lower ${lower} and upper ${upper}`);
}

/**
 * Differentially private count (sensitivity 1): of the items of an iterable, or of a number you
 * counted yourself.
 *
 * @example
 * dpCount(patients, { epsilon: 0.5 }).value; // e.g. 1041.7
 */
export function dpCount(data: Iterable<unknown> | number, options: DpOptions): DpRelease {
  let count: number;
  if (typeof data === 'number') {
    if (!Number.isInteger(data) || data < 0) throw new Error(`dpCount: data must be an iterable or a non-negative integer count, got ${describe(data)}`);
    count = data;
  } else if (data && typeof (data as Iterable<unknown>)[Symbol.iterator] === 'function') {
    count = 0;
    for (const _ of data) count++;
  } else {
    throw new Error(`dpCount: data must be an iterable or a non-negative integer count, got ${describe(data)}`);
  }
  const p = plan('dpCount', options);
  charge('dpCount', options, p);
  return noisy(count, 1, 1, p);
}

/**
 * Differentially private sum of values clamped to [lower, upper]; one record changes the sum by
 * at most max(|lower|, |upper|). The bounds must not depend on the data.
 *
 * @example
 * dpSum(salaries, { lower: 0, upper: 200000, epsilon: 1 }).value;
 */
export function dpSum(values: Iterable<number>, options: DpOptions & { lower: number; upper: number }): DpRelease {
  const list = toValues('dpSum', values);
  const p = plan('dpSum', options);
  checkBounds('dpSum', options.lower, options.upper);
  charge('dpSum', options, p);
  const sum = list.reduce((a, v) => a + Math.min(options.upper, Math.max(options.lower, v)), 0);
  const sens = Math.max(Math.abs(options.lower), Math.abs(options.upper));
  return noisy(sum, sens, sens, p);
}

/**
 * Differentially private mean of values clamped to [lower, upper]: half the budget releases a
 * noisy sum, half a noisy count, and their ratio is clamped back to the bounds (post-processing,
 * free). The reported epsilon and delta are the totals.
 *
 * @example
 * dpMean(ages, { lower: 0, upper: 100, epsilon: 1 }).value; // e.g. 41.9
 */
export function dpMean(values: Iterable<number>, options: DpOptions & { lower: number; upper: number }): DpRelease {
  const list = toValues('dpMean', values);
  const p = plan('dpMean', options);
  checkBounds('dpMean', options.lower, options.upper);
  charge('dpMean', options, p);
  const half: Plan = { ...p, epsilon: p.epsilon / 2, delta: p.delta / 2 };
  const sens = Math.max(Math.abs(options.lower), Math.abs(options.upper));
  const sum = noisy(list.reduce((a, v) => a + Math.min(options.upper, Math.max(options.lower, v)), 0), sens, sens, half);
  const count = noisy(list.length, 1, 1, half);
  const mean = Math.min(options.upper, Math.max(options.lower, sum.value / Math.max(1, count.value)));
  return { value: mean, epsilon: p.epsilon, delta: p.delta, mechanism: p.mechanism, noiseScale: sum.noiseScale, sensitivity: sens };
}

/**
 * A differentially private histogram.
 *
 * @example
 * const h: DpHistogram = { labels: ['a', 'b'], counts: [10.2, 3.9], epsilon: 1, delta: 0, mechanism: 'laplace', noiseScale: 1 };
 */
export interface DpHistogram {
  labels: string[];
  counts: number[];
  epsilon: number;
  delta: number;
  mechanism: 'laplace' | 'gaussian';
  noiseScale: number;
}

/**
 * Differentially private histogram over a domain fixed in advance: `categories` (values outside
 * them are not counted) or numeric `bins` of equal width over [lower, upper] (values outside are
 * clamped into the end bins). Adding or removing one record changes one count by 1, so every bin
 * gets noise of sensitivity 1 (L1 and L2), all for one epsilon.
 *
 * @example
 * dpHistogram(['flu', 'cold', 'flu'], { categories: ['flu', 'cold', 'asthma'], epsilon: 1 }).counts; // e.g. [2.4, 0.1, -0.7]
 * dpHistogram(ages, { bins: { lower: 0, upper: 100, count: 10 }, epsilon: 1 }).labels[0]; // '[0, 10)'
 */
export function dpHistogram(
  values: Iterable<unknown>,
  options: DpOptions & ({ categories: readonly string[] } | { bins: { lower: number; upper: number; count: number } }),
): DpHistogram {
  if (!values || typeof (values as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new Error(`dpHistogram: values must be an iterable, got ${describe(values)}`);
  const p = plan('dpHistogram', options);
  let labels: string[];
  let counts: number[];
  if ('categories' in options && options.categories !== undefined) {
    const cats = options.categories;
    if (!Array.isArray(cats) || cats.length === 0) throw new Error(`dpHistogram: categories must be a non-empty array, got ${describe(cats)}`);
    labels = cats.map(String);
    const index = new Map(labels.map((c, i) => [c, i]));
    if (index.size !== labels.length) throw new Error('dpHistogram: categories has duplicates');
    counts = new Array<number>(labels.length).fill(0);
    for (const v of values) {
      const i = index.get(String(v));
      if (i !== undefined) counts[i]!++;
    }
  } else if ('bins' in options && options.bins !== undefined) {
    const { lower, upper, count } = options.bins;
    checkBounds('dpHistogram: bins', lower, upper);
    if (!Number.isInteger(count) || count < 1) throw new Error(`dpHistogram: bins.count must be an integer >= 1, got ${describe(count)}`);
    const width = (upper - lower) / count;
    labels = Array.from({ length: count }, (_, i) => `[${lower + i * width}, ${i === count - 1 ? upper : lower + (i + 1) * width}${i === count - 1 ? ']' : ')'}`);
    counts = new Array<number>(count).fill(0);
    let k = 0;
    for (const v of values) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`dpHistogram: values[${k}] must be a finite number for bins, got ${describe(v)}`);
      counts[Math.min(count - 1, Math.max(0, Math.floor((v - lower) / width)))]!++;
      k++;
    }
  } else {
    throw new Error('dpHistogram: give either categories or bins');
  }
  charge('dpHistogram', options, p);
  const released = counts.map((c) => noisy(c, 1, 1, p));
  return { labels, counts: released.map((r) => r.value), epsilon: p.epsilon, delta: p.delta, mechanism: p.mechanism, noiseScale: released[0]!.noiseScale };
}
