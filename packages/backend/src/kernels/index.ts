import type { BackendName } from '../platform/types.js';
import * as tf from '../tf.js';
import { conv2DBackpropFilter, conv2DBackpropInput } from './conv2d_backprop.js';
import { conv2D } from './conv2d_forward.js';
import { batchMatMul } from './matmul.js';
import { registerMatMulGradient } from './matmul_grad.js';
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from './depthwise_backprop.js';
import { registerDilatedConvGradients } from './dilated_conv_grad.js';
import { kernelIO, type KernelBackendName, type PortableKernel } from './io.js';
import { avgPoolGradKernel, maxPoolGradKernel } from './pool_grad.js';
import { sum } from './reduce_sum.js';
import { unsortedSegmentSum } from './unsorted_segment_sum.js';

/** Every kernel Tessera provides; each one says on which backends it is registered, and why. */
const KERNELS: readonly PortableKernel[] = [
  batchMatMul,
  conv2D,
  conv2DBackpropFilter,
  conv2DBackpropInput,
  depthwiseConv2dNativeBackpropFilter,
  depthwiseConv2dNativeBackpropInput,
  avgPoolGradKernel,
  maxPoolGradKernel,
  sum,
  unsortedSegmentSum,
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
      k.run(args.inputs, args.attrs ?? {}, kernelIO(backendName, args.backend), stock && (() => stock(args) as tf.TensorInfo)),
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
 * sequence (matmul_grad.ts). Those are gradients, not kernels, so they are not in the list.
 */
export function registerKernels(backend: BackendName): string[] {
  registerDilatedConvGradients();
  registerMatMulGradient();
  if (backend !== 'cpu' && backend !== 'wasm') return [];
  // Benchmarks measure the stock kernels by listing `${backend}:${kernelName}` (or '*') in
  // globalThis.__tesseraSkipKernels before the backend starts; nothing else sets it.
  const skip = (globalThis as { __tesseraSkipKernels?: string[] }).__tesseraSkipKernels ?? [];
  const names: string[] = [];
  for (const k of KERNELS) {
    if (k.backends[backend] === undefined) continue;
    if (skip.includes('*') || skip.includes(`${backend}:${k.kernelName}`)) continue;
    register(k, backend);
    names.push(k.kernelName);
  }
  return names;
}
