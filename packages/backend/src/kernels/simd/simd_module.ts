/**
 * Tessera's WebAssembly SIMD kernels (simd_kernels.as, AssemblyScript compiled by the build and
 * embedded as bytes): batched matrix products with transposed operands, a whole-sequence LSTM
 * forward and backward, the im2col convolutions, MaxPoolGrad, leading- and trailing-axis sums
 * and the Adam step.
 *
 * Why: tfjs-backend-wasm 4.22 runs every batched or transposed product in a scalar C++ loop
 * (~1.3-2 GFLOP/s on attention shapes) and a recurrent layer as thousands of tiny kernels;
 * the register-tiled f32x4 products here run at ~15-20 GFLOP/s on one core, close to XNNPACK.
 *
 * The module imports its memory and carries no data segment, so it is instantiated twice:
 * - on the wasm backend, over tfjs-backend-wasm's own memory: kernels read and write tensors
 *   in place (pointers are the tensors' heap offsets; scratch is tfjs tensors), no copies;
 * - elsewhere (the cpu backend) over a memory of its own: operands are copied in, results out.
 * {@link simdCall} hides the difference from the kernels.
 */
import wasmBytes from '#simd-wasm';
import type * as tf from '../../tf.js';
import type { KernelIO } from '../io.js';

type TensorInfo = tf.TensorInfo;

/** The module's exports. Pointers are byte offsets into the memory the instance uses. */
export interface SimdExports {
  bmm(a: number, b: number, c: number, batch: number, batchA: number, batchB: number, m: number, k: number, n: number, tA: number, tB: number, scratch: number): void;
  lstmForward(xp: number, r: number, mask: number, batch: number, time: number, u: number, h: number, c: number, gates: number, z: number): void;
  lstmBackward(rT: number, mask: number, batch: number, time: number, u: number, c: number, gates: number, dh: number, dz: number, dhc: number, dcc: number): void;
  /** The conv kernels take the geometry as batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft, then scratch and chunk. */
  convFilterGrad(x: number, dy: number, dw: number, ...geometryScratchChunk: number[]): void;
  convInputGrad(dy: number, wT: number, dx: number, ...geometryScratchChunk: number[]): void;
  convForward(x: number, w: number, y: number, ...geometryScratchChunk: number[]): void;
  sumOuter(x: number, rows: number, cols: number, out: number, acc: number): void;
  sumInner(x: number, rows: number, cols: number, out: number): void;
  adam(w: number, g: number, m: number, v: number, w1: number, m1: number, v1: number, n: number, b1: number, c1: number, b2: number, c2: number, keep: number, l2: number, step: number, invSqrtBc2: number, eps: number): void;
  maxPoolGrad(x: number, dy: number, dx: number, batch: number, inH: number, inW: number, c: number, outH: number, outW: number, kH: number, kW: number, strideH: number, strideW: number, padTop: number, padLeft: number): void;
}

/** One kernel invocation's view of the module: where its operands live and where results go. */
export interface SimdCall {
  readonly k: SimdExports;
  /** Pointer to the float32 data of `t` (read only). */
  input(t: TensorInfo): number;
  /** Pointer where the kernel writes `t`'s data (`t` allocated by the caller). */
  output(t: TensorInfo): number;
  /** Pointer to `floats` float32 slots of scratch, contents unspecified. */
  scratch(floats: number): number;
  /** The floats at `ptr` (take it after the last allocation: growing the memory detaches views). */
  view(ptr: number, length: number): Float32Array;
  /** Copies outputs back (own memory) and frees scratch. Call once, in a `finally`. */
  done(): void;
}

let compiled: WebAssembly.Module | null | undefined;
let own: { k: SimdExports; memory: WebAssembly.Memory; top: number } | null = null;
const overTfjs = new WeakMap<WebAssembly.Memory, SimdExports>();

function module(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  if ((globalThis as { __tesseraNoSimd?: boolean }).__tesseraNoSimd === true) return (compiled = null);
  const bytes = wasmBytes as BufferSource;
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return (compiled = null);
  try {
    compiled = new WebAssembly.Module(bytes);
  } catch {
    // Main-thread size limits on synchronous compiles in some browsers: compile asynchronously
    // and use the kernels from then on.
    compiled = null;
    void WebAssembly.compile(bytes).then(
      (m) => (compiled = m),
      () => undefined,
    );
  }
  return compiled;
}

function instantiate(m: WebAssembly.Module, memory: WebAssembly.Memory): SimdExports {
  return new WebAssembly.Instance(m, { env: { memory } }).exports as unknown as SimdExports;
}

/** Whether the SIMD kernels can run here (WebAssembly SIMD, module compiled). */
export function simdAvailable(): boolean {
  return module() !== null;
}

const ALIGN = (n: number): number => (n + 15) & ~15;

/**
 * The SIMD kernels for a kernel running on `io`'s backend, or null where they are unavailable.
 * `globalThis.__tesseraNoSimd = true` (set before the first use) disables them, to measure
 * the plain paths.
 */
export function simdCall(io: KernelIO): SimdCall | null {
  const m = module();
  if (m === null) return null;
  if (io.heap !== undefined && io.ptr !== undefined) {
    // wasm: in place, over tfjs-backend-wasm's memory.
    const memory = io.heap();
    let k = overTfjs.get(memory);
    if (k === undefined) {
      k = instantiate(m, memory);
      overTfjs.set(memory, k);
    }
    const temps: TensorInfo[] = [];
    const ptr = io.ptr;
    return {
      k,
      input: ptr,
      output: ptr,
      scratch: (floats) => {
        const t = io.empty([Math.max(1, floats)]);
        temps.push(t);
        return ptr(t);
      },
      view: (p, n) => new Float32Array(memory.buffer, p, n),
      done: () => {
        for (const t of temps) io.dispose(t);
        temps.length = 0;
      },
    };
  }
  // Elsewhere: a memory of our own, a bump arena released by done().
  if (own === null) {
    const memory = new WebAssembly.Memory({ initial: 16 });
    own = { k: instantiate(m, memory), memory, top: 0 };
  }
  const o = own;
  const base = o.top;
  const outs: [TensorInfo, number][] = [];
  const view = (p: number, n: number): Float32Array => new Float32Array(o.memory.buffer, p, n);
  const alloc = (floats: number): number => {
    const at = ALIGN(o.top);
    o.top = at + floats * 4;
    const have = o.memory.buffer.byteLength;
    if (o.top > have) o.memory.grow(Math.ceil((o.top - have) / 65536));
    return at;
  };
  return {
    k: o.k,
    input: (t) => {
      const src = io.f32(t);
      const p = alloc(src.length);
      view(p, src.length).set(src);
      return p;
    },
    output: (t) => {
      const p = alloc(io.f32(t).length);
      outs.push([t, p]);
      return p;
    },
    scratch: alloc,
    view,
    done: () => {
      for (const [t, p] of outs) {
        const dst = io.f32(t);
        dst.set(view(p, dst.length));
      }
      o.top = base;
    },
  };
}
