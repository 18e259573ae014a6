/** Epoch logs to a CSV file (Node only), as Keras' CSVLogger. */
import fs from 'node:fs';
import path from 'node:path';
import type { Logs } from '../logs.js';
import { fail, show } from '../internal/errors.js';
import type { Callback } from './callback.js';

/**
 * Options for {@link CsvLogger}.
 *
 * @example
 * ```ts
 * new CsvLogger('runs/log.csv', { append: true });
 * ```
 */
export interface CsvLoggerOptions {
  /** Keep an existing file and add rows (resumed runs). Default false (truncate at train begin). */
  append?: boolean;
  /** Default ','. */
  separator?: string;
}

/**
 * Writes one row per epoch: `epoch` then the log keys in the order first seen (the header is
 * written with the first row; later new keys are rejected rather than silently misaligned).
 *
 * @example
 * ```ts
 * import { CsvLogger } from '@tessera/trainer/node';
 * await fit(model, data, { ..., callbacks: [new CsvLogger('log.csv')] });
 * ```
 */
export class CsvLogger implements Callback {
  readonly file: string;
  private readonly append: boolean;
  private readonly sep: string;
  private keys: string[] | null = null;

  constructor(file: string, options: CsvLoggerOptions = {}) {
    if (typeof file !== 'string' || file === '') fail('CsvLogger', 'file', 'be a file path', show(file));
    this.file = file;
    this.append = options.append ?? false;
    this.sep = options.separator ?? ',';
  }

  onTrainBegin(): void {
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    this.keys = null;
    if (this.append && fs.existsSync(this.file) && fs.statSync(this.file).size > 0) {
      const first = fs.readFileSync(this.file, 'utf8').split('\n', 1)[0] ?? '';
      this.keys = first.split(this.sep).slice(1);
    } else {
      fs.writeFileSync(this.file, '');
    }
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    const l = logs ?? {};
    if (!this.keys) {
      this.keys = Object.keys(l);
      fs.appendFileSync(this.file, ['epoch', ...this.keys].join(this.sep) + '\n');
    }
    const extra = Object.keys(l).filter((k) => !(this.keys as string[]).includes(k));
    if (extra.length) fail('CsvLogger.onEpochEnd', 'logs', `have the columns of the header (${this.keys.join(', ')})`, `new keys ${extra.join(', ')}`);
    const row = [String(epoch), ...this.keys.map((k) => (k in l ? String(l[k]) : ''))];
    fs.appendFileSync(this.file, row.join(this.sep) + '\n');
  }
}
