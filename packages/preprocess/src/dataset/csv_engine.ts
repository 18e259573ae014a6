// The CSV tokenizer for Node (csv-parse's stream build). package.json's "browser" field swaps
// in csv_engine_browser.ts, whose csv-parse build carries its own stream/Buffer shims.
export { parse } from 'csv-parse';

/** Node's build takes byte chunks as they are (no decoding pass). */
export const acceptsBytes = true;
