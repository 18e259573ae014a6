/**
 * Throws when `text` holds a lone UTF-16 surrogate: such a string is not Unicode text, and
 * UTF-8 encoding would silently replace it with U+FFFD, breaking the lossless round trip.
 */
export function assertWellFormed(text: string, where: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    throw new Error(`${where}: the text has a lone surrogate at index ${i} (not valid Unicode); fix the input or call toWellFormed() first`);
  }
}
