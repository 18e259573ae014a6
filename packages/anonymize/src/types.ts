/**
 * One detected entity: its type, its character span `[start, end)` in UTF-16 code units
 * (as `String.prototype.slice` counts), a confidence score in [0, 1] and the recognizer that found it.
 *
 * @example
 * const r: RecognizerResult = { entityType: 'EMAIL_ADDRESS', start: 8, end: 25, score: 1, recognizer: 'EmailRecognizer' };
 */
export interface RecognizerResult {
  entityType: string;
  start: number;
  end: number;
  score: number;
  recognizer: string;
}
