import { describe, expect, it } from 'vitest';
import { PrivacyBudget } from './budget.js';
import { gaussianDelta, gaussianMechanism, gaussianSigma, sampleGaussian } from './gaussian.js';
import { laplaceMechanism, laplaceScale, sampleLaplace } from './laplace.js';
import { normalCdf } from './normal_cdf.js';
import { secureRandom, seededRandom } from './random.js';
import { dpCount, dpHistogram, dpMean, dpSum } from './statistics.js';

/** Kolmogorov-Smirnov statistic of a sample against a CDF. */
function ks(sample: number[], cdf: (x: number) => number): number {
  const s = [...sample].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  });
  return d;
}

describe('random sources', () => {
  it('seededRandom is reproducible, seed-sensitive and uniform', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(Array.from({ length: 20000 }, () => b())).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(ks(xs, (x) => Math.min(1, Math.max(0, x)))).toBeLessThan(1.36 / Math.sqrt(xs.length)); // 5% critical value
    expect(seededRandom('abc')()).toBe(seededRandom('abc')());
  });
  it('secureRandom draws from [0, 1) and does not repeat', () => {
    const xs = Array.from({ length: 1000 }, () => secureRandom());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
  });
});

describe('normalCdf', () => {
  it('matches reference values to near machine precision, tails included', () => {
    // Reference values of Phi (scipy.stats.norm.cdf).
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 15);
  });
});

describe('Laplace mechanism', () => {
  it('has scale sensitivity/epsilon and the Laplace distribution (KS test, seeded)', () => {
    expect(laplaceScale(2, 0.5)).toBe(4);
    const rnd = seededRandom(7);
    const b = 2;
    const xs = Array.from({ length: 20000 }, () => sampleLaplace(b, rnd));
    const cdf = (x: number) => (x < 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b));
    expect(ks(xs, cdf)).toBeLessThan(1.36 / Math.sqrt(xs.length));
    const variance = xs.reduce((a, x) => a + x * x, 0) / xs.length;
    expect(variance / (2 * b * b)).toBeCloseTo(1, 1);
  });
  it('is reproducible with a seeded source and validates inputs', () => {
    expect(laplaceMechanism(10, { sensitivity: 1, epsilon: 1, random: seededRandom(1) })).toBe(laplaceMechanism(10, { sensitivity: 1, epsilon: 1, random: seededRandom(1) }));
    expect(() => laplaceMechanism(10, { sensitivity: 1, epsilon: 0 })).toThrow('laplaceScale: epsilon must be > 0, got the number 0');
    expect(() => sampleLaplace(1, () => 1)).toThrow('sampleLaplace: random() must return a number in [0, 1), got the number 1');
  });
});

describe('Gaussian mechanism', () => {
  it('classic calibration is sensitivity * sqrt(2 ln(1.25/delta)) / epsilon', () => {
    expect(gaussianSigma(2, 0.5, 1e-5, 'classic')).toBeCloseTo((2 * Math.sqrt(2 * Math.log(1.25 / 1e-5))) / 0.5, 12);
    expect(() => gaussianSigma(1, 1.5, 1e-5, 'classic')).toThrow(/classic calibration needs epsilon < 1/);
  });
  it('analytic calibration meets delta exactly, checked by integrating the hockey-stick divergence', () => {
    for (const [eps, delta] of [
      [0.5, 1e-5],
      [1, 1e-6],
      [3, 1e-8],
    ] as const) {
      const sigma = gaussianSigma(1, eps, delta);
      // delta(sigma) = integral of max(0, N(0, s^2) - e^eps N(1, s^2)), by the trapezoid rule.
      const pdf = (x: number, mu: number) => Math.exp(-((x - mu) ** 2) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
      let integral = 0;
      const h = sigma / 2000;
      for (let x = -12 * sigma; x <= 12 * sigma; x += h) integral += Math.max(0, pdf(x, 0) - Math.exp(eps) * pdf(x, 1)) * h;
      expect(integral / delta).toBeCloseTo(1, 2);
      expect(gaussianDelta(1, eps, sigma) / delta).toBeCloseTo(1, 6);
      if (eps < 1) expect(sigma).toBeLessThan(gaussianSigma(1, eps, delta, 'classic'));
    }
  });
  it('draws N(0, sigma^2) (KS test, seeded) and is reproducible', () => {
    const rnd = seededRandom(3);
    const xs = Array.from({ length: 20000 }, () => sampleGaussian(3, rnd));
    expect(ks(xs, (x) => normalCdf(x / 3))).toBeLessThan(1.36 / Math.sqrt(xs.length));
    const opts = { sensitivity: 1, epsilon: 1, delta: 1e-6 };
    expect(gaussianMechanism(5, { ...opts, random: seededRandom(9) })).toBe(gaussianMechanism(5, { ...opts, random: seededRandom(9) }));
  });
});

describe('PrivacyBudget', () => {
  it('adds up spending and refuses to overspend, before any noise is drawn', () => {
    const budget = new PrivacyBudget({ epsilon: 1, delta: 1e-6 });
    for (let i = 0; i < 10; i++) dpCount(100, { epsilon: 0.1, budget, label: `count ${i}` });
    expect(budget.remaining.epsilon).toBeCloseTo(0, 12);
    let drawn = 0;
    const counting = () => {
      drawn++;
      return 0.5;
    };
    expect(() => dpCount(100, { epsilon: 0.01, budget, random: counting, label: 'one more' })).toThrow(
      /PrivacyBudget\.spend: 'one more' needs epsilon 0.01, delta 0 but only epsilon .* remain of \(1, 0\.000001\); refused/,
    );
    expect(drawn).toBe(0);
    expect(budget.ledger.length).toBe(10);
    expect(budget.ledger[0]).toEqual({ label: 'count 0', epsilon: 0.1, delta: 0 });
  });
  it('tracks delta for the Gaussian mechanism', () => {
    const budget = new PrivacyBudget({ epsilon: 10, delta: 1e-6 });
    dpCount(5, { epsilon: 1, delta: 6e-7, mechanism: 'gaussian', budget });
    expect(() => dpCount(5, { epsilon: 1, delta: 6e-7, mechanism: 'gaussian', budget })).toThrow(/refused/);
    expect(budget.spent).toEqual({ epsilon: 1, delta: 6e-7 });
    expect(() => new PrivacyBudget({ epsilon: -1 })).toThrow('PrivacyBudget: epsilon must be > 0, got the number -1');
  });
});

describe('DP statistics', () => {
  const noNoise = () => 0.5; // u = 0.5 gives Laplace noise 0: checks the exact statistic underneath

  it('count, sum and mean compute the right statistic under the noise', () => {
    expect(dpCount(['a', 'b', 'c'], { epsilon: 1, random: noNoise }).value).toBe(3);
    const sum = dpSum([1, 2, 30, -5], { lower: 0, upper: 10, epsilon: 1, random: noNoise });
    expect(sum.value).toBe(13); // clamped: 1 + 2 + 10 + 0
    expect(sum.sensitivity).toBe(10);
    expect(sum.noiseScale).toBe(10);
    const mean = dpMean([10, 20, 30], { lower: 0, upper: 100, epsilon: 1, random: noNoise });
    expect(mean.value).toBe(20);
    expect(mean.epsilon).toBe(1);
  });
  it('noise has the advertised scale (seeded, many releases)', () => {
    const rnd = seededRandom(21);
    const draws = Array.from({ length: 10000 }, () => dpCount(50, { epsilon: 0.5, random: rnd }).value - 50);
    const variance = draws.reduce((a, x) => a + x * x, 0) / draws.length;
    expect(variance / (2 * 2 * 2)).toBeCloseTo(1, 1); // Laplace(b = 2): variance 2 b^2
  });
  it('histograms over categories or numeric bins', () => {
    const cat = dpHistogram(['flu', 'cold', 'flu', 'measles'], { categories: ['flu', 'cold', 'asthma'], epsilon: 1, random: noNoise });
    expect(cat.labels).toEqual(['flu', 'cold', 'asthma']);
    expect(cat.counts).toEqual([2, 1, 0]);
    const bins = dpHistogram([1, 15, 99, 150, -3], { bins: { lower: 0, upper: 100, count: 4 }, epsilon: 1, random: noNoise });
    expect(bins.labels).toEqual(['[0, 25)', '[25, 50)', '[50, 75)', '[75, 100]']);
    expect(bins.counts).toEqual([3, 0, 0, 2]);
    const g = dpHistogram(['x'], { categories: ['x'], epsilon: 1, delta: 1e-6, mechanism: 'gaussian', random: seededRandom(1) });
    expect(g.noiseScale).toBeCloseTo(gaussianSigma(1, 1, 1e-6), 12);
  });
  it('validates inputs with messages naming the argument', () => {
    expect(() => dpSum([1, Number.NaN], { lower: 0, upper: 1, epsilon: 1 })).toThrow('dpSum: values[1] must be a finite number, got NaN');
    expect(() => dpSum([1], { lower: 1, upper: 1, epsilon: 1 })).toThrow('dpSum: lower must be < upper, got lower 1 and upper 1');
    expect(() => dpCount(3, { epsilon: 1, mechanism: 'gaussian' })).toThrow('dpCount: the gaussian mechanism needs delta > 0');
    expect(() => dpHistogram([1], { epsilon: 1 } as never)).toThrow('dpHistogram: give either categories or bins');
  });
});
