import type { BackendName } from '../platform/types.js';
import * as tf from '../tf.js';
import { adam } from './adam.js';
import { conv2DBackpropFilter, conv2DBackpropInput } from './conv2d_backprop.js';
import { conv2D } from './conv2d_forward.js';
import { batchMatMul } from './matmul.js';
import { registerMatMulGradient } from './matmul_grad.js';
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from './depthwise_backprop.js';
import { registerDilatedConvGradients } from './dilated_conv_grad.js';
import { registerFusedConvGradient } from './fused_conv_grad.js';
import { registerReductionGradients } from './reduction_grad.js';
import { gatherV2 } from './gather.js';
import { identity } from './identity.js';
import { kernelIO, type KernelBackendName, type PortableKernel } from './io.js';
import { lstmSequence, lstmSequenceGrad, registerLstmSequenceGradient } from './lstm_sequence.js';
import { avgPoolGradKernel, maxPoolGradKernel } from './pool_grad.js';
import { mean, sum } from './reduce_sum.js';
import { add, multiply, realDiv, sub } from './binary.js';
import { slice } from './slice.js';
import { softmax } from './softmax.js';
import { transpose } from './transpose.js';
import { unsortedSegmentSum } from './unsorted_segment_sum.js';

/** Every kernel Tessera provides; each one says on which backends it is registered, and why. */
const KERNELS: readonly PortableKernel[] = [
  adam,
  batchMatMul,
  conv2D,
  conv2DBackpropFilter,
  conv2DBackpropInput,
  depthwiseConv2dNativeBackpropFilter,
  depthwiseConv2dNativeBackpropInput,
  gatherV2,
  identity,
  avgPoolGradKernel,
  maxPoolGradKernel,
  sum,
  mean,
  add,
  sub,
  multiply,
  realDiv,
  slice,
  softmax,
  transpose,
  unsortedSegmentSum,
  lstmSequence,
  lstmSequenceGrad,
];

/** The stock kernels replaced, captured at the first registration (a later one would find ours). */
const stockKernels = new Map<string, tf.KernelFunc | undefined>();

function register(k: PortableKernel, backendName: KernelBackendName): void {
  const key = `${backendName}:${k.kernelName}`;
  const existing = tf.getKernel(k.kernelName, backendName);
  if (!stockKernels.has(key)) stockKernels.set(key, existing?.kernelFunc);
  const stock = stockKernels.get(key);
  // Replacing a stock kernel without unregistering it first makes tfjs-core warn.
  if (existing !== undefined) tf.unregisterKernel(k.kernelName, backendName);
  tf.registerKernel({
    kernelName: k.kernelName,
    backendName,
    // The stock kernel's setup (e.g. wasm's cwrap of its C++ function) must still run at
    // backend initialisation, since the replacement may hand inputs back to it.
    ...(existing?.setupFunc ? { setupFunc: existing.setupFunc } : {}),
    ...(existing?.disposeFunc ? { disposeFunc: existing.disposeFunc } : {}),
    kernelFunc: (args) =>
      k.run(args.inputs, args.attrs ?? {}, kernelIO(backendName, args.backend), stock && (() => stock(args) as tf.TensorInfo)) as
        | tf.TensorInfo
        | tf.TensorInfo[],
  });
}

/**
 * Registers Tessera's kernels on a backend that has just been loaded: fills for kernels
 * the stock backend lacks and faster replacements for slow ones.
 * Returns the kernel names registered.
 *
 * It also replaces, once and for every backend, three of tfjs-core's gradients: Conv2D's and
 * DepthwiseConv2dNative's, which refuse dilation rates above 1 (dilated_conv_grad.ts), and
 * BatchMatMul's, which breaks on broadcast batch axes such as a Dense layer applied to a
 * sequence (matmul_grad.ts). Those are gradients, not kernels, so they are not in the list;
 * nor is the gradient of Tessera's own TesseraLstmSequence kernel (lstm_sequence.ts), nor the
 * FusedConv2D gradient tfjs-core lacks (fused_conv_grad.ts), nor Sum's and Mean's, which stop
 * building tensors of ones in JS (reduction_grad.ts).
 */
export function registerKernels(backend: BackendName): string[] {
  registerDilatedConvGradients();
  registerMatMulGradient();
  registerLstmSequenceGradient();
  registerFusedConvGradient();
  registerReductionGradients();
  if (backend !== 'cpu' && backend !== 'wasm') return [];
  // Benchmarks measure the stock kernels by listing `${backend}:${kernelName}` (or '*') in
  // globalThis.__tesseraSkipKernels before the backend starts; nothing else sets it.
  const skip = (globalThis as { __tesseraSkipKernels?: string[] }).__tesseraSkipKernels ?? [];
  const names: string[] = [];
  for (const k of KERNELS) {
    if (k.backends[backend] === undefined || k.available?.() === false) continue;
    if (skip.includes('*') || skip.includes(`${backend}:${k.kernelName}`)) continue;
    register(k, backend);
    names.push(k.kernelName);
  }
  return names;
}
