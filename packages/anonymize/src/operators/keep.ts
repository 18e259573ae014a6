import type { Operator } from './operator.js';

/**
 * Leaves the value unchanged while still recording it in the result items and report
 * (Presidio's `keep`), e.g. to keep dates readable while other types are removed.
 *
 * @example
 * await keep().apply('23 June 1990', { entityType: 'DATE_TIME' }); // '23 June 1990'
 */
export function keep(): Operator {
  return { name: 'keep', apply: (value) => value };
}
