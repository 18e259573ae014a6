import { checkFinite, checkPositive, describe } from '../internal/describe.js';
import { drawUniform, secureRandom, type RandomSource } from './random.js';

/**
 * Laplace scale b = sensitivity / epsilon for (epsilon, 0)-differential privacy.
 *
 * @example
 * laplaceScale(1, 0.5); // 2
 */
export function laplaceScale(sensitivity: number, epsilon: number): number {
  checkPositive('laplaceScale: sensitivity', sensitivity);
  checkPositive('laplaceScale: epsilon', epsilon);
  return sensitivity / epsilon;
}

/**
 * One draw from Laplace(0, scale) by inverting its CDF. Uses `random` (default
 * {@link secureRandom}).
 *
 * @example
 * sampleLaplace(2, seededRandom(1)); // a reproducible draw
 */
export function sampleLaplace(scale: number, random: RandomSource = secureRandom): number {
  checkPositive('sampleLaplace: scale', scale);
  if (typeof random !== 'function') throw new Error(`sampleLaplace: random must be a function, got ${describe(random)}`);
  let u = drawUniform('sampleLaplace', random);
  while (u === 0) u = drawUniform('sampleLaplace', random); // ln(0) is not a number
  const v = u - 0.5;
  return -scale * Math.sign(v) * Math.log(1 - 2 * Math.abs(v));
}

/**
 * Options of {@link laplaceMechanism}.
 *
 * @example
 * const opts: LaplaceOptions = { sensitivity: 1, epsilon: 0.5, random: seededRandom(3) };
 */
export interface LaplaceOptions {
  /** L1 sensitivity: how much one person can change the value. */
  sensitivity: number;
  epsilon: number;
  random?: RandomSource;
}

/**
 * The Laplace mechanism: value + Laplace(sensitivity / epsilon) noise gives
 * (epsilon, 0)-differential privacy for a query of that L1 sensitivity. Floating-point noise is
 * not hardened against Mironov's (2012) least-significant-bit attack; round or clamp released
 * values when that matters.
 *
 * @example
 * laplaceMechanism(120, { sensitivity: 1, epsilon: 0.5 }); // e.g. 121.73
 */
export function laplaceMechanism(value: number, options: LaplaceOptions): number {
  checkFinite('laplaceMechanism: value', value);
  if (!options || typeof options !== 'object') throw new Error(`laplaceMechanism: options must be an object, got ${describe(options)}`);
  const scale = laplaceScale(options.sensitivity, options.epsilon);
  return value + sampleLaplace(scale, options.random ?? secureRandom);
}
