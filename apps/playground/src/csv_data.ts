/**
 * A CSV the user drops: parsed in the page (@tessera/preprocess fromCsv over the File), every
 * field scanned for PII and replaced (@tessera/anonymize), then encoded for a classifier. Only
 * the anonymized rows are kept; the lineage log gets counts by entity type, never values.
 */
import { RecordAnonymizer, type AnonymizationReport } from '@tessera/anonymize';
import type { Lineage, NodeRef } from '@tessera/lineage';
import {
  ColumnTransformer,
  fromCsv,
  LabelEncoder,
  OneHotEncoder,
  Pipeline,
  SimpleImputer,
  StandardScaler,
  trainTestSplit,
  type ColumnSpec,
  type CsvRow,
} from '@tessera/preprocess';
import type { PreparedData } from './prepared_data.js';

/** Most distinct values a text column may have to be one-hot encoded (more: an identifier or free text). */
export const MAX_CATEGORIES = 12;
/** Most classes a label column may have. */
export const MAX_CLASSES = 20;

/** A parsed and anonymized CSV, before a label column is chosen. */
export interface CsvTable {
  fileName: string;
  columns: string[];
  /** Anonymized rows, every field as text. */
  rows: Record<string, string>[];
  /** What the anonymizer replaced, by entity type (counts only). */
  report: AnonymizationReport & { records: number };
  /** Columns whose every non-empty value is a number (after anonymization). */
  numeric: Set<string>;
  /** Distinct values per column. */
  distinct: Map<string, number>;
  /** Columns that can be a label (2..MAX_CLASSES distinct values). */
  labelCandidates: string[];
  anonymized: NodeRef;
}

/** How the columns were used for one label choice. */
export interface CsvEncoding {
  label: string;
  numeric: string[];
  categorical: string[];
  dropped: { column: string; why: string }[];
  featureNames: string[];
}

const isNumber = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));

/**
 * Parses `file` as CSV (header row; all fields as text), anonymizes every field with the
 * default analyzer and `replace` (`<EMAIL_ADDRESS>`), and records both steps in `lineage`.
 *
 * @example
 * ```ts
 * const table = await loadCsv(droppedFile, lineage);
 * table.report.byEntityType; // { EMAIL_ADDRESS: 40, PERSON: 38 }
 * ```
 */
export async function loadCsv(file: File, lineage: Lineage): Promise<CsvTable> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parsed = (await fromCsv(file).toArray()) as CsvRow[];
  if (parsed.length < 4) throw new Error(`loadCsv: ${file.name} has ${parsed.length} data rows; at least 4 are needed to train and test`);
  const columns = Object.keys(parsed[0]!);
  const asText = parsed.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] === null || r[c] === undefined ? '' : String(r[c])])));

  const raw = await lineage.dataset({ name: file.name, bytes, source: 'dropped into the playground page (never uploaded)' });
  const run = await lineage.start('anonymize csv', {
    inputs: [raw],
    params: { analyzer: 'default recognizers', operator: 'replace', fields: columns },
  });
  const anonymizer = new RecordAnonymizer({ fields: Object.fromEntries(columns.map((c) => [c, { analyze: true as const }])) });
  const rows: Record<string, string>[] = [];
  for await (const row of anonymizer.stream(asText)) rows.push(row);
  const report = anonymizer.report();
  const done = await run.complete({
    outputs: [{ kind: 'dataset', name: `${file.name} (anonymized)`, records: rows }],
    summary: { counts: report.byEntityType, records: report.records },
  });

  const numeric = new Set(columns.filter((c) => rows.some((r) => r[c] !== '') && rows.every((r) => r[c] === '' || isNumber(r[c]!))));
  const distinct = new Map(columns.map((c) => [c, new Set(rows.map((r) => r[c])).size]));
  const labelCandidates = columns.filter((c) => {
    const k = distinct.get(c)!;
    return k >= 2 && k <= MAX_CLASSES && rows.every((r) => r[c] !== '');
  });
  return { fileName: file.name, columns, rows, report, numeric, distinct, labelCandidates, anonymized: done.outputs[0]! };
}

/**
 * Which columns become features for `label`: numbers (median-imputed, standardized),
 * text with few values (one-hot), the rest dropped with the reason.
 *
 * @example
 * ```ts
 * planEncoding(table, 'species').dropped; // [{ column: 'email', why: 'identifier or free text, 40 distinct values' }]
 * ```
 */
export function planEncoding(table: CsvTable, label: string): Omit<CsvEncoding, 'featureNames'> {
  if (!table.columns.includes(label)) throw new Error(`planEncoding: label must be one of ${table.columns.join(', ')}; got "${label}"`);
  const numeric: string[] = [];
  const categorical: string[] = [];
  const dropped: { column: string; why: string }[] = [];
  for (const c of table.columns) {
    if (c === label) continue;
    const k = table.distinct.get(c)!;
    if (k <= 1) dropped.push({ column: c, why: 'one value after anonymization' });
    else if (table.numeric.has(c)) numeric.push(c);
    else if (k <= MAX_CATEGORIES) categorical.push(c);
    else dropped.push({ column: c, why: `identifier or free text, ${k} distinct values` });
  }
  if (numeric.length + categorical.length === 0) throw new Error(`planEncoding: with label "${label}" no column is left as a feature (${dropped.map((d) => d.column).join(', ')} dropped)`);
  return { label, numeric, categorical, dropped };
}

/**
 * Splits the anonymized rows (stratified 75/25 when every class has two rows), fits the
 * encoders on the training part only, and records the step.
 *
 * @example
 * ```ts
 * const { data, encoding } = await encodeCsv(table, 'species', 1, lineage);
 * ```
 */
export async function encodeCsv(table: CsvTable, label: string, seed: number, lineage: Lineage): Promise<{ data: PreparedData; encoding: CsvEncoding }> {
  const plan = planEncoding(table, label);
  const labels = new LabelEncoder().fit(table.rows.map((r) => r[label]!));
  const y = labels.transform(table.rows.map((r) => r[label]!));
  const records = table.rows.map((r) => {
    const out: Record<string, number | string> = {};
    for (const c of plan.numeric) out[c] = r[c] === '' ? NaN : Number(r[c]);
    for (const c of plan.categorical) out[c] = r[c]!;
    return out;
  });
  const counts = new Map<number, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  const stratify = [...counts.values()].every((n) => n >= 2);
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(records, y, { testSize: 0.25, rng: seed, stratify });

  const specs: ColumnSpec[] = [];
  if (plan.numeric.length) specs.push({ name: 'num', transformer: new Pipeline([new SimpleImputer({ strategy: 'median' }), new StandardScaler()]), columns: plan.numeric });
  if (plan.categorical.length) specs.push({ name: 'cat', transformer: new OneHotEncoder({ handleUnknown: 'ignore' }), columns: plan.categorical });
  const ct = new ColumnTransformer(specs);
  const train = ct.fitTransform(xTrain);
  const test = ct.transform(xTest);
  const featureNames = ct.featureNamesOut();
  const flat = (m: number[][]) => Float32Array.from(m.flat());

  const run = await lineage.start('encode and split csv', {
    inputs: [table.anonymized],
    params: { label, numeric: plan.numeric, categorical: plan.categorical, dropped: plan.dropped.map((d) => d.column), testSize: 0.25, stratify, seed, encoders: ct.toJSON() },
  });
  const done = await run.complete({
    outputs: [
      { kind: 'dataset', name: `${table.fileName} train`, json: { x: train, y: yTrain }, rowCount: train.length },
      { kind: 'dataset', name: `${table.fileName} test`, json: { x: test, y: yTest }, rowCount: test.length },
    ],
  });
  const name = table.fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'csv';
  return {
    data: {
      kind: 'csv',
      name,
      features: featureNames.length,
      image: null,
      trainX: flat(train),
      trainY: Int32Array.from(yTrain),
      testX: flat(test),
      testY: Int32Array.from(yTest),
      classNames: labels.classes.map(String),
      lineage: { train: done.outputs[0]!, test: done.outputs[1]! },
    },
    encoding: { ...plan, featureNames },
  };
}
