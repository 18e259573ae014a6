import { checkFinite, checkPositive, describe } from '../internal/describe.js';
import { normalCdf } from './normal_cdf.js';
import { drawUniform, secureRandom, type RandomSource } from './random.js';

/**
 * How sigma is calibrated: `analytic` (Balle and Wang 2018, the smallest sigma that gives
 * (epsilon, delta)-DP, valid for any epsilon > 0) or `classic` (Dwork and Roth's
 * sigma = sensitivity * sqrt(2 ln(1.25 / delta)) / epsilon, valid for epsilon < 1).
 *
 * @example
 * const m: GaussianCalibration = 'analytic';
 */
export type GaussianCalibration = 'analytic' | 'classic';

/**
 * Delta achieved by Gaussian noise of standard deviation `sigma` for a query of L2 sensitivity
 * `sensitivity` at `epsilon` (Balle and Wang 2018, Theorem 8).
 *
 * @example
 * gaussianDelta(1, 1, 4); // about 2.9e-6
 */
export function gaussianDelta(sensitivity: number, epsilon: number, sigma: number): number {
  checkPositive('gaussianDelta: sensitivity', sensitivity);
  checkPositive('gaussianDelta: epsilon', epsilon);
  checkPositive('gaussianDelta: sigma', sigma);
  const a = sensitivity / (2 * sigma);
  const b = (epsilon * sigma) / sensitivity;
  return Math.max(0, normalCdf(a - b) - Math.exp(epsilon) * normalCdf(-a - b));
}

/**
 * Standard deviation of Gaussian noise for (epsilon, delta)-DP at L2 sensitivity `sensitivity`.
 *
 * @example
 * gaussianSigma(1, 0.5, 1e-5); // analytic: about 7.03
 * gaussianSigma(1, 0.5, 1e-5, 'classic'); // about 9.69
 */
export function gaussianSigma(sensitivity: number, epsilon: number, delta: number, calibration: GaussianCalibration = 'analytic'): number {
  checkPositive('gaussianSigma: sensitivity', sensitivity);
  checkPositive('gaussianSigma: epsilon', epsilon);
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) throw new Error(`gaussianSigma: delta must be in (0, 1), got ${describe(delta)}`);
  if (calibration === 'classic') {
    if (epsilon >= 1) throw new Error(`gaussianSigma: the classic calibration needs epsilon < 1, got ${describe(epsilon)}; use 'analytic'`);
    return (sensitivity * Math.sqrt(2 * Math.log(1.25 / delta))) / epsilon;
  }
  if (calibration !== 'analytic') throw new Error(`gaussianSigma: calibration must be 'analytic' or 'classic', got ${describe(calibration)}`);
  // gaussianDelta decreases in sigma: bracket, then bisect in log space to relative 1e-12.
  let hi = sensitivity;
  while (gaussianDelta(sensitivity, epsilon, hi) > delta) hi *= 2;
  let lo = hi / 2;
  while (lo > 1e-300 && gaussianDelta(sensitivity, epsilon, lo) <= delta) lo /= 2;
  for (let i = 0; i < 200 && hi / lo > 1 + 1e-12; i++) {
    const mid = Math.sqrt(lo * hi);
    if (gaussianDelta(sensitivity, epsilon, mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * One draw from N(0, sigma^2) (Box-Muller on two uniforms from `random`, default secure).
 *
 * @example
 * sampleGaussian(3, seededRandom(1));
 */
export function sampleGaussian(sigma: number, random: RandomSource = secureRandom): number {
  checkPositive('sampleGaussian: sigma', sigma);
  if (typeof random !== 'function') throw new Error(`sampleGaussian: random must be a function, got ${describe(random)}`);
  const u1 = 1 - drawUniform('sampleGaussian', random); // (0, 1]
  const u2 = drawUniform('sampleGaussian', random);
  return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Options of {@link gaussianMechanism}.
 *
 * @example
 * const opts: GaussianOptions = { sensitivity: 1, epsilon: 0.5, delta: 1e-6 };
 */
export interface GaussianOptions {
  /** L2 sensitivity. */
  sensitivity: number;
  epsilon: number;
  delta: number;
  calibration?: GaussianCalibration;
  random?: RandomSource;
}

/**
 * The Gaussian mechanism: value + N(0, sigma^2) with sigma from {@link gaussianSigma} gives
 * (epsilon, delta)-differential privacy for a query of that L2 sensitivity.
 *
 * @example
 * gaussianMechanism(120, { sensitivity: 1, epsilon: 0.5, delta: 1e-6 }); // e.g. 113.2
 */
export function gaussianMechanism(value: number, options: GaussianOptions): number {
  checkFinite('gaussianMechanism: value', value);
  if (!options || typeof options !== 'object') throw new Error(`gaussianMechanism: options must be an object, got ${describe(options)}`);
  const sigma = gaussianSigma(options.sensitivity, options.epsilon, options.delta, options.calibration ?? 'analytic');
  return value + sampleGaussian(sigma, options.random ?? secureRandom);
}
