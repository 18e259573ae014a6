import { describe } from '../internal/describe.js';
import type { Operator } from './operator.js';

/**
 * Replaces the value with `newValue`, or with `<ENTITY_TYPE>` when none is given.
 *
 * @example
 * await replace().apply('jo@example.org', { entityType: 'EMAIL_ADDRESS' }); // '<EMAIL_ADDRESS>'
 * await replace({ newValue: '[email]' }).apply('jo@example.org', { entityType: 'EMAIL_ADDRESS' }); // '[email]'
 */
export function replace(options: { newValue?: string } = {}): Operator {
  if (!options || typeof options !== 'object') throw new Error(`replace: options must be an object, got ${describe(options)}`);
  const { newValue } = options;
  if (newValue !== undefined && typeof newValue !== 'string') throw new Error(`replace: newValue must be a string, got ${describe(newValue)}`);
  return { name: 'replace', apply: (_value, { entityType }) => newValue ?? `<${entityType}>` };
}
