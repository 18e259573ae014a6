// The CSV tokenizer for browsers: csv-parse's self-contained ESM build (see csv_engine.ts).
export { parse } from 'csv-parse/browser/esm';

/** Its Buffer shim rejects plain Uint8Arrays, so bytes are decoded to text first. */
export const acceptsBytes = false;
