// AssemblyScript source of Tessera's WebAssembly SIMD kernels (compiled by scripts/build.mjs
// with the `assemblyscript` compiler from npm, embedded in the bundle as bytes).
//
// The module imports its memory and has no data segment: on the wasm backend it runs over
// tfjs-backend-wasm's own heap (pointers are tensors' offsets), elsewhere over a memory of its
// own (simd_module.ts). Buffers are float32 unless said otherwise. Products accumulate in
// float32 SIMD lanes, as XNNPACK's.

// ---------------------------------------------------------------------------------------
// Matrix products

/** dst[c, r] = src[r, c] for a rows x cols matrix. */
function transpose(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let r = 0; r < rows; r++) {
    const s = src + (<usize>(r * cols) << 2);
    for (let c = 0; c < cols; c++) {
      store<f32>(dst + (<usize>(c * rows + r) << 2), load<f32>(s + (<usize>c << 2)));
    }
  }
}

/**
 * C[m, n] (+)= A[m, k] @ B[k, n], all row-major with leading dimensions lda, ldb, ldc.
 * 4 rows x 8 columns of C per register tile; edges in 4-column and scalar steps.
 */
function gemmNN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, accumulate: bool): void {
  gemm(a, lda, 1, b, ldb, c, ldc, m, k, n, accumulate);
}

/**
 * The same with A's element (i, p) at a + (i * ai + p * ap) floats: ai = lda, ap = 1 for a
 * row-major A; ai = 1, ap = lda for a transposed one (read in place, no copy).
 */
function gemm(a: usize, ai: i32, ap: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, accumulate: bool): void {
  const m4 = m & ~3;
  const n8 = n & ~7;
  const n4 = n & ~3;
  const sa = <usize>ai << 2;
  const sp = <usize>ap << 2;
  const sb = <usize>ldb << 2;
  const sc = <usize>ldc << 2;
  let i = 0;
  for (; i < m4; i += 4) {
    const a0 = a + <usize>i * sa;
    const a1 = a0 + sa;
    const a2 = a1 + sa;
    const a3 = a2 + sa;
    const c0 = c + <usize>i * sc;
    let j = 0;
    for (; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let bp = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const o = <usize>p * sp;
        let av = f32x4.splat(load<f32>(a0 + o));
        c00 = f32x4.add(c00, f32x4.mul(av, b0));
        c01 = f32x4.add(c01, f32x4.mul(av, b1));
        av = f32x4.splat(load<f32>(a1 + o));
        c10 = f32x4.add(c10, f32x4.mul(av, b0));
        c11 = f32x4.add(c11, f32x4.mul(av, b1));
        av = f32x4.splat(load<f32>(a2 + o));
        c20 = f32x4.add(c20, f32x4.mul(av, b0));
        c21 = f32x4.add(c21, f32x4.mul(av, b1));
        av = f32x4.splat(load<f32>(a3 + o));
        c30 = f32x4.add(c30, f32x4.mul(av, b0));
        c31 = f32x4.add(c31, f32x4.mul(av, b1));
        bp += sb;
      }
      let cp = c0 + (<usize>j << 2);
      if (accumulate) {
        c00 = f32x4.add(c00, v128.load(cp)); c01 = f32x4.add(c01, v128.load(cp, 16)); cp += sc;
        c10 = f32x4.add(c10, v128.load(cp)); c11 = f32x4.add(c11, v128.load(cp, 16)); cp += sc;
        c20 = f32x4.add(c20, v128.load(cp)); c21 = f32x4.add(c21, v128.load(cp, 16)); cp += sc;
        c30 = f32x4.add(c30, v128.load(cp)); c31 = f32x4.add(c31, v128.load(cp, 16));
        cp = c0 + (<usize>j << 2);
      }
      v128.store(cp, c00); v128.store(cp, c01, 16); cp += sc;
      v128.store(cp, c10); v128.store(cp, c11, 16); cp += sc;
      v128.store(cp, c20); v128.store(cp, c21, 16); cp += sc;
      v128.store(cp, c30); v128.store(cp, c31, 16);
    }
    for (; j < n4; j += 4) {
      let c0v = f32x4.splat(0), c1v = f32x4.splat(0), c2v = f32x4.splat(0), c3v = f32x4.splat(0);
      let bp = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const o = <usize>p * sp;
        c0v = f32x4.add(c0v, f32x4.mul(f32x4.splat(load<f32>(a0 + o)), b0));
        c1v = f32x4.add(c1v, f32x4.mul(f32x4.splat(load<f32>(a1 + o)), b0));
        c2v = f32x4.add(c2v, f32x4.mul(f32x4.splat(load<f32>(a2 + o)), b0));
        c3v = f32x4.add(c3v, f32x4.mul(f32x4.splat(load<f32>(a3 + o)), b0));
        bp += sb;
      }
      let cp = c0 + (<usize>j << 2);
      if (accumulate) {
        v128.store(cp, f32x4.add(c0v, v128.load(cp))); cp += sc;
        v128.store(cp, f32x4.add(c1v, v128.load(cp))); cp += sc;
        v128.store(cp, f32x4.add(c2v, v128.load(cp))); cp += sc;
        v128.store(cp, f32x4.add(c3v, v128.load(cp)));
      } else {
        v128.store(cp, c0v); cp += sc;
        v128.store(cp, c1v); cp += sc;
        v128.store(cp, c2v); cp += sc;
        v128.store(cp, c3v);
      }
    }
    for (; j < n; j++) {
      for (let r = 0; r < 4; r++) {
        const ar = a0 + <usize>r * sa;
        let s: f32 = 0;
        for (let p = 0; p < k; p++) s += load<f32>(ar + <usize>p * sp) * load<f32>(b + <usize>p * sb + (<usize>j << 2));
        const cp = c0 + <usize>r * sc + (<usize>j << 2);
        store<f32>(cp, accumulate ? load<f32>(cp) + s : s);
      }
    }
  }
  // The last m % 4 rows, one at a time.
  for (; i < m; i++) {
    const ar = a + <usize>i * sa;
    const cr = c + <usize>i * sc;
    let j = 0;
    for (; j < n4; j += 4) {
      let acc = f32x4.splat(0);
      let bp = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(ar + <usize>p * sp)), v128.load(bp)));
        bp += sb;
      }
      const cp = cr + (<usize>j << 2);
      v128.store(cp, accumulate ? f32x4.add(acc, v128.load(cp)) : acc);
    }
    for (; j < n; j++) {
      let s: f32 = 0;
      for (let p = 0; p < k; p++) s += load<f32>(ar + <usize>p * sp) * load<f32>(b + <usize>p * sb + (<usize>j << 2));
      const cp = cr + (<usize>j << 2);
      store<f32>(cp, accumulate ? load<f32>(cp) + s : s);
    }
  }
}

/** Rows of B per pass: a long k (a weight gradient over a whole batch) streams B in slices that stay in L2. */
const KC: i32 = 256;

/** C = A @ B (A addressed as in {@link gemm}), k in slices of KC. */
function gemmBlocked(a: usize, ai: i32, ap: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    gemm(a + (<usize>(p0 * ap) << 2), ai, ap, b + (<usize>(p0 * ldb) << 2), ldb, c, ldc, m, kc, n, p0 > 0);
  }
}

/**
 * Batched C[i] = op(A[i % batchA]) @ op(B[i % batchB]) for i < batch, where op transposes
 * when tA / tB is set (A stored [k, m], B stored [n, k]). `scratch` holds k*n floats for
 * a transposed B (laid out [k, n] once per distinct B).
 */
export function bmm(
  a: usize, b: usize, c: usize, batch: i32, batchA: i32, batchB: i32,
  m: i32, k: i32, n: i32, tA: i32, tB: i32, scratch: usize,
): void {
  const sizeA = <usize>(m * k) << 2;
  const sizeB = <usize>(k * n) << 2;
  const sizeC = <usize>(m * n) << 2;
  const sb = scratch;
  let lastB = -1;
  for (let i = 0; i < batch; i++) {
    const ia = i % batchA;
    const ib = i % batchB;
    const ap = a + <usize>ia * sizeA;
    let bp = b + <usize>ib * sizeB;
    if (tB) {
      if (ib != lastB) transpose(bp, n, k, sb);
      bp = sb;
    }
    lastB = ib;
    // A transposed ([k, m]) is read in place.
    if (tA) gemmBlocked(ap, 1, m, bp, n, c + <usize>i * sizeC, n, m, k, n);
    else gemmBlocked(ap, k, 1, bp, n, c + <usize>i * sizeC, n, m, k, n);
  }
}

// ---------------------------------------------------------------------------------------
// LSTM over a whole sequence (gates i, f, c, o as Keras; sigmoid gates, tanh activations).
// Batch-major layouts, as the layer holds them: xp and gates [batch, time, 4u], h and c
// [batch, time, u], mask [batch, time].

/**
 * e^x in float64 without lookup tables (the module may share tfjs-backend-wasm's memory, so it
 * must carry no data segment; AssemblyScript's Mathf.exp has one): x = k ln2 + r with
 * |r| <= ln2 / 2, e^r by its Taylor series to r^11 (error < 1e-15), scaled by 2^k.
 */
@inline function expd(x: f64): f64 {
  if (x > 700) x = 700;
  if (x < -700) x = -700;
  const k = Math.floor(x * 1.4426950408889634 + 0.5);
  const r = x - k * 0.6931471803691238 - k * 1.9082149292705877e-10;
  let p = 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return p * reinterpret<f64>((<i64>k + 1023) << 52);
}

@inline function sigmoid(x: f32): f32 {
  return <f32>(1.0 / (1.0 + expd(-<f64>x)));
}

@inline function tanhf(x: f32): f32 {
  // tanh(x) = (e^2x - 1) / (e^2x + 1), saturated where float32 rounds it to +-1 anyway.
  if (x > 15) return 1;
  if (x < -15) return -1;
  const e = expd(2 * <f64>x);
  return <f32>((e - 1) / (e + 1));
}

/**
 * e^x on 4 lanes of float32: x = k ln2 + r, |r| <= ln2 / 2, e^r by its Taylor series to r^7
 * (relative error < 1e-8, below float32 rounding), 2^k built in the exponent bits.
 */
@inline function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(88.0));
  const k = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(k, f32x4.splat(0.693145751953125))), f32x4.mul(k, f32x4.splat(1.428606765330187e-6)));
  let p = f32x4.splat(1.0 / 5040.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

@inline function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
}

@inline function tanh4(x: v128): v128 {
  // 1 - 2 / (e^2x + 1): saturates cleanly at both ends (e^2x is clamped, never inf).
  const one = f32x4.splat(1.0);
  return f32x4.sub(one, f32x4.div(f32x4.splat(2.0), f32x4.add(exp4(f32x4.add(x, x)), one)));
}

/**
 * Forward over `time` steps. xp holds x_t W + b for every step; r is the recurrent kernel
 * [u, 4u]; mask (1 = real step, 0 = padding: the state is carried over, as Keras).
 * Writes h and c of every step and the activated gates (i, f, g, o) the backward pass reuses.
 * z (batch x 4u floats) is scratch.
 */
export function lstmForward(
  xp: usize, r: usize, mask: usize, batch: i32, time: i32, u: i32,
  h: usize, c: usize, gates: usize, z: usize,
): void {
  const u4 = 4 * u;
  const rowG = <usize>u4 << 2;
  const rowH = <usize>u << 2;
  const ou = rowH;
  for (let t = 0; t < time; t++) {
    // z = xp[:, t] + h[:, t-1] @ r
    for (let bi = 0; bi < batch; bi++) {
      memory.copy(z + <usize>bi * rowG, xp + <usize>(bi * time + t) * rowG, rowG);
    }
    if (t > 0) gemmNN(h + <usize>(t - 1) * rowH, time * u, r, u4, z, u4, batch, u, u4, true);
    for (let bi = 0; bi < batch; bi++) {
      const zr = z + <usize>bi * rowG;
      const row = <usize>(bi * time + t);
      const gr = gates + row * rowG;
      const hr = h + row * rowH;
      const cr = c + row * rowH;
      const m = load<f32>(mask + (row << 2));
      const mv = f32x4.splat(m);
      const u4v = u & ~3;
      for (let j = 0; j < u4v; j += 4) {
        const o = <usize>j << 2;
        const ig = sigmoid4(v128.load(zr + o));
        const fg = sigmoid4(v128.load(zr + ou + o));
        const gg = tanh4(v128.load(zr + 2 * ou + o));
        const og = sigmoid4(v128.load(zr + 3 * ou + o));
        v128.store(gr + o, ig);
        v128.store(gr + ou + o, fg);
        v128.store(gr + 2 * ou + o, gg);
        v128.store(gr + 3 * ou + o, og);
        const cPrev = t > 0 ? v128.load(cr - rowH + o) : f32x4.splat(0);
        const hPrev = t > 0 ? v128.load(hr - rowH + o) : f32x4.splat(0);
        const cn = f32x4.add(f32x4.mul(fg, cPrev), f32x4.mul(ig, gg));
        const hn = f32x4.mul(og, tanh4(cn));
        // Keras' masking: state + m (new - state), m in {0, 1}.
        v128.store(cr + o, f32x4.add(cPrev, f32x4.mul(mv, f32x4.sub(cn, cPrev))));
        v128.store(hr + o, f32x4.add(hPrev, f32x4.mul(mv, f32x4.sub(hn, hPrev))));
      }
      for (let j = u4v; j < u; j++) {
        const o = <usize>j << 2;
        const ig = sigmoid(load<f32>(zr + o));
        const fg = sigmoid(load<f32>(zr + ou + o));
        const gg = tanhf(load<f32>(zr + 2 * ou + o));
        const og = sigmoid(load<f32>(zr + 3 * ou + o));
        store<f32>(gr + o, ig);
        store<f32>(gr + ou + o, fg);
        store<f32>(gr + 2 * ou + o, gg);
        store<f32>(gr + 3 * ou + o, og);
        const cPrev: f32 = t > 0 ? load<f32>(cr - rowH + o) : 0;
        let cn = fg * cPrev + ig * gg;
        let hn = og * tanhf(cn);
        if (m != 1) {
          const hPrev: f32 = t > 0 ? load<f32>(hr - rowH + o) : 0;
          cn = cPrev + m * (cn - cPrev);
          hn = hPrev + m * (hn - hPrev);
        }
        store<f32>(cr + o, cn);
        store<f32>(hr + o, hn);
      }
    }
  }
}

/**
 * Backward of {@link lstmForward}. dh is the gradient reaching each step's output h from
 * outside the recurrence; rT is r transposed [4u, u]. Writes dz (the gradient of xp, laid out
 * as xp); the recurrent kernel's gradient sum_t h[t-1]^T dz[t] is one product on the JS side.
 * dhc, dcc (batch x u each) are scratch for the gradients carried from step to step.
 */
export function lstmBackward(
  rT: usize, mask: usize, batch: i32, time: i32, u: i32,
  c: usize, gates: usize, dh: usize, dz: usize, dhc: usize, dcc: usize,
): void {
  const u4 = 4 * u;
  const rowG = <usize>u4 << 2;
  const rowH = <usize>u << 2;
  const ou = rowH;
  memory.fill(dhc, 0, <usize>batch * rowH);
  memory.fill(dcc, 0, <usize>batch * rowH);
  for (let t = time - 1; t >= 0; t--) {
    for (let bi = 0; bi < batch; bi++) {
      const row = <usize>(bi * time + t);
      const gr = gates + row * rowG;
      const dzr = dz + row * rowG;
      const cr = c + row * rowH;
      const dhr = dh + row * rowH;
      const hc = dhc + <usize>bi * rowH;
      const cc = dcc + <usize>bi * rowH;
      const m = load<f32>(mask + (row << 2));
      const mv = f32x4.splat(m);
      const keep = f32x4.splat(1 - m);
      const one = f32x4.splat(1);
      const u4v = u & ~3;
      for (let j = 0; j < u4v; j += 4) {
        const o = <usize>j << 2;
        const dhTot = f32x4.add(v128.load(dhr + o), v128.load(hc + o));
        const dcTot = v128.load(cc + o);
        const ig = v128.load(gr + o);
        const fg = v128.load(gr + ou + o);
        const gg = v128.load(gr + 2 * ou + o);
        const og = v128.load(gr + 3 * ou + o);
        const cPrev = t > 0 ? v128.load(cr - rowH + o) : f32x4.splat(0);
        const tc = tanh4(f32x4.add(f32x4.mul(fg, cPrev), f32x4.mul(ig, gg)));
        const dhN = f32x4.mul(mv, dhTot);
        const dcN = f32x4.add(f32x4.mul(mv, dcTot), f32x4.mul(f32x4.mul(dhN, og), f32x4.sub(one, f32x4.mul(tc, tc))));
        v128.store(dzr + o, f32x4.mul(f32x4.mul(dcN, gg), f32x4.mul(ig, f32x4.sub(one, ig))));
        v128.store(dzr + ou + o, f32x4.mul(f32x4.mul(dcN, cPrev), f32x4.mul(fg, f32x4.sub(one, fg))));
        v128.store(dzr + 2 * ou + o, f32x4.mul(f32x4.mul(dcN, ig), f32x4.sub(one, f32x4.mul(gg, gg))));
        v128.store(dzr + 3 * ou + o, f32x4.mul(f32x4.mul(dhN, tc), f32x4.mul(og, f32x4.sub(one, og))));
        v128.store(cc + o, f32x4.add(f32x4.mul(dcN, fg), f32x4.mul(keep, dcTot)));
        v128.store(hc + o, f32x4.mul(keep, dhTot));
      }
      for (let j = u4v; j < u; j++) {
        const o = <usize>j << 2;
        // Total gradient reaching h[t] and c[t].
        const dhTot = load<f32>(dhr + o) + load<f32>(hc + o);
        const dcTot = load<f32>(cc + o);
        const ig = load<f32>(gr + o);
        const fg = load<f32>(gr + ou + o);
        const gg = load<f32>(gr + 2 * ou + o);
        const og = load<f32>(gr + 3 * ou + o);
        const cPrev: f32 = t > 0 ? load<f32>(cr - rowH + o) : 0;
        // The unmasked new cell state (c[t] holds the masked one).
        const tc = tanhf(fg * cPrev + ig * gg);
        // Through the mask: the new values get m * d, the carried state (1 - m) * d.
        const dhN = m * dhTot;
        const dcN = m * dcTot + dhN * og * (1 - tc * tc);
        store<f32>(dzr + o, dcN * gg * ig * (1 - ig));
        store<f32>(dzr + ou + o, dcN * cPrev * fg * (1 - fg));
        store<f32>(dzr + 2 * ou + o, dcN * ig * (1 - gg * gg));
        store<f32>(dzr + 3 * ou + o, dhN * tc * og * (1 - og));
        store<f32>(cc + o, dcN * fg + (1 - m) * dcTot);
        store<f32>(hc + o, (1 - m) * dhTot);
      }
    }
    // The gradient carried to h[t-1] also gets dz[:, t] @ r^T.
    if (t > 0) gemmNN(dz + <usize>t * rowG, time * u4, rT, u, dhc, u, batch, u4, u, true);
  }
}


// ---------------------------------------------------------------------------------------
// Conv2D filter gradient (NHWC): dW[(ky, kx, ci), co] = sum over output pixels p of
// col[p, (ky, kx, ci)] dy[p, co], with col the im2col matrix built a chunk of pixels at a
// time (so that it stays in cache) and the product read with col transposed in place.

/**
 * col[(p - p0), :] for output pixels p0 <= p < p1: the receptive field of each pixel, laid out
 * (ky, kx, ci) as the filter; taps in the padding are zero.
 */
function im2col(
  x: usize, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, kH: i32, kW: i32,
  strideH: i32, strideW: i32, dilH: i32, dilW: i32, padTop: i32, padLeft: i32,
  p0: i32, p1: i32, col: usize,
): void {
  const K = kH * kW * inC;
  const run = <usize>inC << 2;
  const perImage = outH * outW;
  for (let p = p0; p < p1; p++) {
    const b = p / perImage;
    const rem = p - b * perImage;
    const oy = rem / outW;
    const ox = rem - oy * outW;
    let dst = col + (<usize>((p - p0) * K) << 2);
    for (let ky = 0; ky < kH; ky++) {
      const iy = oy * strideH - padTop + ky * dilH;
      for (let kx = 0; kx < kW; kx++) {
        const ix = ox * strideW - padLeft + kx * dilW;
        if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) memory.fill(dst, 0, run);
        else memory.copy(dst, x + (<usize>(((b * inH + iy) * inW + ix) * inC) << 2), run);
        dst += run;
      }
    }
  }
}

/** dW [kH * kW * inC, outC] = col^T @ dy over all batch * outH * outW pixels, `chunk` pixels at a time. */
export function convFilterGrad(
  x: usize, dy: usize, dw: usize, batch: i32, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, outC: i32,
  kH: i32, kW: i32, strideH: i32, strideW: i32, dilH: i32, dilW: i32, padTop: i32, padLeft: i32,
  col: usize, chunk: i32,
): void {
  const K = kH * kW * inC;
  const P = batch * outH * outW;
  for (let p0 = 0; p0 < P; p0 += chunk) {
    const p1 = min(P, p0 + chunk);
    im2col(x, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft, p0, p1, col);
    gemm(col, 1, K, dy + (<usize>(p0 * outC) << 2), outC, dw, outC, K, p1 - p0, outC, p0 > 0);
  }
}

/** dx (NHWC, zeroed by the caller) += the receptive fields of pixels p0 <= p < p1 from dcol. */
function col2im(
  dcol: usize, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, kH: i32, kW: i32,
  strideH: i32, strideW: i32, dilH: i32, dilW: i32, padTop: i32, padLeft: i32,
  p0: i32, p1: i32, dx: usize,
): void {
  const K = kH * kW * inC;
  const perImage = outH * outW;
  const c4 = inC & ~3;
  for (let p = p0; p < p1; p++) {
    const b = p / perImage;
    const rem = p - b * perImage;
    const oy = rem / outW;
    const ox = rem - oy * outW;
    let src = dcol + (<usize>((p - p0) * K) << 2);
    for (let ky = 0; ky < kH; ky++) {
      const iy = oy * strideH - padTop + ky * dilH;
      for (let kx = 0; kx < kW; kx++) {
        const ix = ox * strideW - padLeft + kx * dilW;
        if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
          const d = dx + (<usize>(((b * inH + iy) * inW + ix) * inC) << 2);
          let c = 0;
          for (; c < c4; c += 4) {
            const o = <usize>c << 2;
            v128.store(d + o, f32x4.add(v128.load(d + o), v128.load(src + o)));
          }
          for (; c < inC; c++) {
            const o = <usize>c << 2;
            store<f32>(d + o, load<f32>(d + o) + load<f32>(src + o));
          }
        }
        src += <usize>inC << 2;
      }
    }
  }
}

/**
 * dx = col2im(dy @ W^T) (NHWC), `chunk` output pixels at a time; wT is the filter transposed
 * to [outC, kH * kW * inC]; dcol holds chunk x K floats. dx is zeroed here.
 */
export function convInputGrad(
  dy: usize, wT: usize, dx: usize, batch: i32, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, outC: i32,
  kH: i32, kW: i32, strideH: i32, strideW: i32, dilH: i32, dilW: i32, padTop: i32, padLeft: i32,
  dcol: usize, chunk: i32,
): void {
  const K = kH * kW * inC;
  const P = batch * outH * outW;
  memory.fill(dx, 0, <usize>(batch * inH * inW * inC) << 2);
  for (let p0 = 0; p0 < P; p0 += chunk) {
    const p1 = min(P, p0 + chunk);
    gemm(dy + (<usize>(p0 * outC) << 2), outC, 1, wT, K, dcol, K, p1 - p0, outC, K, false);
    col2im(dcol, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft, p0, p1, dx);
  }
}

/** y [P, outC] = im2col(x) @ w [K, outC] (NHWC), `chunk` output pixels at a time. */
export function convForward(
  x: usize, w: usize, y: usize, batch: i32, inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, outC: i32,
  kH: i32, kW: i32, strideH: i32, strideW: i32, dilH: i32, dilW: i32, padTop: i32, padLeft: i32,
  col: usize, chunk: i32,
): void {
  const K = kH * kW * inC;
  const P = batch * outH * outW;
  for (let p0 = 0; p0 < P; p0 += chunk) {
    const p1 = min(P, p0 + chunk);
    im2col(x, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft, p0, p1, col);
    gemmBlocked(col, K, 1, w, outC, y + (<usize>(p0 * outC) << 2), outC, p1 - p0, K, outC);
  }
}

// ---------------------------------------------------------------------------------------
// MaxPool gradient (NHWC): dx (zeroed here) += dy at the first maximum of each window, per
// channel (row-major window order, as the cpu forward; NaN and -Infinity windows get none).

export function maxPoolGrad(
  x: usize, dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, C: i32, outH: i32, outW: i32,
  kH: i32, kW: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32,
): void {
  memory.fill(dx, 0, <usize>(batch * inH * inW * C) << 2);
  const c4 = C & ~3;
  const lanes = i32x4(0, 1, 2, 3);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(0, oy * strideH - padTop);
      const y1 = min(inH, oy * strideH - padTop + kH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(0, ox * strideW - padLeft);
        const x1 = min(inW, ox * strideW - padLeft + kW);
        const dyOff = ((b * outH + oy) * outW + ox) * C;
        let c = 0;
        for (; c < c4; c += 4) {
          let best = f32x4.splat(-Infinity);
          let where = i32x4.splat(-1);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const off = ((b * inH + iy) * inW + ix) * C + c;
              const v = v128.load(x + (<usize>off << 2));
              const gt = f32x4.gt(v, best);
              best = v128.bitselect(v, best, gt);
              where = v128.bitselect(i32x4.add(i32x4.splat(off), lanes), where, gt);
            }
          }
          const d = dy + (<usize>(dyOff + c) << 2);
          let i = i32x4.extract_lane(where, 0);
          if (i >= 0) store<f32>(dx + (<usize>i << 2), load<f32>(dx + (<usize>i << 2)) + load<f32>(d));
          i = i32x4.extract_lane(where, 1);
          if (i >= 0) store<f32>(dx + (<usize>i << 2), load<f32>(dx + (<usize>i << 2)) + load<f32>(d, 4));
          i = i32x4.extract_lane(where, 2);
          if (i >= 0) store<f32>(dx + (<usize>i << 2), load<f32>(dx + (<usize>i << 2)) + load<f32>(d, 8));
          i = i32x4.extract_lane(where, 3);
          if (i >= 0) store<f32>(dx + (<usize>i << 2), load<f32>(dx + (<usize>i << 2)) + load<f32>(d, 12));
        }
        for (; c < C; c++) {
          let best: f32 = -Infinity;
          let where = -1;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const off = ((b * inH + iy) * inW + ix) * C + c;
              const v = load<f32>(x + (<usize>off << 2));
              if (v > best) {
                best = v;
                where = off;
              }
            }
          }
          if (where >= 0) {
            const p = dx + (<usize>where << 2);
            store<f32>(p, load<f32>(p) + load<f32>(dy + (<usize>(dyOff + c) << 2)));
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Sums (float64 accumulation, as the JS kernel and the stock cpu one).

/** out[c] = sum over r of x[r, c] (x [rows, cols]); acc is scratch for cols float64s. */
export function sumOuter(x: usize, rows: i32, cols: i32, out: usize, acc: usize): void {
  memory.fill(acc, 0, <usize>cols << 3);
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * cols) << 2);
    let c = 0;
    for (; c < c4; c += 4) {
      const v = v128.load(xr + (<usize>c << 2));
      const a = acc + (<usize>c << 3);
      v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
    }
    for (; c < cols; c++) {
      const a = acc + (<usize>c << 3);
      store<f64>(a, load<f64>(a) + <f64>load<f32>(xr + (<usize>c << 2)));
    }
  }
  for (let c = 0; c < cols; c++) store<f32>(out + (<usize>c << 2), <f32>load<f64>(acc + (<usize>c << 3)));
}

/** out[r] = sum over c of x[r, c] (x [rows, cols]). */
export function sumInner(x: usize, rows: i32, cols: i32, out: usize): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * cols) << 2);
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    let c = 0;
    for (; c < c4; c += 4) {
      const v = v128.load(xr + (<usize>c << 2));
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    }
    const both = f64x2.add(lo, hi);
    let s = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
    for (; c < cols; c++) s += <f64>load<f32>(xr + (<usize>c << 2));
    store<f32>(out + (<usize>r << 2), <f32>s);
  }
}

// ---------------------------------------------------------------------------------------
// Optimizer steps

/**
 * One Adam / AdamW step over n floats (see adam.ts for the formula), in float32 lanes:
 * g' = g + l2 w; m' = b1 m + (1-b1) g'; v' = b2 v + (1-b2) g'^2;
 * w' = keep w - step m' / (sqrt(v') invSqrtBc2 + eps).
 */
export function adam(
  w: usize, g: usize, m: usize, v: usize, w1: usize, m1: usize, v1: usize, n: i32,
  b1: f32, c1: f32, b2: f32, c2: f32, keep: f32, l2: f32, step: f32, invSqrtBc2: f32, eps: f32,
): void {
  // c1 = 1 - b1 and c2 = 1 - b2 come from the caller in float64: 1 - f32(0.999) in float32 is
  // off by 1e-5 relative.
  const B1 = f32x4.splat(b1);
  const C1 = f32x4.splat(c1);
  const B2 = f32x4.splat(b2);
  const C2 = f32x4.splat(c2);
  const K = f32x4.splat(keep);
  const L2 = f32x4.splat(l2);
  const S = f32x4.splat(step);
  const IB = f32x4.splat(invSqrtBc2);
  const E = f32x4.splat(eps);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 2;
    const wi = v128.load(w + o);
    const gi = f32x4.add(v128.load(g + o), f32x4.mul(L2, wi));
    const mi = f32x4.add(f32x4.mul(B1, v128.load(m + o)), f32x4.mul(C1, gi));
    const vi = f32x4.add(f32x4.mul(B2, v128.load(v + o)), f32x4.mul(C2, f32x4.mul(gi, gi)));
    v128.store(m1 + o, mi);
    v128.store(v1 + o, vi);
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(vi), IB), E);
    v128.store(w1 + o, f32x4.sub(f32x4.mul(wi, K), f32x4.div(f32x4.mul(S, mi), den)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const wi = load<f32>(w + o);
    const gi = load<f32>(g + o) + l2 * wi;
    const mi = b1 * load<f32>(m + o) + c1 * gi;
    const vi = b2 * load<f32>(v + o) + c2 * gi * gi;
    store<f32>(m1 + o, mi);
    store<f32>(v1 + o, vi);
    store<f32>(w1 + o, wi * keep - (step * mi) / (Mathf.sqrt(vi) * invSqrtBc2 + eps));
  }
}
