import type { AnalyzeOptions, Analyzer } from './analyzer.js';
import { analyze as analyzeDefault } from './analyzer.js';
import { resolveConflicts, type ConflictResolution } from './conflict_resolution.js';
import { describe } from './internal/describe.js';
import type { Operator, OperatorMap } from './operators/operator.js';
import { replace } from './operators/replace.js';
import { countInReport, emptyReport, type AnonymizationReport } from './report.js';
import type { RecognizerResult } from './types.js';

/**
 * One replaced span of the output text (Presidio's `OperatorResult`): its position in the
 * anonymized text, its type, the text that now stands there and the operator that made it.
 * `deanonymize` uses these to find what to decrypt.
 *
 * @example
 * const item: AnonymizedItem = { start: 4, end: 12, entityType: 'US_SSN', text: '<US_SSN>', operator: 'replace' };
 */
export interface AnonymizedItem {
  start: number;
  end: number;
  entityType: string;
  text: string;
  operator: string;
}

/**
 * Output of {@link anonymize}: the new text, its items and a PII-free report. Items carry the
 * replacement text only (with `keep` that is the original value, by the caller's choice).
 *
 * @example
 * const r: AnonymizeResult = { text: 'Hi <PERSON>', items: [], report: emptyReport() };
 */
export interface AnonymizeResult {
  text: string;
  items: AnonymizedItem[];
  report: AnonymizationReport;
}

/**
 * Options of {@link anonymize}.
 *
 * @example
 * const opts: AnonymizeOptions = { operators: { DEFAULT: redact() }, conflictResolution: 'remove_intersections' };
 */
export interface AnonymizeOptions {
  /** Operator per entity type plus `DEFAULT`; default `{ DEFAULT: replace() }`. */
  operators?: OperatorMap;
  /** Overlap handling before replacing; default `remove_intersections`, so every flagged character is replaced once. */
  conflictResolution?: ConflictResolution;
}

const DEFAULT_OPERATOR = replace();

function checkOperators(caller: string, operators: OperatorMap): void {
  if (!operators || typeof operators !== 'object') throw new Error(`${caller}: operators must be an object of entity type to operator, got ${describe(operators)}`);
  for (const [type, op] of Object.entries(operators)) {
    if (!op || typeof op !== 'object' || typeof op.apply !== 'function' || typeof op.name !== 'string') {
      throw new Error(`${caller}: operators.${type} must be an operator (replace(), mask(), ...), got ${describe(op)}`);
    }
  }
}

/**
 * Replaces the detected spans of `text` with their operators' output (Presidio's
 * `AnonymizerEngine.anonymize`). Overlaps are resolved first; results are validated against the
 * text's length.
 *
 * @example
 * const text = 'Call Sarah Jackson at (333) 956-4056';
 * const out = await anonymize(text, analyze(text), { operators: { PHONE_NUMBER: mask({ charsToMask: 8, fromEnd: true }) } });
 * out.text; // 'Call <PERSON> at (333) ********'
 * out.report; // { total: 2, byEntityType: { PERSON: 1, PHONE_NUMBER: 1 }, byOperator: { replace: 1, mask: 1 } }
 */
export async function anonymize(
  text: string,
  results: readonly RecognizerResult[],
  options: AnonymizeOptions = {},
): Promise<AnonymizeResult> {
  if (typeof text !== 'string') throw new Error(`anonymize: text must be a string, got ${describe(text)}`);
  if (!Array.isArray(results)) throw new Error(`anonymize: results must be an array of recognizer results, got ${describe(results)}`);
  if (!options || typeof options !== 'object') throw new Error(`anonymize: options must be an object, got ${describe(options)}`);
  const operators = options.operators ?? {};
  checkOperators('anonymize', operators);
  results.forEach((r, i) => {
    if (r && typeof r === 'object' && Number.isInteger(r.end) && r.end > text.length) {
      throw new Error(`anonymize: results[${i}] ends at ${r.end}, beyond the text length ${text.length}`);
    }
  });
  const resolved = resolveConflicts(results, options.conflictResolution ?? 'remove_intersections');
  const report = emptyReport();
  const items: AnonymizedItem[] = [];
  let out = '';
  let cursor = 0;
  for (const r of resolved) {
    const op: Operator = operators[r.entityType] ?? operators['DEFAULT'] ?? DEFAULT_OPERATOR;
    const replacement = await op.apply(text.slice(r.start, r.end), { entityType: r.entityType });
    if (typeof replacement !== 'string') throw new Error(`anonymize: operator '${op.name}' returned ${describe(replacement)} instead of a string`);
    out += text.slice(cursor, r.start);
    items.push({ start: out.length, end: out.length + replacement.length, entityType: r.entityType, text: replacement, operator: op.name });
    out += replacement;
    cursor = r.end;
    countInReport(report, r.entityType, op.name);
  }
  out += text.slice(cursor);
  return { text: out, items, report };
}

/**
 * Options of {@link anonymizeText}: the analyzer's per-call options plus the anonymizer's.
 *
 * @example
 * const opts: AnonymizeTextOptions = { entities: ['EMAIL_ADDRESS'], operators: { DEFAULT: redact() } };
 */
export interface AnonymizeTextOptions extends AnonymizeOptions, Omit<AnalyzeOptions, 'conflictResolution'> {
  /** Analyzer to use; default the shared default analyzer. */
  analyzer?: Analyzer;
}

/**
 * Analyzes and anonymizes in one call.
 *
 * @example
 * (await anonymizeText('Mail jo@example.org')).text; // 'Mail <EMAIL_ADDRESS>'
 */
export async function anonymizeText(text: string, options: AnonymizeTextOptions = {}): Promise<AnonymizeResult> {
  if (!options || typeof options !== 'object') throw new Error(`anonymizeText: options must be an object, got ${describe(options)}`);
  const { analyzer, operators, conflictResolution, ...analyzeOptions } = options;
  const results = analyzer ? analyzer.analyze(text, analyzeOptions) : analyzeDefault(text, analyzeOptions);
  const anonymizeOptions: AnonymizeOptions = {};
  if (operators) anonymizeOptions.operators = operators;
  if (conflictResolution) anonymizeOptions.conflictResolution = conflictResolution;
  return anonymize(text, results, anonymizeOptions);
}
