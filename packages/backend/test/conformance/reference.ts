/**
 * Float64 plain-JS reference implementations for the conformance suite, written from the
 * definitions (TensorFlow's NHWC layout and 'same'/'valid' padding rules), independently of
 * tfjs and of Tessera's kernels. Gradients come from central finite differences of these
 * forwards (see {@link numericGradients}), so no backward pass is written twice.
 *
 * Every array is a flat row-major Float64Array with its shape passed alongside.
 */

export type F64 = Float64Array;

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** TensorFlow's output size and leading padding for one spatial axis. */
export function outAndPad(
  inSize: number,
  k: number,
  stride: number,
  dilation: number,
  pad: 'same' | 'valid',
): { out: number; before: number } {
  const eff = (k - 1) * dilation + 1;
  if (pad === 'valid') return { out: Math.ceil((inSize - eff + 1) / stride), before: 0 };
  const out = Math.ceil(inSize / stride);
  const total = Math.max(0, (out - 1) * stride + eff - inSize);
  return { out, before: Math.floor(total / 2) };
}

export interface ConvOpts {
  stride: [number, number];
  pad: 'same' | 'valid';
  dilation: [number, number];
}

/** y[b, oy, ox, co] = sum over taps and ci of x[b, iy, ix, ci] * w[fy, fx, ci, co]. */
export function conv2d(x: F64, xs: number[], w: F64, ws: number[], o: ConvOpts): { y: F64; shape: number[] } {
  const [B, H, W, C] = xs as [number, number, number, number];
  const [KH, KW, , CO] = ws as [number, number, number, number];
  const r = outAndPad(H, KH, o.stride[0], o.dilation[0], o.pad);
  const c = outAndPad(W, KW, o.stride[1], o.dilation[1], o.pad);
  const y = new Float64Array(B * r.out * c.out * CO);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < r.out; oy++)
      for (let ox = 0; ox < c.out; ox++)
        for (let co = 0; co < CO; co++) {
          let s = 0;
          for (let fy = 0; fy < KH; fy++) {
            const iy = oy * o.stride[0] - r.before + fy * o.dilation[0];
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < KW; fx++) {
              const ix = ox * o.stride[1] - c.before + fx * o.dilation[1];
              if (ix < 0 || ix >= W) continue;
              for (let ci = 0; ci < C; ci++) s += x[((b * H + iy) * W + ix) * C + ci]! * w[((fy * KW + fx) * C + ci) * CO + co]!;
            }
          }
          y[((b * r.out + oy) * c.out + ox) * CO + co] = s;
        }
  return { y, shape: [B, r.out, c.out, CO] };
}

/** Depthwise: y[b, oy, ox, c*M + m] = sum over taps of x[b, iy, ix, c] * w[fy, fx, c, m]. */
export function depthwiseConv2d(x: F64, xs: number[], w: F64, ws: number[], o: ConvOpts): { y: F64; shape: number[] } {
  const [B, H, W, C] = xs as [number, number, number, number];
  const [KH, KW, , M] = ws as [number, number, number, number];
  const r = outAndPad(H, KH, o.stride[0], o.dilation[0], o.pad);
  const c = outAndPad(W, KW, o.stride[1], o.dilation[1], o.pad);
  const y = new Float64Array(B * r.out * c.out * C * M);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < r.out; oy++)
      for (let ox = 0; ox < c.out; ox++)
        for (let ch = 0; ch < C; ch++)
          for (let m = 0; m < M; m++) {
            let s = 0;
            for (let fy = 0; fy < KH; fy++) {
              const iy = oy * o.stride[0] - r.before + fy * o.dilation[0];
              if (iy < 0 || iy >= H) continue;
              for (let fx = 0; fx < KW; fx++) {
                const ix = ox * o.stride[1] - c.before + fx * o.dilation[1];
                if (ix < 0 || ix >= W) continue;
                s += x[((b * H + iy) * W + ix) * C + ch]! * w[((fy * KW + fx) * C + ch) * M + m]!;
              }
            }
            y[((b * r.out + oy) * c.out + ox) * C * M + ch * M + m] = s;
          }
  return { y, shape: [B, r.out, c.out, C * M] };
}

/** Max or average pooling over the taps of each window that lie inside the input. */
export function pool(
  kind: 'max' | 'avg',
  x: F64,
  xs: number[],
  k: [number, number],
  stride: [number, number],
  pad: 'same' | 'valid',
): { y: F64; shape: number[] } {
  const [B, H, W, C] = xs as [number, number, number, number];
  const r = outAndPad(H, k[0], stride[0], 1, pad);
  const c = outAndPad(W, k[1], stride[1], 1, pad);
  const y = new Float64Array(B * r.out * c.out * C);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < r.out; oy++)
      for (let ox = 0; ox < c.out; ox++)
        for (let ch = 0; ch < C; ch++) {
          let acc = kind === 'max' ? -Infinity : 0;
          let n = 0;
          for (let fy = 0; fy < k[0]; fy++) {
            const iy = oy * stride[0] - r.before + fy;
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < k[1]; fx++) {
              const ix = ox * stride[1] - c.before + fx;
              if (ix < 0 || ix >= W) continue;
              const v = x[((b * H + iy) * W + ix) * C + ch]!;
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
              n++;
            }
          }
          y[((b * r.out + oy) * c.out + ox) * C + ch] = kind === 'max' ? acc : acc / n;
        }
  return { y, shape: [B, r.out, c.out, C] };
}

/**
 * Batched matrix product with optional transposes: a [..., m, k] (or [..., k, m]),
 * b [..., k, n] (or [..., n, k]); batch dims must be equal.
 */
export function matMul(a: F64, as: number[], b: F64, bs: number[], transA = false, transB = false): { y: F64; shape: number[] } {
  const batchShape = as.slice(0, -2);
  const batch = size(batchShape);
  const [ar, ac] = as.slice(-2) as [number, number];
  const [br, bc] = bs.slice(-2) as [number, number];
  const m = transA ? ac : ar;
  const k = transA ? ar : ac;
  const n = transB ? br : bc;
  const y = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) {
          const av = transA ? a[t * ar * ac + q * ac + i]! : a[t * ar * ac + i * ac + q]!;
          const bv = transB ? b[t * br * bc + j * bc + q]! : b[t * br * bc + q * bc + j]!;
          s += av * bv;
        }
        y[(t * m + i) * n + j] = s;
      }
  return { y, shape: [...batchShape, m, n] };
}

/** Adds a bias along the last axis. */
export function addBias(x: F64, b: F64): F64 {
  const n = b.length;
  return x.map((v, i) => v + b[i % n]!);
}

/** out[s, ...] = sum of x[i, ...] over the i with ids[i] = s; ids outside [0, n) are dropped. */
export function segmentSum(x: F64, xs: number[], ids: ArrayLike<number>, idsRank: number, n: number): { y: F64; shape: number[] } {
  const inner = size(xs.slice(idsRank));
  const y = new Float64Array(n * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= n) continue;
    for (let j = 0; j < inner; j++) y[s * inner + j] = y[s * inner + j]! + x[i * inner + j]!;
  }
  return { y, shape: [n, ...xs.slice(idsRank)] };
}

/** Rows of `table` ([rows, ...]) picked by `ids`. */
export function gather(table: F64, ts: number[], ids: ArrayLike<number>): F64 {
  const inner = size(ts.slice(1));
  const y = new Float64Array(ids.length * inner);
  for (let i = 0; i < ids.length; i++) for (let j = 0; j < inner; j++) y[i * inner + j] = table[ids[i]! * inner + j]!;
  return y;
}

/** Applies `f` to each row of the last axis (length n), writing into a new array. */
export function rows(x: F64, n: number, f: (row: F64) => F64): F64 {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i += n) y.set(f(x.subarray(i, i + n)), i);
  return y;
}

export function softmax(row: F64): F64 {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function logSoftmax(row: F64): F64 {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
}

/** erf by its Maclaurin series (|x| <= 3) or continued fraction of erfc (beyond), to ~1e-14. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax <= 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) (Lentz-free, 60 terms)
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

export const act = {
  relu: (v: number) => Math.max(0, v),
  sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
  elu: (v: number) => (v > 0 ? v : Math.exp(v) - 1),
  swish: (v: number) => v / (1 + Math.exp(-v)),
  geluTanh: (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
  geluErf: (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
};

/** Mean and (biased) variance over `axes` of x, broadcast back to x's shape. */
export function moments(x: F64, xs: number[], axes: number[]): { mean: F64; variance: F64 } {
  const strides = xs.map((_, i) => size(xs.slice(i + 1)));
  const keyOf = (flat: number): number => {
    let key = 0;
    for (let d = 0; d < xs.length; d++) {
      const idx = Math.floor(flat / strides[d]!) % xs[d]!;
      if (!axes.includes(d)) key = key * xs[d]! + idx;
    }
    return key;
  };
  const groups = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    const k = keyOf(i);
    const g = groups.get(k) ?? [];
    g.push(i);
    groups.set(k, g);
  }
  const mean = new Float64Array(x.length);
  const variance = new Float64Array(x.length);
  for (const idx of groups.values()) {
    const mu = idx.reduce((a, i) => a + x[i]!, 0) / idx.length;
    const v = idx.reduce((a, i) => a + (x[i]! - mu) ** 2, 0) / idx.length;
    for (const i of idx) {
      mean[i] = mu;
      variance[i] = v;
    }
  }
  return { mean, variance };
}

/**
 * Gradients of loss(inputs) = sum(f(inputs) * r) with respect to the inputs listed in `wrt`,
 * by central differences in float64 with a step of 1e-6 * max(1, |x|). The truncation error
 * (~h^2) and the rounding error (~1e-16 / h) are both far below float32 tolerances; the inputs
 * are random, so none sits within a step of a kink (ReLU at 0, a max-pool tie).
 */
export function numericGradients(f: (inputs: F64[]) => F64, inputs: F64[], r: F64, wrt: number[]): F64[] {
  const loss = (): number => {
    const y = f(inputs);
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
    return s;
  };
  return wrt.map((k) => {
    const x = inputs[k]!;
    const g = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      const v = x[j]!;
      const h = 1e-6 * Math.max(1, Math.abs(v));
      x[j] = v + h;
      const up = loss();
      x[j] = v - h;
      const down = loss();
      x[j] = v;
      g[j] = (up - down) / (2 * h);
    }
    return g;
  });
}

/**
 * An LSTM layer's recurrence over all steps (Keras gates i, f, c, o; sigmoid gates, tanh),
 * from zero state: xp [batch, time, 4u] (inputs already projected), r [u, 4u], mask
 * [batch, time] (0 carries the state over). Returns h of every step, [batch, time, u].
 */
export function lstmSequence(xp: F64, r: F64, mask: ArrayLike<number>, batch: number, time: number, u: number): F64 {
  const sig = (x: number): number => 1 / (1 + Math.exp(-x));
  const out = new Float64Array(batch * time * u);
  for (let b = 0; b < batch; b++) {
    let h = new Float64Array(u);
    let c = new Float64Array(u);
    for (let t = 0; t < time; t++) {
      const z = new Float64Array(4 * u);
      for (let j = 0; j < 4 * u; j++) {
        let s = xp[(b * time + t) * 4 * u + j]!;
        for (let i = 0; i < u; i++) s += h[i]! * r[i * 4 * u + j]!;
        z[j] = s;
      }
      const m = mask[b * time + t]!;
      const hn = new Float64Array(u);
      const cn = new Float64Array(u);
      for (let j = 0; j < u; j++) {
        const cc = sig(z[u + j]!) * c[j]! + sig(z[j]!) * Math.tanh(z[2 * u + j]!);
        const hh = sig(z[3 * u + j]!) * Math.tanh(cc);
        cn[j] = c[j]! + m * (cc - c[j]!);
        hn[j] = h[j]! + m * (hh - h[j]!);
      }
      h = hn;
      c = cn;
      out.set(h, (b * time + t) * u);
    }
  }
  return out;
}
