import type { BackendName } from '../platform/types.js';

/**
 * Registers Tessera's kernels on a backend that has just been loaded: fills for kernels
 * the stock backend lacks and faster replacements for slow ones.
 * Returns the kernel names registered.
 */
export function registerKernels(backend: BackendName): string[] {
  void backend;
  return [];
}
