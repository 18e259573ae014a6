import type { Operator } from './operator.js';

/**
 * Removes the value entirely (Presidio's `redact`).
 *
 * @example
 * await redact().apply('609-64-9502', { entityType: 'US_SSN' }); // ''
 */
export function redact(): Operator {
  return { name: 'redact', apply: () => '' };
}
