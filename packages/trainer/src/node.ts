/**
 * @tessera/trainer/node: the parts that need Node (files and the terminal). The main entry
 * stays browser-safe; import these only in Node.
 *
 * @example
 * ```ts
 * import { fileCheckpointStore, CsvLogger, JsonlLogger, ProgressBar } from '@tessera/trainer/node';
 * ```
 */
export { fileCheckpointStore } from './checkpoint/file_store.js';
export type { FileCheckpointStoreOptions } from './checkpoint/file_store.js';
export { CsvLogger } from './callbacks/csv_logger.js';
export type { CsvLoggerOptions } from './callbacks/csv_logger.js';
export { JsonlLogger } from './callbacks/jsonl_logger.js';
export type { JsonlLoggerOptions } from './callbacks/jsonl_logger.js';
export { ProgressBar } from './callbacks/progress_bar.js';
export type { ProgressBarOptions } from './callbacks/progress_bar.js';
