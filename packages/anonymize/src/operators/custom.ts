import { describe } from '../internal/describe.js';
import type { Operator, OperatorContext } from './operator.js';

/**
 * Wraps a user function as an operator (Presidio's `custom`). The function must return a string.
 *
 * @example
 * const initials = custom((v) => v.split(' ').map((w) => w[0] + '.').join(' '), 'initials');
 * await initials.apply('Sarah Jackson', { entityType: 'PERSON' }); // 'S. J.'
 */
export function custom(fn: (value: string, context: OperatorContext) => string | Promise<string>, name = 'custom'): Operator {
  if (typeof fn !== 'function') throw new Error(`custom: fn must be a function, got ${describe(fn)}`);
  if (typeof name !== 'string' || name.length === 0) throw new Error(`custom: name must be a non-empty string, got ${describe(name)}`);
  return {
    name,
    async apply(value, context) {
      const out = await fn(value, context);
      if (typeof out !== 'string') throw new Error(`custom operator '${name}': fn must return a string, got ${describe(out)}`);
      return out;
    },
  };
}
