/**
 * What an operator knows about the value it transforms.
 *
 * @example
 * const ctx: OperatorContext = { entityType: 'EMAIL_ADDRESS' };
 */
export interface OperatorContext {
  entityType: string;
}

/**
 * Transforms one detected value (Presidio's anonymizer operators). `apply` may be async because
 * the Web Crypto operators are.
 *
 * @example
 * const upper: Operator = { name: 'upper', apply: (value) => value.toUpperCase() };
 */
export interface Operator {
  /** Name recorded in results and reports ("replace", "mask", ...). */
  readonly name: string;
  apply(value: string, context: OperatorContext): string | Promise<string>;
}

/**
 * Operators per entity type; `DEFAULT` applies to types without their own entry
 * (Presidio's default is `replace`).
 *
 * @example
 * const ops: OperatorMap = { DEFAULT: replace(), PHONE_NUMBER: mask({ charsToMask: 6, fromEnd: true }) };
 */
export type OperatorMap = Readonly<Record<string, Operator>>;
