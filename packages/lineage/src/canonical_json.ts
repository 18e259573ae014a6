import { describe, isPlainObject } from './internal/describe.js';

// RFC 8785 (JSON Canonicalization Scheme) for the JSON data model: object keys sorted by UTF-16
// code units, no whitespace, numbers as ECMAScript prints them (which is what JCS specifies),
// strings escaped as JSON.stringify does. Written here (about 60 lines) rather than taken from a
// package so that it can refuse what JSON cannot carry (NaN, undefined in arrays, class instances,
// lone surrogates) with an error that names where in the value the problem is.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Serializes a JSON value canonically (RFC 8785 / JCS), so that equal values always give the
 * same bytes and therefore the same hash. Object properties whose value is `undefined` are left
 * out, as `JSON.stringify` does; everything JSON cannot represent throws.
 *
 * @param value plain objects, arrays, strings, finite numbers, booleans and null
 * @param name what to call the value in error messages
 * @throws Error naming the path of the first value JSON cannot carry (`value.params.lr is NaN`)
 * @example
 * ```ts
 * canonicalJson({ b: [1, 2.50, 'x'], a: null }); // '{"a":null,"b":[1,2.5,"x"]}'
 * ```
 */
export function canonicalJson(value: unknown, name = 'value'): string {
  return write(value, name, new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new Error(`canonicalJson: ${path} is ${describe(value)}; JSON has no NaN or Infinity`);
      }
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) {
        throw new Error(`canonicalJson: ${path} is a string with a lone UTF-16 surrogate, which JSON text cannot carry`);
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new Error(`canonicalJson: ${path} is ${describe(value)}; expected a JSON value`);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new Error(`canonicalJson: ${path} refers back to an enclosing value (a cycle)`);
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((item: unknown, i) => {
      if (item === undefined) throw new Error(`canonicalJson: ${path}[${i}] is undefined; JSON arrays cannot hold it`);
      return write(item, `${path}[${i}]`, seen);
    }).join(',')}]`;
  } else if (isPlainObject(obj)) {
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    out = `{${keys.map((k) => `${write(k, `${path} key`, seen)}:${write(obj[k], `${path}.${k}`, seen)}`).join(',')}}`;
  } else {
    throw new Error(`canonicalJson: ${path} is ${describe(obj)}; expected a plain object, array or primitive`);
  }
  seen.delete(obj);
  return out;
}
