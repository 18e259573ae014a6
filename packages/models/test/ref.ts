/**
 * Float64 plain-JS reference implementations of every layer, written from the definitions
 * (Keras docs, the papers), independent of tfjs. Tests compare the layers' float32 outputs
 * with these, and their gradients with central finite differences of these.
 */

/** A dense float64 array with a row-major shape. */
export class Arr {
  constructor(
    readonly shape: number[],
    readonly data: Float64Array,
  ) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== data.length) throw new Error(`Arr: shape [${shape.join(', ')}] needs ${n} values, got ${data.length}`);
  }
  get size(): number {
    return this.data.length;
  }
  at(...idx: number[]): number {
    let o = 0;
    for (let i = 0; i < idx.length; i++) o = o * (this.shape[i] as number) + (idx[i] as number);
    return this.data[o] as number;
  }
}

export function zeros(shape: number[]): Arr {
  return new Arr(shape, new Float64Array(shape.reduce((a, b) => a * b, 1)));
}

/** Deterministic values in [-scale, scale), rounded to float32 so tf and the reference see the same numbers. */
export function rand(shape: number[], seed: number, scale = 1): Arr {
  let s = seed >>> 0 || 1;
  const a = zeros(shape);
  for (let i = 0; i < a.size; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    a.data[i] = Math.fround(((s / 4294967296) * 2 - 1) * scale);
  }
  return a;
}

// ---------- scalar functions ----------

function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    // Maclaurin series; at |x| < 3 the terms stay below ~3e3, so ~1e-12 absolute accuracy.
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz) for the tail.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let k = 1; k < 200; k++) {
    const a = k / 2;
    d = ax + a * d;
    d = 1 / d;
    c = ax + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

export function actScalar(name: string, v: number): number {
  switch (name) {
    case 'linear':
      return v;
    case 'relu':
      return v > 0 ? v : 0;
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return sigmoid(v);
    case 'swish':
      return v * sigmoid(v);
    case 'gelu':
      return 0.5 * v * (1 + erf(v / Math.SQRT2));
    default:
      throw new Error(`actScalar: ${name}`);
  }
}

/** Element-wise activation; softmax over the last axis. */
export function act(x: Arr, name: string): Arr {
  const y = zeros([...x.shape]);
  if (name !== 'softmax') {
    for (let i = 0; i < x.size; i++) y.data[i] = actScalar(name, x.data[i] as number);
    return y;
  }
  const n = x.shape[x.shape.length - 1] as number;
  for (let r = 0; r < x.size / n; r++) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, x.data[r * n + j] as number);
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp((x.data[r * n + j] as number) - m);
    for (let j = 0; j < n; j++) y.data[r * n + j] = Math.exp((x.data[r * n + j] as number) - m) / s;
  }
  return y;
}

// ---------- dense and convolutions ----------

/** `act(x @ W + b)` over the last axis of x. */
export function dense(x: Arr, w: Arr, b: Arr | null, activation = 'linear'): Arr {
  const [inD, outD] = w.shape as [number, number];
  const rows = x.size / inD;
  const y = zeros([...x.shape.slice(0, -1), outD]);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outD; o++) {
      let s = b === null ? 0 : (b.data[o] as number);
      for (let i = 0; i < inD; i++) s += (x.data[r * inD + i] as number) * (w.data[i * outD + o] as number);
      y.data[r * outD + o] = s;
    }
  }
  return act(y, activation);
}

export interface Conv {
  strides: [number, number];
  padding: 'same' | 'valid';
  dilation: [number, number];
}

function geometry(
  size: number,
  k: number,
  s: number,
  d: number,
  padding: 'same' | 'valid',
): { out: number; before: number } {
  const eff = (k - 1) * d + 1;
  if (padding === 'valid') return { out: Math.ceil((size - eff + 1) / s), before: 0 };
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + eff - size, 0);
  return { out, before: Math.floor(total / 2) };
}

/** NHWC convolution with kernel [kh, kw, C, F] (depthwise: [kh, kw, C, M], output channel c*M+m). */
export function conv2d(x: Arr, k: Arr, b: Arr | null, g: Conv, activation = 'linear', depthwise = false): Arr {
  const [B, H, W, C] = x.shape as [number, number, number, number];
  const [kh, kw, , F] = k.shape as [number, number, number, number];
  const gh = geometry(H, kh, g.strides[0], g.dilation[0], g.padding);
  const gw = geometry(W, kw, g.strides[1], g.dilation[1], g.padding);
  const outC = depthwise ? C * F : F;
  const y = zeros([B, gh.out, gw.out, outC]);
  for (let n = 0; n < B; n++)
    for (let i = 0; i < gh.out; i++)
      for (let j = 0; j < gw.out; j++)
        for (let o = 0; o < outC; o++) {
          let s = b === null ? 0 : (b.data[o] as number);
          for (let p = 0; p < kh; p++) {
            const r = i * g.strides[0] - gh.before + p * g.dilation[0];
            if (r < 0 || r >= H) continue;
            for (let q = 0; q < kw; q++) {
              const c0 = j * g.strides[1] - gw.before + q * g.dilation[1];
              if (c0 < 0 || c0 >= W) continue;
              if (depthwise) {
                const c = Math.floor(o / F);
                const m = o % F;
                s += x.at(n, r, c0, c) * k.at(p, q, c, m);
              } else {
                for (let c = 0; c < C; c++) s += x.at(n, r, c0, c) * k.at(p, q, c, o);
              }
            }
          }
          y.data[((n * gh.out + i) * gw.out + j) * outC + o] = s;
        }
  return act(y, activation);
}

/** Max or average pooling (TF 'same': padded cells are ignored). */
export function pool2d(
  x: Arr,
  mode: 'max' | 'avg',
  size: [number, number],
  strides: [number, number],
  padding: 'same' | 'valid',
): Arr {
  const [B, H, W, C] = x.shape as [number, number, number, number];
  const gh = geometry(H, size[0], strides[0], 1, padding);
  const gw = geometry(W, size[1], strides[1], 1, padding);
  const y = zeros([B, gh.out, gw.out, C]);
  for (let n = 0; n < B; n++)
    for (let i = 0; i < gh.out; i++)
      for (let j = 0; j < gw.out; j++)
        for (let c = 0; c < C; c++) {
          let acc = mode === 'max' ? -Infinity : 0;
          let count = 0;
          for (let p = 0; p < size[0]; p++) {
            const r = i * strides[0] - gh.before + p;
            if (r < 0 || r >= H) continue;
            for (let q = 0; q < size[1]; q++) {
              const c0 = j * strides[1] - gw.before + q;
              if (c0 < 0 || c0 >= W) continue;
              const v = x.at(n, r, c0, c);
              acc = mode === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          y.data[((n * gh.out + i) * gw.out + j) * C + c] = mode === 'max' ? acc : acc / count;
        }
  return y;
}

/** Mean over the axes between batch and channels; with a [B, T] mask for rank 3, over real steps only. */
export function globalAvg(x: Arr, mask: number[][] | null = null): Arr {
  const B = x.shape[0] as number;
  const C = x.shape[x.shape.length - 1] as number;
  const inner = x.size / B / C;
  const y = zeros([B, C]);
  for (let n = 0; n < B; n++)
    for (let c = 0; c < C; c++) {
      let s = 0;
      let cnt = 0;
      for (let t = 0; t < inner; t++) {
        const m = mask === null ? 1 : (mask[n]?.[t] as number);
        s += m * (x.data[(n * inner + t) * C + c] as number);
        cnt += m;
      }
      y.data[n * C + c] = s / Math.max(cnt, 1);
    }
  return y;
}

// ---------- normalization ----------

/** Normalizes over the last axis with the given per-channel mean/var (inference), or batch stats over all other axes (training). */
export function batchNorm(x: Arr, gamma: Arr, beta: Arr, eps: number, stats: { mean: Arr; variance: Arr } | null): Arr {
  const C = x.shape[x.shape.length - 1] as number;
  const rows = x.size / C;
  const mean = new Float64Array(C);
  const variance = new Float64Array(C);
  if (stats !== null) {
    mean.set(stats.mean.data);
    variance.set(stats.variance.data);
  } else {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < C; c++) mean[c] = (mean[c] as number) + (x.data[r * C + c] as number) / rows;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < C; c++)
        variance[c] = (variance[c] as number) + ((x.data[r * C + c] as number) - (mean[c] as number)) ** 2 / rows;
  }
  const y = zeros([...x.shape]);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < C; c++) {
      const v = ((x.data[r * C + c] as number) - (mean[c] as number)) / Math.sqrt((variance[c] as number) + eps);
      y.data[r * C + c] = (gamma.data[c] as number) * v + (beta.data[c] as number);
    }
  return y;
}

/** The batch mean and biased variance per channel (what BatchNormalization's moving stats move toward). */
export function channelMoments(x: Arr): { mean: number[]; variance: number[] } {
  const C = x.shape[x.shape.length - 1] as number;
  const rows = x.size / C;
  const mean = Array.from({ length: C }, (_, c) => {
    let s = 0;
    for (let r = 0; r < rows; r++) s += x.data[r * C + c] as number;
    return s / rows;
  });
  const variance = mean.map((m, c) => {
    let s = 0;
    for (let r = 0; r < rows; r++) s += ((x.data[r * C + c] as number) - m) ** 2;
    return s / rows;
  });
  return { mean, variance };
}

export function layerNorm(x: Arr, gamma: Arr, beta: Arr, eps: number): Arr {
  const D = x.shape[x.shape.length - 1] as number;
  const y = zeros([...x.shape]);
  for (let r = 0; r < x.size / D; r++) {
    let m = 0;
    for (let j = 0; j < D; j++) m += (x.data[r * D + j] as number) / D;
    let v = 0;
    for (let j = 0; j < D; j++) v += ((x.data[r * D + j] as number) - m) ** 2 / D;
    for (let j = 0; j < D; j++) {
      y.data[r * D + j] =
        (gamma.data[j] as number) * (((x.data[r * D + j] as number) - m) / Math.sqrt(v + eps)) +
        (beta.data[j] as number);
    }
  }
  return y;
}

// ---------- sequences ----------

export function embedding(ids: number[][], e: Arr): Arr {
  const D = e.shape[1] as number;
  const B = ids.length;
  const T = (ids[0] as number[]).length;
  const y = zeros([B, T, D]);
  for (let n = 0; n < B; n++)
    for (let t = 0; t < T; t++)
      for (let j = 0; j < D; j++) y.data[(n * T + t) * D + j] = e.at((ids[n] as number[])[t] as number, j);
  return y;
}

export interface RnnOpts {
  kind: 'simple' | 'lstm' | 'gru';
  units: number;
  returnSequences?: boolean;
  goBackwards?: boolean;
  mask?: number[][] | null;
  resetAfter?: boolean;
  activation?: string;
  recurrentActivation?: string;
}

/** Keras semantics: gates i,f,c,o (LSTM), z,r,h (GRU); masked steps keep the previous state and output. */
export function rnn(x: Arr, kernel: Arr, recurrent: Arr, bias: Arr | null, o: RnnOpts): Arr {
  const [B, T, F] = x.shape as [number, number, number];
  const U = o.units;
  const g = o.kind === 'lstm' ? 4 : o.kind === 'gru' ? 3 : 1;
  const actF = (v: number): number => actScalar(o.activation ?? 'tanh', v);
  const gateF = (v: number): number => actScalar(o.recurrentActivation ?? 'sigmoid', v);
  const out = zeros(o.returnSequences ? [B, T, U] : [B, U]);
  for (let n = 0; n < B; n++) {
    let h = new Float64Array(U);
    let c = new Float64Array(U);
    for (let s = 0; s < T; s++) {
      const t = o.goBackwards ? T - 1 - s : s;
      const xp = new Float64Array(g * U);
      const inBias = (j: number): number =>
        bias === null ? 0 : o.kind === 'gru' && o.resetAfter ? bias.at(0, j) : (bias.data[j] as number);
      for (let j = 0; j < g * U; j++) {
        let v = inBias(j);
        for (let i = 0; i < F; i++) v += x.at(n, t, i) * kernel.at(i, j);
        xp[j] = v;
      }
      const hr = (hv: Float64Array, j: number, cols: number[] | null = null): number => {
        let v = 0;
        for (let i = 0; i < U; i++) v += (hv[i] as number) * recurrent.at(i, cols === null ? j : (cols[j] as number));
        return v;
      };
      let hNew = new Float64Array(U);
      let cNew = new Float64Array(U);
      if (o.kind === 'simple') {
        for (let j = 0; j < U; j++) hNew[j] = actF((xp[j] as number) + hr(h, j));
      } else if (o.kind === 'lstm') {
        for (let j = 0; j < U; j++) {
          const i = gateF((xp[j] as number) + hr(h, j));
          const f = gateF((xp[U + j] as number) + hr(h, U + j));
          const cc = actF((xp[2 * U + j] as number) + hr(h, 2 * U + j));
          const og = gateF((xp[3 * U + j] as number) + hr(h, 3 * U + j));
          cNew[j] = f * (c[j] as number) + i * cc;
          hNew[j] = og * actF(cNew[j] as number);
        }
      } else {
        const recB = (j: number): number => (bias !== null && o.resetAfter ? bias.at(1, j) : 0);
        const z = new Float64Array(U);
        const r = new Float64Array(U);
        for (let j = 0; j < U; j++) {
          z[j] = gateF((xp[j] as number) + hr(h, j) + recB(j));
          r[j] = gateF((xp[U + j] as number) + hr(h, U + j) + recB(U + j));
        }
        for (let j = 0; j < U; j++) {
          let cand: number;
          if (o.resetAfter)
            cand = actF((xp[2 * U + j] as number) + (r[j] as number) * (hr(h, 2 * U + j) + recB(2 * U + j)));
          else {
            const rh = h.map((v, i) => v * (r[i] as number));
            cand = actF((xp[2 * U + j] as number) + hr(rh, 2 * U + j));
          }
          hNew[j] = (z[j] as number) * (h[j] as number) + (1 - (z[j] as number)) * cand;
        }
      }
      const m = o.mask ? ((o.mask[n] as number[])[t] as number) : 1;
      if (m === 0) {
        hNew = h;
        cNew = c;
      }
      h = hNew;
      c = cNew;
      if (o.returnSequences) for (let j = 0; j < U; j++) out.data[(n * T + s) * U + j] = h[j] as number;
    }
    if (!o.returnSequences) for (let j = 0; j < U; j++) out.data[n * U + j] = h[j] as number;
  }
  return out;
}

/** Reverses axis 1 of a [B, T, ...] array. */
export function reverseTime(x: Arr): Arr {
  const [B, T] = x.shape as [number, number];
  const inner = x.size / B / T;
  const y = zeros([...x.shape]);
  for (let n = 0; n < B; n++)
    for (let t = 0; t < T; t++)
      for (let j = 0; j < inner; j++)
        y.data[(n * T + t) * inner + j] = x.data[(n * T + (T - 1 - t)) * inner + j] as number;
  return y;
}

export function concatLast(a: Arr, b: Arr): Arr {
  const na = a.shape[a.shape.length - 1] as number;
  const nb = b.shape[b.shape.length - 1] as number;
  const rows = a.size / na;
  const y = zeros([...a.shape.slice(0, -1), na + nb]);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < na; j++) y.data[r * (na + nb) + j] = a.data[r * na + j] as number;
    for (let j = 0; j < nb; j++) y.data[r * (na + nb) + na + j] = b.data[r * nb + j] as number;
  }
  return y;
}

export function add(a: Arr, b: Arr): Arr {
  const y = zeros([...a.shape]);
  const bn = b.size;
  for (let i = 0; i < a.size; i++) y.data[i] = (a.data[i] as number) + (b.data[i % bn] as number);
  return y;
}

// ---------- attention ----------

export interface MhaWeights {
  qk: Arr; // [dq, h, k]
  qb: Arr | null; // [h, k]
  kk: Arr;
  kb: Arr | null;
  vk: Arr; // [dv, h, v]
  vb: Arr | null;
  ok: Arr; // [h, v, out]
  ob: Arr | null; // [out]
}

/** Multi-head attention per Vaswani et al. with Keras' layout; mask [B][S] (keys) or [B][T][S]; causal: s <= t. */
export function mha(
  q: Arr,
  v: Arr,
  k: Arr,
  w: MhaWeights,
  o: { heads: number; keyDim: number; valueDim: number; causal?: boolean; mask?: number[][] | number[][][] | null },
): Arr {
  const [B, T, dq] = q.shape as [number, number, number];
  const S = v.shape[1] as number;
  const H = o.heads;
  const out = w.ok.shape[2] as number;
  const proj = (
    x: Arr,
    kern: Arr,
    bias: Arr | null,
    n: number,
    t: number,
    h: number,
    j: number,
    din: number,
    dh: number,
  ): number => {
    let s = bias === null ? 0 : (bias.data[h * dh + j] as number);
    for (let i = 0; i < din; i++) s += x.at(n, t, i) * (kern.data[(i * H + h) * dh + j] as number);
    return s;
  };
  const y = zeros([B, T, out]);
  for (let n = 0; n < B; n++) {
    const ctx = new Float64Array(T * H * o.valueDim);
    for (let h = 0; h < H; h++) {
      const Q = Array.from({ length: T }, (_, t) =>
        Array.from({ length: o.keyDim }, (_, j) => proj(q, w.qk, w.qb, n, t, h, j, dq, o.keyDim)),
      );
      const K = Array.from({ length: S }, (_, t) =>
        Array.from({ length: o.keyDim }, (_, j) => proj(k, w.kk, w.kb, n, t, h, j, k.shape[2] as number, o.keyDim)),
      );
      const V = Array.from({ length: S }, (_, t) =>
        Array.from({ length: o.valueDim }, (_, j) => proj(v, w.vk, w.vb, n, t, h, j, v.shape[2] as number, o.valueDim)),
      );
      for (let t = 0; t < T; t++) {
        const scores = Array.from({ length: S }, (_, s) => {
          let d = 0;
          for (let j = 0; j < o.keyDim; j++) d += (Q[t]?.[j] as number) * (K[s]?.[j] as number);
          return d / Math.sqrt(o.keyDim);
        });
        const allowed = scores.map((_, s) => {
          let a = true;
          if (o.causal && s > t) a = false;
          if (o.mask) {
            const row = (o.mask as unknown[])[n] as unknown[];
            const mv = Array.isArray(row[0]) ? ((row[t] as number[])[s] as number) : (row[s] as number);
            if (!mv) a = false;
          }
          return a;
        });
        const any = allowed.some(Boolean);
        // A row with no allowed key attends uniformly (every logit got the same -1e9), as in Keras.
        const m = any ? Math.max(...scores.filter((_, s) => allowed[s])) : 0;
        const e = scores.map((sc, s) => (!any ? 1 : allowed[s] ? Math.exp(sc - m) : 0));
        const z = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < o.valueDim; j++) {
          let s2 = 0;
          for (let s = 0; s < S; s++) s2 += ((e[s] as number) / z) * (V[s]?.[j] as number);
          ctx[(t * H + h) * o.valueDim + j] = s2;
        }
      }
    }
    for (let t = 0; t < T; t++)
      for (let c = 0; c < out; c++) {
        let s = w.ob === null ? 0 : (w.ob.data[c] as number);
        for (let i = 0; i < H * o.valueDim; i++)
          s += (ctx[t * H * o.valueDim + i] as number) * (w.ok.data[i * out + c] as number);
        y.data[(n * T + t) * out + c] = s;
      }
  }
  return y;
}

/** One Transformer encoder block (no dropout). `w` holds the block's weights by local name. */
export function encoder(
  x: Arr,
  w: Map<string, Arr>,
  o: { heads: number; normFirst: boolean; eps: number; activation: string; causal?: boolean; mask?: number[][] | null },
): Arr {
  const get = (n: string): Arr => {
    const a = w.get(n);
    if (a === undefined) throw new Error(`encoder ref: no weight ${n}`);
    return a;
  };
  const d = x.shape[2] as number;
  const kd = d / o.heads;
  const attn = (h: Arr): Arr =>
    mha(
      h,
      h,
      h,
      {
        qk: get('self_attention/query/kernel'),
        qb: get('self_attention/query/bias'),
        kk: get('self_attention/key/kernel'),
        kb: get('self_attention/key/bias'),
        vk: get('self_attention/value/kernel'),
        vb: get('self_attention/value/bias'),
        ok: get('self_attention/attention_output/kernel'),
        ob: get('self_attention/attention_output/bias'),
      },
      { heads: o.heads, keyDim: kd, valueDim: kd, causal: o.causal ?? false, mask: o.mask ?? null },
    );
  const ln = (h: Arr, name: string): Arr => layerNorm(h, get(`${name}/gamma`), get(`${name}/beta`), o.eps);
  const ffn = (h: Arr): Arr =>
    dense(
      dense(h, get('ffn_intermediate/kernel'), get('ffn_intermediate/bias'), o.activation),
      get('ffn_output/kernel'),
      get('ffn_output/bias'),
    );
  if (o.normFirst) {
    const h = add(x, attn(ln(x, 'self_attention_norm')));
    return add(h, ffn(ln(h, 'ffn_norm')));
  }
  const h = ln(add(x, attn(x)), 'self_attention_norm');
  return ln(add(h, ffn(h)), 'ffn_norm');
}
