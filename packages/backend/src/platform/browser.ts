import type { BackendName, Platform } from './types.js';

function webgl2Reason(): string | null {
  if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') return 'no canvas in this context';
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    return canvas.getContext('webgl2') ? null : 'this browser gives no WebGL 2 context';
  } catch (e) {
    return `creating a WebGL 2 context failed (${(e as Error).message})`;
  }
}

function reason(name: BackendName): string | null {
  if (name === 'webgpu') {
    const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
    return nav?.gpu ? null : 'navigator.gpu is missing (WebGPU is not enabled in this browser)';
  }
  if (name === 'webgl') return webgl2Reason();
  if (name === 'wasm') return typeof WebAssembly === 'object' ? null : 'WebAssembly is not supported here';
  return null;
}

// Literal `new URL(..., import.meta.url)` calls are what Vite, webpack 5 and Parcel
// recognise as assets to copy and fingerprint, so they stay spelled out one by one.
export const platform: Platform = {
  name: 'browser',
  wasmFiles: () => ({
    'tfjs-backend-wasm.wasm': new URL('../wasm/tfjs-backend-wasm.wasm', import.meta.url).href,
    'tfjs-backend-wasm-simd.wasm': new URL('../wasm/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
    'tfjs-backend-wasm-threaded-simd.wasm': new URL('../wasm/tfjs-backend-wasm-threaded-simd.wasm', import.meta.url)
      .href,
  }),
  // 'auto' in a browser: WebGPU, then WebGL 2, then wasm, then plain JS.
  loaders: {
    webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
    webgl: () => import('@tensorflow/tfjs-backend-webgl'),
    wasm: () => import('@tensorflow/tfjs-backend-wasm'),
    cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  },
  unavailableReason: reason,
  async probe(name) {
    if (name !== 'webgpu') return null;
    // navigator.gpu exists in Chromium even where no adapter can be had (headless, blocklisted GPU).
    const gpu = (navigator as unknown as { gpu: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = await gpu.requestAdapter().catch(() => null);
    return adapter ? null : 'navigator.gpu.requestAdapter() found no adapter (no usable WebGPU device)';
  },
  threadCap() {
    if (!globalThis.crossOriginIsolated) {
      return { max: 1, why: 'the page is not cross-origin isolated (COOP/COEP headers), so wasm cannot start threads' };
    }
    // tfjs-backend-wasm caps its XNNPACK pool at hardwareConcurrency / 2 (and at 8).
    const cores = Math.max(1, Math.floor((navigator.hardwareConcurrency ?? 2) / 2));
    return { max: Math.min(8, cores), why: `tfjs-backend-wasm caps threads at navigator.hardwareConcurrency / 2 (${cores}) and 8` };
  },
};
