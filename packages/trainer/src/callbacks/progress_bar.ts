/**
 * A terminal progress bar for `fit` (Node only), drawn by cli-progress: steps in the epoch,
 * steps/s, ETA, running loss and metrics; one summary line per epoch. Quiet when the stream is
 * not a TTY (CI logs, pipes), unless `force` is set.
 */
import cliProgress from 'cli-progress';
import type { Logs } from '../logs.js';
import { fail, show } from '../internal/errors.js';
import type { Callback, TrainerHandle } from './callback.js';

/**
 * Options for {@link ProgressBar}.
 *
 * @example
 * ```ts
 * new ProgressBar({ stream: process.stderr });
 * ```
 */
export interface ProgressBarOptions {
  /** Default `process.stdout`. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Draw even when the stream is not a TTY. Default false. */
  force?: boolean;
  /** Digits of logged values. Default 4. */
  digits?: number;
}

/**
 * Keras' ProgbarLogger for the terminal.
 *
 * @example
 * ```ts
 * import { ProgressBar } from '@tessera/trainer/node';
 * await fit(model, data, { ..., callbacks: [new ProgressBar()] });
 * ```
 */
export class ProgressBar implements Callback {
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly enabled: boolean;
  private readonly digits: number;
  private bar: cliProgress.SingleBar | null = null;
  private trainer: TrainerHandle | null = null;
  private epochStart = 0;
  private lossSum = 0;
  private count = 0;

  constructor(options: ProgressBarOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    if (typeof this.stream?.write !== 'function') fail('ProgressBar', 'options.stream', 'be a writable stream', show(this.stream));
    this.enabled = (options.force ?? false) || this.stream.isTTY === true;
    this.digits = options.digits ?? 4;
  }

  setTrainer(trainer: TrainerHandle): void {
    this.trainer = trainer;
  }

  onEpochBegin(epoch: number): void {
    if (!this.enabled) return;
    const total = this.trainer?.stepsPerEpoch ?? 0;
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `epoch ${epoch + 1}/${this.trainer?.epochs ?? '?'} |{bar}| {value}/{totalText} | {rate} steps/s | ETA {eta_formatted} | loss {loss}`,
        noTTYOutput: !(this.stream.isTTY === true),
        notTTYSchedule: 1000,
        hideCursor: false,
        gracefulExit: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.epochStart = Date.now();
    this.lossSum = 0;
    this.count = 0;
    this.bar.start(Math.max(total, 1), 0, { loss: '-', rate: '-', totalText: total > 0 ? String(total) : '?' });
  }

  onBatchEnd(batch: number, logs?: Logs): void {
    if (!this.bar) return;
    if (typeof logs?.loss === 'number') {
      this.lossSum += logs.loss;
      this.count++;
    }
    const done = batch + 1;
    const secs = (Date.now() - this.epochStart) / 1000;
    const known = this.trainer?.stepsPerEpoch ?? null;
    if (known === null && done >= this.bar.getTotal()) this.bar.setTotal(done + 1);
    this.bar.update(done, {
      loss: this.count ? (this.lossSum / this.count).toFixed(this.digits) : '-',
      rate: secs > 0 ? (done / secs).toFixed(1) : '-',
      totalText: known === null ? '?' : String(known),
    });
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    if (!this.bar) return;
    this.bar.stop();
    this.bar = null;
    const secs = ((Date.now() - this.epochStart) / 1000).toFixed(1);
    const parts = Object.entries(logs ?? {}).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(this.digits)}`);
    this.stream.write(`epoch ${epoch + 1}: ${parts.join(' | ')} (${secs}s)\n`);
  }

  onTrainEnd(): void {
    this.bar?.stop();
    this.bar = null;
  }

  fail(): void {
    this.onTrainEnd();
  }
}
