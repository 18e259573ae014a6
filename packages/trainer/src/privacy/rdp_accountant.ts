/**
 * Rényi-DP accounting of the sampled Gaussian mechanism (Mironov 2017; Mironov, Talwar & Zhang
 * 2019), the analysis behind DP-SGD in TF Privacy and Opacus: RDP at each order for one step of
 * Gaussian noise on a Poisson-sampled batch, composed additively over steps, then converted to
 * (epsilon, delta)-DP at the best order.
 */
import { checkNumber, fail, show } from '../internal/errors.js';
import { logAdd, logErfc, logSub } from './log_math.js';

/**
 * The orders TF Privacy's `compute_dp_sgd_privacy` uses (also the default here).
 *
 * @example
 * ```ts
 * computeRdp(0.01, 1.1, 1000, DEFAULT_RDP_ORDERS);
 * ```
 */
export const DEFAULT_RDP_ORDERS: readonly number[] = Object.freeze([
  1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5,
  ...Array.from({ length: 59 }, (_, i) => i + 5),
  128, 256, 512,
]);

/**
 * Opacus' default orders (`DEFAULT_ALPHAS`): 1.1..10.9 by 0.1, then 12..63.
 *
 * @example
 * ```ts
 * new RdpAccountant({ orders: OPACUS_RDP_ORDERS });
 * ```
 */
export const OPACUS_RDP_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 52 }, (_, i) => i + 12),
]);

/** log A_alpha for integer alpha: a finite binomial sum. */
function logAInt(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  let logBinom = 0; // log C(alpha, 0)
  for (let i = 0; i <= alpha; i++) {
    if (i > 0) logBinom += Math.log(alpha - i + 1) - Math.log(i);
    const s = logBinom + i * Math.log(q) + (alpha - i) * Math.log1p(-q) + (i * i - i) / (2 * sigma * sigma);
    logA = logAdd(logA, s);
  }
  return logA;
}

/** log A_alpha for fractional alpha: the two-sided series of Mironov, Talwar & Zhang (2019). */
function logAFrac(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  let coef = 1; // binom(alpha, i), real alpha, by the recurrence c_{i+1} = c_i (alpha - i) / (i + 1)
  for (let i = 0; i < 100000; i++) {
    if (i > 0) coef *= (alpha - (i - 1)) / i;
    const logCoef = Math.log(Math.abs(coef));
    const j = alpha - i;
    const logT0 = logCoef + i * Math.log(q) + j * Math.log1p(-q);
    const logT1 = logCoef + j * Math.log(q) + i * Math.log1p(-q);
    const logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (coef > 0) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
  }
  return logAdd(logA0, logA1);
}

function rdpOneStep(q: number, sigma: number, alpha: number): number {
  if (q === 0) return 0;
  if (sigma === 0) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (alpha === Infinity) return Infinity;
  const logA = Number.isInteger(alpha) ? logAInt(q, sigma, alpha) : logAFrac(q, sigma, alpha);
  return logA / (alpha - 1);
}

function checkOrders(fn: string, orders: readonly number[]): void {
  if (!Array.isArray(orders) || orders.length === 0) fail(fn, 'orders', 'be a non-empty array of RDP orders > 1', show(orders));
  orders.forEach((a, i) => {
    if (typeof a !== 'number' || !(a > 1)) fail(fn, `orders[${i}]`, 'be a number > 1', show(a));
  });
}

/**
 * RDP of the sampled Gaussian mechanism (sampling rate `q`, noise multiplier `sigma` = noise
 * std / L2 sensitivity) iterated `steps` times, at each order.
 *
 * @example
 * ```ts
 * computeRdp(0.1, 2, 10, [5]); // [0.07737...] (TF Privacy's test value)
 * ```
 */
export function computeRdp(q: number, noiseMultiplier: number, steps: number, orders: readonly number[]): number[] {
  const fn = 'computeRdp';
  checkNumber(fn, 'q', q, { min: 0, max: 1 });
  checkNumber(fn, 'noiseMultiplier', noiseMultiplier, { min: 0 });
  checkNumber(fn, 'steps', steps, { min: 0 });
  checkOrders(fn, orders);
  return orders.map((a) => rdpOneStep(q, noiseMultiplier, a) * steps);
}

/**
 * How RDP becomes (epsilon, delta): `'improved'` is Canonne, Kamath & Steinke (2020) Prop. 12 /
 * Asoodeh et al. (2020), what TF Privacy (via dp_accounting) and Opacus use today;
 * `'classic'` is Mironov (2017) Prop. 3, `eps = rdp - log(delta) / (alpha - 1)`.
 *
 * @example
 * ```ts
 * const c: RdpConversion = 'classic';
 * ```
 */
export type RdpConversion = 'improved' | 'classic';

/**
 * The smallest epsilon over the orders for a target delta, with the order that gives it.
 *
 * @example
 * ```ts
 * const { epsilon, order } = epsilonFromRdp(orders, rdp, 1e-5);
 * ```
 */
export function epsilonFromRdp(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
  conversion: RdpConversion = 'improved',
): { epsilon: number; order: number } {
  const fn = 'epsilonFromRdp';
  checkOrders(fn, orders);
  if (!Array.isArray(rdp) || rdp.length !== orders.length) fail(fn, 'rdp', `have ${orders.length} values (one per order)`, show(rdp));
  checkNumber(fn, 'delta', delta, { min: 0, max: 1, exclusiveMin: true });
  let best = Infinity;
  let bestOrder = orders[0] as number;
  orders.forEach((a, i) => {
    const r = rdp[i] as number;
    if (!(r >= 0)) fail(fn, `rdp[${i}]`, 'be >= 0', show(r));
    let eps: number;
    if (conversion === 'classic') {
      eps = r - Math.log(delta) / (a - 1);
    } else if (delta * delta + Math.expm1(-r) >= 0) {
      eps = 0; // the KL bound delta <= sqrt(1 - exp(-rdp)) already gives eps = 0
    } else if (a > 1.01) {
      eps = r + Math.log1p(-1 / a) - Math.log(delta * a) / (a - 1);
    } else {
      eps = Infinity; // unstable as alpha -> 1 and never the best order there
    }
    if (eps < best) {
      best = eps;
      bestOrder = a;
    }
  });
  return { epsilon: Math.max(0, best), order: bestOrder };
}

/**
 * The smallest delta over the orders for a target epsilon (the improved conversion, with the
 * KL bound for small orders as dp_accounting does).
 *
 * @example
 * ```ts
 * const { delta } = deltaFromRdp(orders, rdp, 1.0);
 * ```
 */
export function deltaFromRdp(orders: readonly number[], rdp: readonly number[], epsilon: number): { delta: number; order: number } {
  const fn = 'deltaFromRdp';
  checkOrders(fn, orders);
  if (!Array.isArray(rdp) || rdp.length !== orders.length) fail(fn, 'rdp', `have ${orders.length} values (one per order)`, show(rdp));
  checkNumber(fn, 'epsilon', epsilon, { min: 0 });
  let best = Infinity;
  let bestOrder = orders[0] as number;
  orders.forEach((a, i) => {
    const r = rdp[i] as number;
    let logDelta = r === 0 ? -Infinity : 0.5 * Math.log1p(-Math.exp(-r));
    if (a > 1.01) logDelta = Math.min(logDelta, (a - 1) * (r - epsilon + Math.log1p(-1 / a)) - Math.log(a));
    if (logDelta < best) {
      best = logDelta;
      bestOrder = a;
    }
  });
  return { delta: Math.min(Math.exp(best), 1), order: bestOrder };
}

/**
 * Options for {@link RdpAccountant}.
 *
 * @example
 * ```ts
 * new RdpAccountant({ orders: OPACUS_RDP_ORDERS, conversion: 'improved' });
 * ```
 */
export interface RdpAccountantOptions {
  orders?: readonly number[];
  conversion?: RdpConversion;
}

/**
 * Accumulates the RDP of DP-SGD steps and reports epsilon for a delta.
 *
 * @example
 * ```ts
 * const acc = new RdpAccountant();
 * acc.step({ sampleRate: 256 / 60000, noiseMultiplier: 1.1, steps: 14063 });
 * acc.getEpsilon(1e-5); // { epsilon, order }
 * ```
 */
export class RdpAccountant {
  readonly orders: readonly number[];
  readonly conversion: RdpConversion;
  private total: number[];
  private cache = new Map<string, number[]>();

  constructor(options: RdpAccountantOptions = {}) {
    this.orders = Object.freeze([...(options.orders ?? DEFAULT_RDP_ORDERS)]);
    checkOrders('RdpAccountant', this.orders);
    this.conversion = options.conversion ?? 'improved';
    if (this.conversion !== 'improved' && this.conversion !== 'classic') {
      fail('RdpAccountant', 'options.conversion', "be 'improved' or 'classic'", show(this.conversion));
    }
    this.total = this.orders.map(() => 0);
  }

  /** Adds `steps` steps of the sampled Gaussian mechanism. */
  step(event: { sampleRate: number; noiseMultiplier: number; steps?: number }): void {
    const fn = 'RdpAccountant.step';
    const q = checkNumber(fn, 'event.sampleRate', event?.sampleRate, { min: 0, max: 1 });
    const sigma = checkNumber(fn, 'event.noiseMultiplier', event.noiseMultiplier, { min: 0 });
    const steps = checkNumber(fn, 'event.steps', event.steps ?? 1, { min: 0 });
    const key = `${q}:${sigma}`;
    let one = this.cache.get(key);
    if (!one) {
      one = computeRdp(q, sigma, 1, this.orders);
      this.cache.set(key, one);
    }
    this.total = this.total.map((r, i) => r + (one as number[])[i]! * steps);
  }

  /** The accumulated RDP at each order. */
  get rdp(): readonly number[] {
    return this.total.slice();
  }

  /** Epsilon for `delta` so far (0 before any step). */
  getEpsilon(delta: number): { epsilon: number; order: number } {
    return epsilonFromRdp(this.orders, this.total, delta, this.conversion);
  }

  /** Epsilon if `event` were added now, without adding it (to stop before a budget is passed). */
  peekEpsilon(delta: number, event: { sampleRate: number; noiseMultiplier: number; steps?: number }): number {
    const saved = this.total;
    try {
      this.step(event);
      return this.getEpsilon(delta).epsilon;
    } finally {
      this.total = saved;
    }
  }

  /** State for checkpoints. */
  getState(): { rdp: number[] } {
    return { rdp: this.total.slice() };
  }

  setState(state: { rdp: number[] }): void {
    if (!Array.isArray(state?.rdp) || state.rdp.length !== this.orders.length) {
      fail('RdpAccountant.setState', 'state.rdp', `be ${this.orders.length} numbers`, show(state?.rdp));
    }
    this.total = state.rdp.slice();
  }
}

/**
 * Epsilon of DP-SGD as TF Privacy's `compute_dp_sgd_privacy` reports it: `q = batchSize / n`,
 * `steps = ceil(epochs * n / batchSize)`, the {@link DEFAULT_RDP_ORDERS}, Poisson sampling assumed.
 *
 * @example
 * ```ts
 * computeDpSgdPrivacy({ n: 60000, batchSize: 256, noiseMultiplier: 1.1, epochs: 60, delta: 1e-5 });
 * ```
 */
export function computeDpSgdPrivacy(options: {
  n: number;
  batchSize: number;
  noiseMultiplier: number;
  epochs: number;
  delta: number;
  orders?: readonly number[];
  conversion?: RdpConversion;
}): { epsilon: number; order: number; steps: number } {
  const fn = 'computeDpSgdPrivacy';
  const n = checkNumber(fn, 'options.n', options?.n, { min: 1, integer: true });
  const b = checkNumber(fn, 'options.batchSize', options.batchSize, { min: 1, max: n, integer: true });
  const epochs = checkNumber(fn, 'options.epochs', options.epochs, { min: 0 });
  const steps = Math.ceil((epochs * n) / b);
  const orders = options.orders ?? DEFAULT_RDP_ORDERS;
  const rdp = computeRdp(b / n, options.noiseMultiplier, steps, orders);
  return { ...epsilonFromRdp(orders, rdp, options.delta, options.conversion), steps };
}
