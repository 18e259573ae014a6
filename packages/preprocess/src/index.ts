/**
 * @tessera/preprocess: Streaming Dataset pipeline, cleaning, scaling, encoding, splits, image augmentation and tokenizers.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #5.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};
