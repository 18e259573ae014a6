/** Epoch (and optionally batch) logs as JSON lines (Node only). */
import fs from 'node:fs';
import path from 'node:path';
import type { Logs } from '../logs.js';
import { fail, show } from '../internal/errors.js';
import type { Callback } from './callback.js';

/**
 * Options for {@link JsonlLogger}.
 *
 * @example
 * ```ts
 * new JsonlLogger('runs/log.jsonl', { batches: true });
 * ```
 */
export interface JsonlLoggerOptions {
  /** Keep an existing file (resumed runs). Default false. */
  append?: boolean;
  /** Also write one line per batch. Default false. */
  batches?: boolean;
}

/**
 * Writes `{"type":"epoch","epoch":0,"loss":...}` lines (and `"type":"batch"` lines with
 * `batches`). Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
 *
 * @example
 * ```ts
 * import { JsonlLogger } from '@tessera/trainer/node';
 * await fit(model, data, { ..., callbacks: [new JsonlLogger('log.jsonl')] });
 * ```
 */
export class JsonlLogger implements Callback {
  readonly file: string;
  private readonly append: boolean;
  private readonly batches: boolean;
  private epoch = 0;

  constructor(file: string, options: JsonlLoggerOptions = {}) {
    if (typeof file !== 'string' || file === '') fail('JsonlLogger', 'file', 'be a file path', show(file));
    this.file = file;
    this.append = options.append ?? false;
    this.batches = options.batches ?? false;
  }

  onTrainBegin(): void {
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    if (!this.append) fs.writeFileSync(this.file, '');
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(batch: number, logs?: Logs): void {
    if (this.batches) this.line({ type: 'batch', epoch: this.epoch, ...logs, batch });
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    this.line({ type: 'epoch', epoch, ...logs });
  }

  private line(record: Record<string, unknown>): void {
    const text = JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    fs.appendFileSync(this.file, text + '\n');
  }
}
