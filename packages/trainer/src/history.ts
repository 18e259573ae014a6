/** The record of a training run, Keras-style, plus per-step logs. */
import type { Logs } from './logs.js';

/**
 * One optimizer step.
 *
 * @example
 * ```ts
 * history.steps[0]; // { epoch: 0, batch: 0, step: 1, size: 32, loss: 2.3, lr: 0.001 }
 * ```
 */
export interface StepLog {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  /** Global optimizer step, 1-based (steps taken so far). */
  step: number;
  /** Samples in the step. */
  size: number;
  loss: number;
  lr: number;
  /** Global gradient norm before clipping (with `logGradNorm`). */
  gradNorm?: number;
}

/**
 * What `fit` returns: per-epoch logs (`epochs[i]` for epoch i), per-step logs, and why it stopped.
 *
 * @example
 * ```ts
 * const h = await fit(model, data, opts);
 * h.history.loss;    // [0.9, 0.5, 0.3] (one per epoch)
 * h.epochs.at(-1);   // { loss, accuracy, val_loss, val_accuracy, lr }
 * h.stopReason;      // 'completed' | 'early stopping ...' | ...
 * ```
 */
export class History {
  /** `epochs[i]` holds the logs of epoch i. */
  readonly epochs: Logs[] = [];
  readonly steps: StepLog[] = [];
  /** Why training ended (`'completed'` when all epochs ran). */
  stopReason = 'completed';
  /** Loss/metric curves (with `fit`'s `curves` option). */
  curvesSvg?: string;

  /** Per-key arrays (Keras' `history.history`); epochs missing a key get NaN. */
  get history(): Record<string, number[]> {
    const keys = new Set<string>();
    for (const e of this.epochs) for (const k of Object.keys(e)) keys.add(k);
    const out: Record<string, number[]> = {};
    for (const k of keys) out[k] = this.epochs.map((e) => (k in e ? (e[k] as number) : NaN));
    return out;
  }

  /** A JSON-ready copy. */
  toJSON(): { epochs: Logs[]; steps: StepLog[]; stopReason: string } {
    return { epochs: this.epochs.map((e) => ({ ...e })), steps: this.steps.map((s) => ({ ...s })), stopReason: this.stopReason };
  }
}
