/**
 * Log records: what callbacks receive and what `History` keeps.
 */

/**
 * Named numbers for one batch or one epoch: `loss`, metric names, `val_` prefixed validation
 * values, `lr`, and (when enabled) `grad_norm` and `epsilon`.
 *
 * @example
 * ```ts
 * const logs: Logs = { loss: 0.31, accuracy: 0.92, val_loss: 0.35, lr: 0.001 };
 * ```
 */
export type Logs = Record<string, number>;
