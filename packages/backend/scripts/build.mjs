// Builds @tessera/backend: one bundle per platform holding exactly one copy of tfjs-core
// (with gradients and chained ops registered) and the cpu/wasm/webgl/webgpu backends that
// share it. Bundling is what lets Node load tfjs-core's ESM registration modules, whose
// extensionless imports plain Node cannot resolve.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');
rmSync(join(dist, 'node'), { recursive: true, force: true });
rmSync(join(dist, 'browser'), { recursive: true, force: true });

// The .wasm binaries travel inside the package so that no user ever calls setWasmPaths.
const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
mkdirSync(join(dist, 'wasm'), { recursive: true });
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  cpSync(join(wasmOut, f), join(dist, 'wasm', f));
}

// Tessera's WebAssembly SIMD kernels: AssemblyScript (npm's compiler, no system toolchain),
// compiled here and embedded in the bundle as bytes ('#simd-wasm').
const simdWasm = join(dist, 'simd', 'simd_kernels.wasm');
{
  const { default: asc } = await import('assemblyscript/asc');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const source = readFileSync(join(root, 'src/kernels/simd/simd_kernels.as'), 'utf8');
  let bytes = null;
  // asc wants a .ts entry; the source keeps .as so that tsc and the linters leave it alone.
  const { error, stderr } = await asc.main(
    ['simd_kernels.ts', '--outFile', 'simd_kernels.wasm', '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--importMemory', '--initialMemory', '1'],
    {
      readFile: (name) => (name === 'simd_kernels.ts' ? source : null),
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm')) bytes = contents;
      },
      listFiles: () => [],
    },
  );
  if (error || bytes === null) throw new Error(`simd_kernels.as: ${error?.message ?? 'no output'}\n${stderr.toString()}`);
  // It may run over tfjs-backend-wasm's memory: a data segment would overwrite that heap.
  for (let i = 8; i < bytes.length; ) {
    const id = bytes[i];
    let len = 0;
    let shift = 0;
    let j = i + 1;
    for (;;) {
      const b = bytes[j++];
      len |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (id === 11) throw new Error('simd_kernels.as: the module has a data segment (a lookup table or a string?); it must have none');
    i = j + len;
  }
  mkdirSync(dirname(simdWasm), { recursive: true });
  writeFileSync(simdWasm, bytes);
}

// Node built-ins that tfjs touches only behind IS_NODE checks.
const nodeOnly = ['fs', 'path', 'os', 'util', 'crypto', 'worker_threads', 'perf_hooks', 'node-fetch'];

// tfjs-backend-wasm starts its worker threads from `factory.toString()`, so the threaded
// factory must not close over anything. Stock emscripten output keeps `_scriptDir` in an
// enclosing IIFE, which any minifier renames, and the workers then die with
// "ReferenceError: e is not defined". Moving the variable inside the factory fixes that.
const selfContainedThreadedFactory = {
  name: 'self-contained-threaded-factory',
  setup(b) {
    b.onLoad({ filter: /tfjs-backend-wasm-threaded-simd\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      const decl = "var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;";
      const fallback = "if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;";
      const head = 'function(WasmBackendModuleThreadedSimd) {';
      if (!src.includes(decl) || !src.includes(fallback) || !src.includes(head)) {
        throw new Error(`${args.path}: emscripten preamble changed; update selfContainedThreadedFactory`);
      }
      const patched = src.replace(decl, '').replace(fallback, '').replace(head, `${head}\n  ${decl}`);
      return { contents: patched, loader: 'js' };
    });
  },
};

const common = {
  plugins: [selfContainedThreadedFactory],
  entryPoints: { index: join(root, 'src/index.ts') },
  bundle: true,
  format: 'esm',
  splitting: true,
  target: 'es2022',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // tfjs-core's ESM files import each other without extensions; esbuild resolves them.
  mainFields: ['module', 'main'],
  loader: { '.wasm': 'binary' },
};

await build({
  ...common,
  platform: 'node',
  outdir: join(dist, 'node'),
  external: ['node-fetch'],
  alias: { '#platform': join(root, 'src/platform/node.ts'), '#simd-wasm': simdWasm },
  // The emscripten glue of tfjs-backend-wasm uses require('fs') and __dirname.
  banner: {
    js: [
      "import { createRequire as __tesseraCreateRequire } from 'node:module';",
      "import { fileURLToPath as __tesseraFileURLToPath } from 'node:url';",
      'const require = __tesseraCreateRequire(import.meta.url);',
      'const __filename = __tesseraFileURLToPath(import.meta.url);',
      "const __dirname = __tesseraFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
});

await build({
  ...common,
  platform: 'browser',
  outdir: join(dist, 'browser'),
  external: nodeOnly,
  alias: { '#platform': join(root, 'src/platform/browser.ts'), '#simd-wasm': simdWasm },
});
