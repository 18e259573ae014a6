import { fileURLToPath } from 'node:url';
import type { Platform } from './types.js';

// The build copies the binaries to dist/wasm, a sibling of the dist/node chunks.
const dir = (): string => fileURLToPath(new URL('../wasm/', import.meta.url));

export const platform: Platform = {
  name: 'node',
  wasmFiles: () => ({
    'tfjs-backend-wasm.wasm': dir() + 'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm': dir() + 'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm': dir() + 'tfjs-backend-wasm-threaded-simd.wasm',
  }),
  // 'auto' in Node prefers wasm: XNNPACK with SIMD beats the plain-JS cpu kernels.
  loaders: {
    wasm: () => import('@tensorflow/tfjs-backend-wasm'),
    cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  },
  unavailableReason: (name) =>
    name === 'webgl' || name === 'webgpu' ? `${name} needs a browser; Node has no GPU context for tfjs` : null,
  threadCap: () => ({ max: 1, why: 'tfjs-backend-wasm runs single-threaded in Node' }),
};
