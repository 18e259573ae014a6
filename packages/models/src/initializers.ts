/**
 * Weight initializers, seeded, with Keras' definitions (so that a Tessera layer starts from the
 * same distribution as its Keras/tfjs-layers twin). Values are drawn in float64 from an
 * {@link Rng} and rounded to float32, so the same seed gives the same weights on every backend.
 */
import type { Rng } from '@tessera/backend';

/** The initializers every layer accepts by name. */
export type InitializerName =
  | 'zeros'
  | 'ones'
  | 'glorotUniform'
  | 'glorotNormal'
  | 'heUniform'
  | 'heNormal'
  | 'orthogonal'
  | 'uniform'
  | 'normal';

/**
 * Every {@link InitializerName}, for validation and docs.
 *
 * @example
 * ```ts
 * INITIALIZER_NAMES.includes('orthogonal'); // true
 * ```
 */
export const INITIALIZER_NAMES: readonly InitializerName[] = [
  'zeros',
  'ones',
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'orthogonal',
  'uniform',
  'normal',
];

/** Fan-in and fan-out of a weight, as Keras computes them (or as a layer overrides them). */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * Keras' fans: for a rank-2 `[in, out]` weight, in and out; for a convolution kernel
 * `[...receptive, in, out]`, each times the receptive field size.
 *
 * @example
 * ```ts
 * computeFans([3, 3, 16, 32]); // { fanIn: 144, fanOut: 288 }
 * ```
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    fanIn: (shape[shape.length - 2] as number) * receptive,
    fanOut: (shape[shape.length - 1] as number) * receptive,
  };
}

// Keras draws its *Normal variance-scaling initializers from a normal truncated at two standard
// deviations, rescaled so that the truncated distribution keeps the requested stddev.
const TRUNCATED_STD = 0.87962566103423978;

function truncatedNormal(rng: Rng, std: number): number {
  for (;;) {
    const z = rng.normal();
    if (z >= -2 && z <= 2) return (z * std) / TRUNCATED_STD;
  }
}

/** Orthogonal matrix (rows x cols) as Keras builds it: QR of a normal matrix, signs fixed by diag(R). */
function orthogonal(rng: Rng, rows: number, cols: number, out: Float32Array): void {
  // Gram-Schmidt on the columns of an n x k normal matrix (n >= k) gives Q with diag(R) > 0,
  // which is Keras' sign correction q *= sign(diag(r)).
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  const a = new Float64Array(n * k);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  for (let j = 0; j < k; j++) {
    // Two passes of modified Gram-Schmidt keep the columns orthogonal to float64 precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (a[i * k + p] as number) * (a[i * k + j] as number);
        for (let i = 0; i < n; i++) a[i * k + j] = (a[i * k + j] as number) - dot * (a[i * k + p] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (a[i * k + j] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) a[i * k + j] = (a[i * k + j] as number) / norm;
  }
  // Q is n x k. When rows < cols, Keras transposes: out[r, c] = Q[c, r].
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++)
      out[r * cols + c] = rows >= cols ? (a[r * k + c] as number) : (a[c * k + r] as number);
  }
}

/**
 * Fills a new float32 array of `shape` with the named initializer, drawing from `rng`.
 * `fans` overrides Keras' fan computation (used by layers whose kernels are not `[in, out]`).
 *
 * @example
 * ```ts
 * import { Rng } from '@tessera/backend';
 * const w = initialize('glorotUniform', [4, 3], new Rng(1)); // Float32Array(12)
 * ```
 */
export function initialize(name: InitializerName, shape: readonly number[], rng: Rng, fans?: Fans): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const { fanIn, fanOut } = fans ?? computeFans(shape);
  switch (name) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'glorotUniform':
    case 'heUniform': {
      const limit = Math.sqrt(6 / (name === 'heUniform' ? fanIn : fanIn + fanOut));
      for (let i = 0; i < size; i++) out[i] = rng.uniform(-limit, limit);
      return out;
    }
    case 'glorotNormal':
    case 'heNormal': {
      const std = Math.sqrt(2 / (name === 'heNormal' ? fanIn : fanIn + fanOut));
      for (let i = 0; i < size; i++) out[i] = truncatedNormal(rng, std);
      return out;
    }
    case 'uniform':
      for (let i = 0; i < size; i++) out[i] = rng.uniform(-0.05, 0.05);
      return out;
    case 'normal':
      for (let i = 0; i < size; i++) out[i] = rng.normal(0, 0.05);
      return out;
    case 'orthogonal': {
      if (shape.length < 2)
        throw new Error(`initialize: orthogonal needs a weight of rank >= 2; got shape [${shape.join(', ')}]`);
      const cols = shape[shape.length - 1] as number;
      orthogonal(rng, size / cols, cols, out);
      return out;
    }
    default:
      throw new Error(
        `initialize: unknown initializer ${JSON.stringify(name)}; expected one of ${INITIALIZER_NAMES.join(', ')}`,
      );
  }
}

/** Throws unless `v` names an initializer. */
export function checkInitializer(who: string, arg: string, v: unknown): InitializerName {
  if (typeof v !== 'string' || !(INITIALIZER_NAMES as readonly string[]).includes(v)) {
    throw new Error(`${who}: ${arg} must be one of ${INITIALIZER_NAMES.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as InitializerName;
}
