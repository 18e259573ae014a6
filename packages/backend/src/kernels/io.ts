/**
 * The small per-backend adapter that lets each of Tessera's kernels be written once, as plain
 * math over typed arrays: how to read an input's values, how to allocate an output, how to
 * free a scratch tensor, and how to call the backend's own BatchMatMul (XNNPACK on wasm).
 *
 * Only cpu and wasm have adapters: they are the backends whose data lives in the JS heap or
 * the wasm heap, where a JS kernel can read and write it directly.
 */
import * as tf from '../tf.js';

type TensorInfo = tf.TensorInfo;

/** The backends Tessera writes JS kernels for. */
export type KernelBackendName = 'cpu' | 'wasm';

/** What a kernel needs from its backend. */
export interface KernelIO {
  readonly backendName: KernelBackendName;
  /**
   * The float32 values of `t`. On wasm this is a view of the wasm heap: take views after
   * the kernel's last allocation (or take them again), because an allocation that grows
   * the heap detaches earlier views.
   */
  f32(t: TensorInfo): Float32Array;
  /** The int32 values of `t` (same caveat as {@link KernelIO.f32}). */
  i32(t: TensorInfo): Int32Array;
  /** The values of a float32 or int32 tensor, as its own dtype. */
  values(t: TensorInfo): Float32Array | Int32Array;
  /** A new tensor of `shape`, filled with zeros. */
  zeros(shape: number[], dtype?: 'float32' | 'int32'): TensorInfo;
  /** A new tensor of `shape` (float32 unless said) whose contents are unspecified (to be overwritten). */
  empty(shape: number[], dtype?: 'float32' | 'int32'): TensorInfo;
  /** Frees a tensor this kernel allocated and will not return. */
  dispose(t: TensorInfo): void;
  /**
   * `a @ b` through the BatchMatMul registered for the backend; on wasm, untransposed
   * batch-1 operands take XNNPACK's SIMD path.
   */
  matMul(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo;
  /** wasm only: the backend's WebAssembly memory, which Tessera's SIMD kernels share. */
  heap?(): WebAssembly.Memory;
  /** wasm only: the byte offset of `t`'s data in {@link KernelIO.heap}. */
  ptr?(t: TensorInfo): number;
  /** wasm only: `t` under one more reference (the same data, not a copy), as Reshape does. */
  share?(t: TensorInfo): TensorInfo;
}

/** The slice of tfjs-backend-cpu's MathBackendCPU that the adapter uses. */
interface CpuBackend {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array | Int32Array): TensorInfo;
  disposeIntermediateTensorInfo(t: TensorInfo): void;
}

/** The slice of tfjs-backend-wasm's BackendWasm that the adapter uses. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  incRef(dataId: object): void;
  wasm: { asm?: { memory?: WebAssembly.Memory } };
}

function size(shape: number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function callMatMul(backendName: KernelBackendName, backend: unknown, a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean): TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', backendName);
  if (kernel === undefined) throw new Error(`Tessera kernels: BatchMatMul is not registered for ${backendName}`);
  return kernel.kernelFunc({
    inputs: { a, b },
    backend: backend as object,
    attrs: { transposeA: tA, transposeB: tB },
  }) as TensorInfo;
}

function cpuIO(backend: CpuBackend): KernelIO {
  const values = (t: TensorInfo): unknown => backend.data.get(t.dataId).values;
  const zeros = (shape: number[], dtype: 'float32' | 'int32' = 'float32'): TensorInfo =>
    backend.makeTensorInfo(shape, dtype, dtype === 'int32' ? new Int32Array(size(shape)) : new Float32Array(size(shape)));
  return {
    backendName: 'cpu',
    f32: (t) => {
      const v = values(t);
      return v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
    },
    i32: (t) => {
      const v = values(t);
      return v instanceof Int32Array ? v : Int32Array.from(v as ArrayLike<number>);
    },
    values: (t) => {
      const v = values(t);
      if (v instanceof Float32Array || v instanceof Int32Array) return v;
      return t.dtype === 'int32' ? Int32Array.from(v as ArrayLike<number>) : Float32Array.from(v as ArrayLike<number>);
    },
    zeros,
    // New typed arrays are zero-filled: on cpu an unspecified tensor costs the same as zeros.
    empty: zeros,
    dispose: (t) => backend.disposeIntermediateTensorInfo(t),
    matMul: (a, b, tA, tB) => callMatMul('cpu', backend, a, b, tA, tB),
  };
}

function wasmIO(backend: WasmBackend): KernelIO {
  const view = (t: TensorInfo): Float32Array | Int32Array | Uint8Array => backend.typedArrayFromHeap(t);
  return {
    backendName: 'wasm',
    f32: (t) => {
      if (t.dtype !== 'float32') throw new Error(`Tessera kernels: expected a float32 tensor on wasm, got ${t.dtype}`);
      return view(t) as Float32Array;
    },
    i32: (t) => {
      if (t.dtype !== 'int32') throw new Error(`Tessera kernels: expected an int32 tensor on wasm, got ${t.dtype}`);
      return view(t) as Int32Array;
    },
    values: (t) => {
      if (t.dtype !== 'float32' && t.dtype !== 'int32') {
        throw new Error(`Tessera kernels: expected a float32 or int32 tensor on wasm, got ${t.dtype}`);
      }
      return view(t) as Float32Array | Int32Array;
    },
    zeros: (shape, dtype = 'float32') => {
      // The wasm allocator does not clear memory.
      const out = backend.makeOutput(shape, dtype);
      view(out).fill(0);
      return out;
    },
    empty: (shape, dtype = 'float32') => backend.makeOutput(shape, dtype),
    dispose: (t) => void backend.disposeData(t.dataId),
    matMul: (a, b, tA, tB) => callMatMul('wasm', backend, a, b, tA, tB),
    share: (t) => {
      backend.incRef(t.dataId);
      return { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
    },
    ...(backend.wasm.asm?.memory instanceof WebAssembly.Memory
      ? {
          heap: () => backend.wasm.asm!.memory!,
          ptr: (t: TensorInfo) => {
            const d = backend.dataIdMap.get(t.dataId);
            if (d === undefined) throw new Error('Tessera kernels: a tensor with no data on the wasm backend');
            return d.memoryOffset;
          },
        }
      : {}),
  };
}

/** The adapter for `backend`, the backend instance a kernelFunc receives. */
export function kernelIO(backendName: KernelBackendName, backend: unknown): KernelIO {
  return backendName === 'cpu' ? cpuIO(backend as CpuBackend) : wasmIO(backend as WasmBackend);
}

/**
 * A kernel written once for every backend that has an adapter: `run` receives the inputs,
 * the attributes and the adapter, and returns the output.
 */
export interface PortableKernel {
  kernelName: string;
  /** Backends this kernel is registered on, with why (a fill for a missing kernel, faster, or a fix). */
  backends: Partial<Record<KernelBackendName, string>>;
  /**
   * `stock` is the kernel this one replaced (undefined for a fill), for inputs it leaves to
   * the backend's own implementation.
   */
  run(
    inputs: tf.NamedTensorInfoMap,
    attrs: tf.NamedAttrMap,
    io: KernelIO,
    stock: StockKernel | undefined,
  ): TensorInfo | TensorInfo[];
  /** Registered only where this says yes (e.g. the SIMD module loaded); default always. */
  available?: () => boolean;
}

/** Calls the backend's own kernel with the same inputs and attributes. */
export type StockKernel = () => TensorInfo;
