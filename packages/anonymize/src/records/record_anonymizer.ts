import { Analyzer } from '../analyzer.js';
import { anonymize } from '../anonymizer.js';
import { describe } from '../internal/describe.js';
import type { Operator, OperatorMap } from '../operators/operator.js';
import { countInReport, emptyReport, mergeReports, type AnonymizationReport } from '../report.js';
import { getPath, hasPath, setPath } from './field_path.js';
import { iterate, type RecordSource } from './sources.js';

/**
 * What to do with one field.
 * - `{ operator, entityType? }`: the whole value is PII of `entityType` (default: the field path
 *   in upper case) and is transformed by `operator`; numbers and booleans are stringified first.
 * - `{ analyze: true, operators?, entities? }`: the value is free text; the analyzer finds the PII
 *   inside it and the operators replace it (default `replace`).
 *
 * @example
 * const rules: Record<string, FieldRule> = {
 *   email: { operator: pseudonymize({ key }), entityType: 'EMAIL_ADDRESS' },
 *   notes: { analyze: true, operators: { DEFAULT: redact() } },
 * };
 */
export type FieldRule =
  | { operator: Operator; entityType?: string }
  | { analyze: true; operators?: OperatorMap; entities?: readonly string[] };

/**
 * Options of {@link RecordAnonymizer}.
 *
 * @example
 * const opts: RecordAnonymizerOptions = { fields: { 'contact.phone': { operator: mask({ charsToMask: 4, fromEnd: true }) } } };
 */
export interface RecordAnonymizerOptions {
  /** Field rules by dot path ("name", "contact.email"). */
  fields: Readonly<Record<string, FieldRule>>;
  /** Analyzer for `analyze: true` fields; default a new default {@link Analyzer}. */
  analyzer?: Analyzer;
  /** A record without a configured field: `ignore` (default) or `error`. */
  missingField?: 'ignore' | 'error';
}

interface CompiledRule {
  name: string;
  path: string[];
  rule: FieldRule;
}

/**
 * Anonymizes chosen fields of JSON-like records one at a time, so a stream of any length runs in
 * constant memory; works over arrays, generators and async iterables such as `@tessera/preprocess`
 * Datasets, and with {@link parseCsv} / {@link parseJsonLines}. Records are copied, not mutated.
 * A running report counts what was changed (never the values).
 *
 * @example
 * const anonymizer = new RecordAnonymizer({
 *   fields: { email: { operator: pseudonymize({ key }), entityType: 'EMAIL_ADDRESS' }, notes: { analyze: true } },
 * });
 * for await (const row of anonymizer.stream(parseCsv(readFileSync('users.csv', 'utf8')))) console.log(row);
 * anonymizer.report(); // { total: ..., byEntityType: { EMAIL_ADDRESS: ..., PERSON: ... }, byOperator: {...} }
 */
export class RecordAnonymizer {
  private readonly rules: CompiledRule[];
  private readonly analyzer: Analyzer | undefined;
  private readonly missing: 'ignore' | 'error';
  private totals: AnonymizationReport = emptyReport();
  private records = 0;

  constructor(options: RecordAnonymizerOptions) {
    if (!options || typeof options !== 'object') throw new Error(`RecordAnonymizer: options must be an object with fields, got ${describe(options)}`);
    const { fields } = options;
    if (!fields || typeof fields !== 'object' || Object.keys(fields).length === 0) {
      throw new Error(`RecordAnonymizer: fields must be a non-empty object of field path to rule, got ${describe(fields)}`);
    }
    this.rules = Object.entries(fields).map(([name, rule]) => {
      if (!rule || typeof rule !== 'object') throw new Error(`RecordAnonymizer: fields['${name}'] must be a rule object, got ${describe(rule)}`);
      const isOperator = 'operator' in rule && rule.operator && typeof rule.operator.apply === 'function';
      const isAnalyze = 'analyze' in rule && rule.analyze === true;
      if (!isOperator && !isAnalyze) {
        throw new Error(`RecordAnonymizer: fields['${name}'] must be { operator } or { analyze: true }`);
      }
      const path = name.split('.');
      if (path.some((p) => p.length === 0)) throw new Error(`RecordAnonymizer: field path '${name}' has an empty segment`);
      return { name, path, rule };
    });
    const needsAnalyzer = this.rules.some((r) => 'analyze' in r.rule);
    this.analyzer = needsAnalyzer ? (options.analyzer ?? new Analyzer()) : options.analyzer;
    const missing = options.missingField ?? 'ignore';
    if (missing !== 'ignore' && missing !== 'error') throw new Error(`RecordAnonymizer: missingField must be 'ignore' or 'error', got ${describe(missing)}`);
    this.missing = missing;
  }

  /** Anonymizes one record (a copy is returned). */
  async anonymizeRecord<T>(record: T): Promise<T> {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new Error(`RecordAnonymizer: record ${this.records} must be an object, got ${describe(record)}`);
    }
    let out = record;
    const report = emptyReport();
    for (const { name, path, rule } of this.rules) {
      if (!hasPath(record, path)) {
        if (this.missing === 'error') throw new Error(`RecordAnonymizer: record ${this.records} has no field '${name}'`);
        continue;
      }
      const value = getPath(record, path);
      if (value === null || value === undefined) continue;
      if (typeof value === 'object') {
        throw new Error(`RecordAnonymizer: field '${name}' of record ${this.records} holds ${describe(value)}; rules apply to strings, numbers and booleans`);
      }
      const text = String(value);
      if ('operator' in rule) {
        const entityType = rule.entityType ?? name.toUpperCase().replace(/\./g, '_');
        const replaced = await rule.operator.apply(text, { entityType });
        if (typeof replaced !== 'string') throw new Error(`RecordAnonymizer: operator '${rule.operator.name}' returned ${describe(replaced)} instead of a string`);
        out = setPath(out, path, replaced);
        countInReport(report, entityType, rule.operator.name);
      } else {
        const analyzeOptions = rule.entities ? { entities: rule.entities } : {};
        const results = this.analyzer!.analyze(text, analyzeOptions);
        const result = await anonymize(text, results, rule.operators ? { operators: rule.operators } : {});
        out = setPath(out, path, result.text);
        this.totals = mergeReports(this.totals, result.report);
      }
    }
    this.totals = mergeReports(this.totals, report);
    this.records++;
    return out;
  }

  /** Anonymizes a stream lazily: one record is read, transformed and yielded at a time. */
  async *stream<T>(source: RecordSource<T>): AsyncGenerator<T> {
    for await (const record of iterate('RecordAnonymizer.stream', 'source', source)) {
      yield await this.anonymizeRecord(record);
    }
  }

  /** Counts over every record processed so far (no values). */
  report(): AnonymizationReport & { records: number } {
    return { ...mergeReports(this.totals), records: this.records };
  }
}

/**
 * Streams `source` through a new {@link RecordAnonymizer}.
 *
 * @example
 * for await (const r of anonymizeRecords([{ name: 'Sarah Jackson' }], { fields: { name: { operator: replace(), entityType: 'PERSON' } } })) {
 *   r; // { name: '<PERSON>' }
 * }
 */
export function anonymizeRecords<T>(source: RecordSource<T>, options: RecordAnonymizerOptions): AsyncGenerator<T> {
  return new RecordAnonymizer(options).stream(source);
}
