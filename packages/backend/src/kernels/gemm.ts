/**
 * Matrix products in plain JS for Tessera's cpu kernels (convolutions lowered to im2col).
 *
 * Why not the cpu backend's own BatchMatMul: its inner loop is a dot product with one operand
 * strided, one multiply-add per two loads. These kernels keep a 4x4 tile of the result in
 * local variables (16 multiply-adds per 8 loads, all loads contiguous), which V8 keeps in
 * registers: about 3x faster than a contiguous axpy loop nest on the convolutions of a small
 * CNN (measured in Node 20). Results accumulate in float64 locals.
 */

/**
 * C[m, n] += sum over r < rows of A[aOff + r*M + m] * B[bOff + r*N + n]
 * (C = A^T B, with A [rows, M] and B [rows, N] row-major; C [M, N] is float64).
 */
export function gemmAtB(
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  rows: number,
  M: number,
  N: number,
  C: Float64Array,
): void {
  // Blocks of rows keep the slices of A and B that one pass over C's tiles reads in cache.
  const RB = 256;
  for (let r0 = 0; r0 < rows; r0 += RB) {
    gemmAtBRows(A, aOff + r0 * M, B, bOff + r0 * N, Math.min(RB, rows - r0), M, N, C);
  }
}

function gemmAtBRows(
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  rows: number,
  M: number,
  N: number,
  C: Float64Array,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let m = 0; m < M4; m += 4) {
    for (let n = 0; n < N4; n += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0; // prettier-ignore
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0; // prettier-ignore
      let ao = aOff + m;
      let bo = bOff + n;
      for (let r = 0; r < rows; r++, ao += M, bo += N) {
        const a0 = A[ao] as number, a1 = A[ao + 1] as number, a2 = A[ao + 2] as number, a3 = A[ao + 3] as number; // prettier-ignore
        const b0 = B[bo] as number, b1 = B[bo + 1] as number, b2 = B[bo + 2] as number, b3 = B[bo + 3] as number; // prettier-ignore
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; // prettier-ignore
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; // prettier-ignore
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3; // prettier-ignore
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3; // prettier-ignore
      }
      let o = m * N + n;
      C[o] = (C[o] as number) + c00; C[o + 1] = (C[o + 1] as number) + c01; C[o + 2] = (C[o + 2] as number) + c02; C[o + 3] = (C[o + 3] as number) + c03; // prettier-ignore
      o += N;
      C[o] = (C[o] as number) + c10; C[o + 1] = (C[o + 1] as number) + c11; C[o + 2] = (C[o + 2] as number) + c12; C[o + 3] = (C[o + 3] as number) + c13; // prettier-ignore
      o += N;
      C[o] = (C[o] as number) + c20; C[o + 1] = (C[o + 1] as number) + c21; C[o + 2] = (C[o + 2] as number) + c22; C[o + 3] = (C[o + 3] as number) + c23; // prettier-ignore
      o += N;
      C[o] = (C[o] as number) + c30; C[o + 1] = (C[o + 1] as number) + c31; C[o + 2] = (C[o + 2] as number) + c32; C[o + 3] = (C[o + 3] as number) + c33; // prettier-ignore
    }
  }
  // Edges: the last M % 4 rows and N % 4 columns of C, one element at a time.
  for (let m = 0; m < M; m++) {
    for (let n = m < M4 ? N4 : 0; n < N; n++) {
      let s = 0;
      for (let r = 0, ao = aOff + m, bo = bOff + n; r < rows; r++, ao += M, bo += N) s += (A[ao] as number) * (B[bo] as number);
      C[m * N + n] = (C[m * N + n] as number) + s;
    }
  }
}

/**
 * C[cOff + r*N + n] = sum over k < K of A[aOff + r*K + k] * B[bOff + n*K + k]
 * (C = A B^T, with A [rows, K], B [N, K] and C [rows, N] row-major).
 */
export function gemmABt(
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  rows: number,
  K: number,
  N: number,
  C: Float32Array,
  cOff: number,
): void {
  const R4 = rows - (rows % 4);
  const N4 = N - (N % 4);
  for (let r = 0; r < R4; r += 4) {
    const a0o = aOff + r * K, a1o = a0o + K, a2o = a1o + K, a3o = a2o + K; // prettier-ignore
    for (let n = 0; n < N4; n += 4) {
      const b0o = bOff + n * K, b1o = b0o + K, b2o = b1o + K, b3o = b2o + K; // prettier-ignore
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0; // prettier-ignore
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0; // prettier-ignore
      for (let k = 0; k < K; k++) {
        const a0 = A[a0o + k] as number, a1 = A[a1o + k] as number, a2 = A[a2o + k] as number, a3 = A[a3o + k] as number; // prettier-ignore
        const b0 = B[b0o + k] as number, b1 = B[b1o + k] as number, b2 = B[b2o + k] as number, b3 = B[b3o + k] as number; // prettier-ignore
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; // prettier-ignore
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; // prettier-ignore
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3; // prettier-ignore
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3; // prettier-ignore
      }
      let o = cOff + r * N + n;
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; // prettier-ignore
      o += N;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; // prettier-ignore
      o += N;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; // prettier-ignore
      o += N;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33; // prettier-ignore
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let n = r < R4 ? N4 : 0; n < N; n++) {
      let s = 0;
      const ao = aOff + r * K;
      const bo = bOff + n * K;
      for (let k = 0; k < K; k++) s += (A[ao + k] as number) * (B[bo + k] as number);
      C[cOff + r * N + n] = s;
    }
  }
}

/**
 * dst = src^T for a row-major [rows, cols] matrix (dst is [cols, rows]): the weight layouts the
 * products want (a convolution filter [K, outC] as [outC, K], an LSTM kernel [u, 4u] as [4u, u]).
 *
 * @example
 * transposeInto(w, K, outC, wT); // wT[o * K + k] = w[k * outC + o]
 */
export function transposeInto(src: ArrayLike<number>, rows: number, cols: number, dst: Float32Array): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dst[j * rows + i] = src[i * cols + j] as number;
}
