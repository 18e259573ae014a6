/**
 * @tessera/trainer: Training loop, optimizers, schedules, callbacks, checkpoints and DP-SGD.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #6.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};
