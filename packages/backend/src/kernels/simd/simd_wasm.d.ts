// '#simd-wasm' is the compiled simd_kernels.as, embedded by scripts/build.mjs (esbuild's binary loader).
declare module '#simd-wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
