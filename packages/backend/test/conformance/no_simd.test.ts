/**
 * The paths taken where WebAssembly SIMD is unavailable (old browsers, or
 * `globalThis.__tesseraNoSimd`): BatchMatMul falls back to the register-tiled JS products (cpu)
 * or to XNNPACK with transposed operands laid out for it (wasm), and the fused LSTM kernel is
 * not registered, so @tessera/models keeps its per-step ops. Same float64 references and
 * tolerances as kernels.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, tf, useBackend } from '@tessera/backend';
import { BACKENDS, checkOp, type OpCase } from './harness.js';
import { matMul } from './reference.js';

// Read once, when the first backend registers its kernels (in beforeAll below).
(globalThis as { __tesseraNoSimd?: boolean }).__tesseraNoSimd = true;

const CASES: OpCase[] = ([
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const).flatMap(([tA, tB]): OpCase[] => [
  {
    name: `BatchMatMul 9x6 by 6x7, transposeA=${tA} transposeB=${tB}`,
    inputs: [{ shape: tA ? [6, 9] : [9, 6] }, { shape: tB ? [7, 6] : [6, 7] }],
    op: (a, b) => tf.matMul(a!, b!, tA, tB),
    ref: ([a, b]) => matMul(a!, tA ? [6, 9] : [9, 6], b!, tB ? [7, 6] : [6, 7], tA, tB).y,
    outShape: [9, 7],
  },
  {
    name: `BatchMatMul, batch 2, 5x3 by 3x6, transposeA=${tA} transposeB=${tB}`,
    inputs: [{ shape: tA ? [2, 3, 5] : [2, 5, 3] }, { shape: tB ? [2, 6, 3] : [2, 3, 6] }],
    op: (a, b) => tf.matMul(a!, b!, tA, tB),
    ref: ([a, b]) => matMul(a!, tA ? [2, 3, 5] : [2, 5, 3], b!, tB ? [2, 6, 3] : [2, 3, 6], tA, tB).y,
    outShape: [2, 5, 6],
  },
]);

describe.each(BACKENDS)('without WebAssembly SIMD, on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  for (const c of CASES) {
    it(c.name, async () => {
      await checkOp(c, new Rng(91));
    });
  }
  it('does not register the fused LSTM kernel', async () => {
    const info = await useBackend(backend);
    expect(info.kernels).not.toContain('TesseraLstmSequence');
    expect(info.kernels).toContain('BatchMatMul');
  });
});
