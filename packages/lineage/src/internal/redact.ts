import { isPlainObject } from './describe.js';

// Parameters are logged forever and exported; values under secret-looking keys (an HMAC key, an
// encryption key, a token) are replaced before they are written, so they never reach the log.
const SECRET_KEY = /secret|passw|token|api[-_]?key|private[-_]?key|hmac|encryption[-_]?key|^key$|salt|credential/i;

/** A copy of `value` with secret-looking keys' values replaced by '[redacted]'. @internal */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactSecrets(v);
    return out;
  }
  return value;
}
