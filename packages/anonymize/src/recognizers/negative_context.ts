// Words right before a number that say it is not PII but a version or a business reference:
// "version 10.2.0.1" is not an IP address, "order 555-234-5678" is not a phone number.

/** Version-like prefixes: version, release, build, firmware, v ... */
export const VERSION_BEFORE = /(?:\b(?:version|ver|release|build|firmware|revision|rev|patch|update|sdk|api)\.?:?\s*)$/i;

/** Reference-number prefixes: order, invoice, ticket, tracking, sku, serial... with optional "no."/"#". */
export const REFERENCE_BEFORE =
  /(?:\b(?:order|invoice|inv|ticket|case|ref|reference|tracking|shipment|sku|serial|part|model|po|isbn|receipt|confirmation|booking|transaction|txn)\s*(?:no\.?|nr\.?|num\.?|number|id)?\s*[:#]?\s*)$/i;

/** Whether `pattern` matches the few characters before `start`. */
export function precededBy(text: string, start: number, pattern: RegExp): boolean {
  return pattern.test(text.slice(Math.max(0, start - 32), start));
}
