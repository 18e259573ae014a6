/**
 * TesseraLstmSequence: a whole LSTM layer's recurrence (every time step, forward) as one
 * kernel, with TesseraLstmSequenceGrad for its backward pass and a registered gradient.
 *
 * Why it exists: written with tfjs ops, each step of an LSTM is ~12 kernels forward and ~40
 * backward, each on a [batch, 4 * units] tensor: a 64-step layer is ~4,000 kernel calls per
 * training step, whose dispatch and allocation cost more than their arithmetic. Here the
 * time loop runs inside the WebAssembly SIMD module (simd/): per step one SIMD product with
 * the recurrent kernel and the gate arithmetic in place.
 *
 * Inputs (batch-major, as the layer holds them): `xp` [batch, time, 4u] = x W + b for every
 * step (gates i, f, c, o, Keras' order), `r` [u, 4u] the recurrent kernel, `mask`
 * [batch, time] (1 = real step, 0 = padding: the state is carried over, as Keras).
 * Outputs: `h` and `c` [batch, time, u] for every step, and the activated gates
 * [batch, time, 4u] that the backward pass reuses. Gates use sigmoid, activations tanh; the
 * initial state is zero. Registered on cpu and wasm when the SIMD module loads; the models
 * package falls back to per-step ops otherwise.
 */
import * as tf from '../tf.js';
import { transposeInto } from './gemm.js';
import type { KernelIO, PortableKernel } from './io.js';
import { simdAvailable, simdCall } from './simd/simd_module.js';

type TensorInfo = tf.TensorInfo;

/**
 * The fused LSTM kernel's name: `tf.getKernel(LSTM_SEQUENCE_KERNEL, tf.getBackend())` says
 * whether the active backend has it (@tessera/models chooses its fused path this way).
 *
 * @example
 * const fused = tf.getKernel(LSTM_SEQUENCE_KERNEL, tf.getBackend()) !== undefined;
 */
export const LSTM_SEQUENCE_KERNEL = 'TesseraLstmSequence';
/** Its backward kernel's name. */
export const LSTM_SEQUENCE_GRAD = 'TesseraLstmSequenceGrad';

function dims(xp: TensorInfo, r: TensorInfo, mask: TensorInfo): { batch: number; time: number; u: number } {
  const [batch, time, u4] = xp.shape as [number, number, number];
  const u = r.shape[0] as number;
  if (xp.shape.length !== 3 || u4 !== 4 * u || r.shape[1] !== 4 * u) {
    throw new Error(`${LSTM_SEQUENCE_KERNEL}: expected xp [batch, time, 4u] and r [u, 4u]; got xp [${xp.shape}] and r [${r.shape}]`);
  }
  if (mask.shape.length !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time) {
    throw new Error(`${LSTM_SEQUENCE_KERNEL}: expected mask [${batch}, ${time}]; got [${mask.shape}]`);
  }
  return { batch, time, u };
}

function checkFloat(name: string, ts: TensorInfo[]): void {
  for (const t of ts) if (t.dtype !== 'float32') throw new Error(`${name}: inputs must be float32; got ${t.dtype}`);
}

function forward(inputs: tf.NamedTensorInfoMap, io: KernelIO): TensorInfo[] {
  const call = simdCall(io);
  if (!call) throw new Error(`${LSTM_SEQUENCE_KERNEL}: the SIMD module is not available`);
  const xp = inputs.xp as TensorInfo;
  const r = inputs.r as TensorInfo;
  const mask = inputs.mask as TensorInfo;
  checkFloat(LSTM_SEQUENCE_KERNEL, [xp, r, mask]);
  const { batch, time, u } = dims(xp, r, mask);
  const h = io.empty([batch, time, u]);
  const c = io.empty([batch, time, u]);
  const gates = io.empty([batch, time, 4 * u]);
  try {
    const z = call.scratch(batch * 4 * u);
    call.k.lstmForward(call.input(xp), call.input(r), call.input(mask), batch, time, u, call.output(h), call.output(c), call.output(gates), z);
  } finally {
    call.done();
  }
  return [h, c, gates];
}

function backward(inputs: tf.NamedTensorInfoMap, io: KernelIO): TensorInfo {
  const call = simdCall(io);
  if (!call) throw new Error(`${LSTM_SEQUENCE_GRAD}: the SIMD module is not available`);
  const r = inputs.r as TensorInfo;
  const mask = inputs.mask as TensorInfo;
  const c = inputs.c as TensorInfo;
  const gates = inputs.gates as TensorInfo;
  const dh = inputs.dh as TensorInfo;
  checkFloat(LSTM_SEQUENCE_GRAD, [r, mask, c, gates, dh]);
  const { batch, time, u } = dims(gates, r, mask);
  const dz = io.empty([batch, time, 4 * u]);
  try {
    const prT = call.scratch(4 * u * u);
    const dhc = call.scratch(batch * u);
    const dcc = call.scratch(batch * u);
    // Views after the last allocation.
    const rv = io.f32(r);
    transposeInto(rv, u, 4 * u, call.view(prT, 4 * u * u));
    call.k.lstmBackward(prT, call.input(mask), batch, time, u, call.input(c), call.input(gates), call.input(dh), call.output(dz), dhc, dcc);
  } finally {
    call.done();
  }
  return dz;
}

const available = (): boolean => simdAvailable();

export const lstmSequence: PortableKernel = {
  kernelName: LSTM_SEQUENCE_KERNEL,
  backends: { cpu: 'fused: one kernel per LSTM layer instead of ~12 per step', wasm: 'fused: one kernel per LSTM layer instead of ~12 per step' },
  available,
  run: (inputs, _attrs, io) => forward(inputs, io),
};

export const lstmSequenceGrad: PortableKernel = {
  kernelName: LSTM_SEQUENCE_GRAD,
  backends: { cpu: 'the backward pass of TesseraLstmSequence', wasm: 'the backward pass of TesseraLstmSequence' },
  available,
  run: (inputs, _attrs, io) => backward(inputs, io),
};

/**
 * The gradient of the projected inputs, dxp (= dz, the gates' pre-activation gradient), from
 * the backward kernel. Shared by the kernel's registered gradient and the `lstmSequence` op.
 *
 * @example
 * const dz = lstmInputGrad(r, mask, c, gates, dh); // [batch, time, 4u]
 */
export function lstmInputGrad(r: tf.Tensor, mask: tf.Tensor, c: tf.Tensor, gates: tf.Tensor, dh: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel(LSTM_SEQUENCE_GRAD, { r, mask, c, gates, dh } as unknown as tf.NamedTensorMap) as tf.Tensor;
}

/**
 * The recurrent kernel's gradient, dr = Σ_t h[t-1]^T dz[t]: one product over all steps with h
 * shifted by one step (zero before the first).
 *
 * @example
 * const dr = lstmRecurrentGrad(h, dz); // [u, 4u]
 */
export function lstmRecurrentGrad(h: tf.Tensor3D, dz: tf.Tensor): tf.Tensor {
  const [batch, time, u] = h.shape;
  const prev = time === 1 ? tf.zeros([batch, 1, u]) : tf.concat([tf.zeros([batch, 1, u]), tf.slice(h, [0, 0, 0], [batch, time - 1, u])], 1);
  return tf.matMul(tf.reshape(prev, [batch * time, u]), tf.reshape(dz, [batch * time, 4 * u]), true, false);
}

/** The kernel's gradient, for direct `runKernel` callers (layers use the `lstmSequence` op). */
const lstmSequenceGradConfig: tf.GradConfig = {
  kernelName: LSTM_SEQUENCE_KERNEL,
  inputsToSave: ['r', 'mask'],
  outputsToSave: [true, true, true],
  gradFunc: (dys, saved) => {
    const [r, mask, h, c, gates] = saved as [tf.Tensor, tf.Tensor, tf.Tensor3D, tf.Tensor, tf.Tensor];
    const dh = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor;
    let dz: tf.Tensor | null = null;
    const dzOnce = (): tf.Tensor => (dz ??= lstmInputGrad(r, mask, c, gates, dh));
    return {
      xp: dzOnce,
      r: () => lstmRecurrentGrad(h, dzOnce()),
      mask: () => tf.zerosLike(mask),
    };
  },
};

let gradRegistered = false;

/** Registers the gradient of TesseraLstmSequence (once per process). */
export function registerLstmSequenceGradient(): void {
  if (!gradRegistered) {
    tf.registerGradient(lstmSequenceGradConfig);
    gradRegistered = true;
  }
}
