import { platform } from '#platform';
import type { BackendName } from './platform/types.js';
import { registerKernels } from './kernels/index.js';
import * as tf from './tf.js';

export type { BackendName } from './platform/types.js';

/** Options for {@link useBackend}. */
export interface UseBackendOptions {
  /**
   * wasm only: worker threads for XNNPACK. Needs a cross-origin-isolated page
   * (COOP/COEP headers); Node's tfjs-backend-wasm build is single-threaded.
   * Defaults to the hardware concurrency where threads are possible.
   */
  threads?: number;
  /** When an explicit backend fails to start, try the `'auto'` order instead of throwing. Default false. */
  fallback?: boolean;
}

/** One backend that was tried and not used, and why. */
export interface Fallback {
  name: BackendName;
  reason: string;
}

/** What {@link useBackend} selected and what the selected backend can do. */
export interface BackendInfo {
  /** The backend now active in tfjs-core. */
  name: BackendName;
  /** What the caller asked for. */
  requested: BackendName | 'auto';
  /** `'node'` or `'browser'`: which build of @tessera/backend is running. */
  platform: 'node' | 'browser';
  /** wasm: whether the SIMD binary is running. Always false for the other backends. */
  simd: boolean;
  /** CPU threads the kernels use (1 for cpu, the XNNPACK pool size for wasm); null on GPU backends. */
  threads: number | null;
  /** Whether float32 tensors are computed in full float32 (false on WebGL devices that only render float16). */
  float32Precision: boolean;
  /** Backends tried before this one, with the reason each was passed over. */
  fellBack: Fallback[];
  /** Kernels Tessera registered on this backend (fills for missing kernels and faster replacements). */
  kernels: string[];
  /** Other things worth knowing (for example a thread request that could not be honoured). */
  notes: string[];
}

const ALL: readonly BackendName[] = ['cpu', 'wasm', 'webgl', 'webgpu'];
const started = new Map<BackendName, Promise<void>>();
const registered = new Map<BackendName, string[]>();

/**
 * The backends this build can offer here, in the order `'auto'` tries them
 * (cheap capability checks only; a listed backend may still fail to start).
 *
 * @example
 * ```ts
 * availableBackends(); // Node: ['wasm', 'cpu']
 * ```
 */
export function availableBackends(): BackendName[] {
  return (Object.keys(platform.loaders) as BackendName[]).filter((n) => platform.unavailableReason(n) === null);
}

async function start(name: BackendName, options: UseBackendOptions, notes: string[]): Promise<void> {
  const why = platform.unavailableReason(name);
  const load = platform.loaders[name];
  if (why !== null || load === undefined) {
    throw new Error(why ?? `${name} is not part of the ${platform.name} build`);
  }
  const deep = (await platform.probe?.(name)) ?? null;
  if (deep !== null) throw new Error(deep);
  let once = started.get(name);
  if (once === undefined) {
    once = (async () => {
      const mod = (await load()) as {
        setWasmPaths?: (files: Record<string, string>) => void;
        setThreadsCount?: (n: number) => void;
      };
      if (name === 'wasm') {
        mod.setWasmPaths?.(platform.wasmFiles());
        if (options.threads !== undefined) mod.setThreadsCount?.(options.threads);
      }
      registered.set(name, registerKernels(name));
    })();
    started.set(name, once);
    // A failed load may succeed later (e.g. after the user fixes a server path).
    once.catch(() => started.delete(name));
  } else if (name === 'wasm' && options.threads !== undefined) {
    notes.push('wasm was already started: the threads option applies only to the first start');
  }
  await once;
  // setBackend resolves false (it does not throw) when the backend's factory fails.
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    throw new Error(`${name} failed to initialise: ${(e as Error).message ?? String(e)}`, { cause: e });
  }
  if (!ok) throw new Error(`${name} failed to initialise (tfjs-core's setBackend returned false)`);
  await tf.ready();
  if (name === 'cpu') {
    // The stock cpu backend prints a banner urging a tfjs-node install on its first tensor;
    // Tessera deliberately needs no native binary, so the advice would only mislead.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  }
}

async function describe(
  name: BackendName,
  requested: BackendName | 'auto',
  fellBack: Fallback[],
  notes: string[],
  options: UseBackendOptions,
): Promise<BackendInfo> {
  let simd = false;
  let threads: number | null = name === 'cpu' ? 1 : null;
  let float32Precision = true;
  if (name === 'wasm') {
    simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const wasm = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
    threads = wasm.wasm?.tfjs?.getThreadsCount?.() ?? 1;
    if (options.threads !== undefined && options.threads > threads) {
      notes.push(`threads: ${options.threads} was asked and ${threads} run: ${platform.threadCap().why}`);
    }
  } else if (name === 'webgl') {
    float32Precision = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
    const renderer = webglRenderer();
    // Headless and GPU-less browsers fall back to a CPU rasteriser that is many times slower
    // than wasm for training; 'auto' still honours WebGL, but the caller should know.
    if (renderer !== null && /swiftshader|llvmpipe|softpipe|software/i.test(renderer)) {
      notes.push(`webgl runs on a software renderer (${renderer}); useBackend('wasm') is usually faster here`);
    }
  }
  return {
    name,
    requested,
    platform: platform.name,
    simd,
    threads,
    float32Precision,
    fellBack,
    kernels: [...(registered.get(name) ?? [])],
    notes,
  };
}

/** The WebGL renderer string of the active webgl backend, when the browser reveals it. */
function webglRenderer(): string | null {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const value: unknown = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Loads a compute backend, registers Tessera's kernels on it and makes it the active one.
 *
 * `'auto'` picks the fastest backend that starts: wasm then cpu in Node; webgpu, webgl,
 * wasm, then cpu in a browser. An explicit name that cannot run here throws an error that
 * says why and lists the backends that can (unless `fallback: true`).
 *
 * @example
 * ```ts
 * import { useBackend, tf } from '@tessera/backend';
 * const info = await useBackend('wasm');
 * console.log(info.name, info.simd); // 'wasm' true
 * ```
 */
export async function useBackend(
  name: BackendName | 'auto' = 'auto',
  options: UseBackendOptions = {},
): Promise<BackendInfo> {
  if (name !== 'auto' && !ALL.includes(name)) {
    throw new Error(
      `useBackend: name must be 'auto' or one of ${ALL.map((n) => `'${n}'`).join(', ')}; got ${JSON.stringify(name)}`,
    );
  }
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new Error(`useBackend: options.threads must be an integer >= 1; got ${String(options.threads)}`);
  }
  const notes: string[] = [];
  const fellBack: Fallback[] = [];
  const order: BackendName[] = name === 'auto' ? (Object.keys(platform.loaders) as BackendName[]) : [name];
  if (name !== 'auto' && options.fallback) {
    order.push(...(Object.keys(platform.loaders) as BackendName[]).filter((n) => n !== name));
  }
  for (const candidate of order) {
    try {
      await start(candidate, options, notes);
      return await describe(candidate, name, fellBack, notes, options);
    } catch (e) {
      fellBack.push({ name: candidate, reason: (e as Error).message });
    }
  }
  const tried = fellBack.map((f) => `${f.name}: ${f.reason}`).join('; ');
  throw new Error(
    `useBackend: could not start ${JSON.stringify(name)} (${tried}). ` +
      `Available in this ${platform.name} build: ${availableBackends().join(', ') || 'none'}`,
  );
}
