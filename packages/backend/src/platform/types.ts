/** Names of the compute backends Tessera can load. */
export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

/** What differs between the Node and browser builds. */
export interface Platform {
  /** `'node'` or `'browser'`. */
  readonly name: 'node' | 'browser';
  /** Map from tfjs-backend-wasm binary name to a path or URL the emscripten loader can read. */
  wasmFiles(): Record<string, string>;
  /**
   * Loaders for the backends this build can offer, in the order `'auto'` tries them.
   * Each registers its backend with tfjs-core; importing lazily keeps wasm and GPU code
   * out of programs that never ask for them.
   */
  readonly loaders: Partial<Record<BackendName, () => Promise<unknown>>>;
  /** Why a backend cannot run here, or `null` when it may (checked before loading it). */
  unavailableReason(name: BackendName): string | null;
  /** A deeper, asynchronous check run just before loading (e.g. asking WebGPU for an adapter). */
  probe?(name: BackendName): Promise<string | null>;
  /** Why wasm may run fewer threads than asked, or `null` when nothing caps it beyond the request. */
  threadCap(): { max: number; why: string };
}
