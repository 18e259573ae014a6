/**
 * @tessera/compress: Quantization, pruning and distillation with size and accuracy reports.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #10.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};
