// Web Crypto is global in Node >= 19 and in every current browser; failing early with a clear
// message beats a TypeError deep inside an operator.

/** The SubtleCrypto instance, or an error naming what is missing. */
export function subtle(caller: string): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error(`${caller}: globalThis.crypto.subtle (Web Crypto) is not available in this runtime`);
  return s;
}

/** Cryptographically secure random bytes. */
export function randomBytes(n: number, caller: string): Uint8Array<ArrayBuffer> {
  const c = globalThis.crypto;
  if (!c?.getRandomValues) throw new Error(`${caller}: globalThis.crypto.getRandomValues is not available in this runtime`);
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}
