#!/usr/bin/env node
// Runs the default analyzer over a labelled JSONL corpus and prints span-level scores.
// Usage: pnpm --filter @tessera/anonymize run eval -- <corpus.jsonl> [--show-errors]
// The script runs against dist/ ("pnpm run eval" builds it first). The LAST line printed is the
// JSON {"overall":{precision,recall,f1,f2},"perType":{...}} at exact-span level. Only counts are
// printed unless --show-errors is given (that prints the mismatched spans, i.e. PII: dev only).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
const args = process.argv.slice(2).filter((a) => a !== '--');
const showErrors = args.includes('--show-errors');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: pnpm --filter @tessera/anonymize run eval -- <corpus.jsonl> [--show-errors]');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!existsSync(path)) {
  console.error(`eval: corpus file not found: ${path}`);
  process.exit(2);
}
if (!existsSync(dist)) {
  console.error('eval: dist/index.js is missing; run "pnpm build" in packages/anonymize first');
  process.exit(2);
}
const { Analyzer, evaluate, parseLabelledCorpus } = await import(dist);

const corpus = parseLabelledCorpus(readFileSync(path, 'utf8'));
const analyzer = new Analyzer();
const started = performance.now();
const report = evaluate(analyzer, corpus);
const seconds = (performance.now() - started) / 1000;
const chars = corpus.reduce((a, ex) => a + ex.text.length, 0);

const pick = (s) => ({ precision: s.precision, recall: s.recall, f1: s.f1, f2: s.f2 });
const row = (name, s) =>
  `${name.padEnd(14)} ${s.precision.toFixed(4)}  ${s.recall.toFixed(4)}  ${s.f1.toFixed(4)}  ${s.f2.toFixed(4)}  ${String(s.truePositives).padStart(5)} ${String(s.falsePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)}`;
console.log(`corpus: ${corpus.length} examples, ${chars} characters, analyzed in ${seconds.toFixed(2)} s`);
for (const level of ['overlap', 'exact']) {
  console.log(`\n${level}-span    precision recall  f1      f2         tp    fp    fn`);
  for (const [type, s] of Object.entries(report[level].perType)) console.log(row(type, s));
  console.log(row('OVERALL', report[level].overall));
}
if (showErrors) {
  console.log('\nmismatches (exact level):');
  for (const ex of corpus) {
    const pred = analyzer.analyze(ex.text);
    const key = (s, t, e) => `${s}:${e}:${t}`;
    const gold = new Set(ex.spans.map((s) => key(s.start, s.type, s.end)));
    const got = new Set(pred.map((p) => key(p.start, p.entityType, p.end)));
    for (const p of pred) if (!gold.has(key(p.start, p.entityType, p.end))) console.log(`  FP ${p.entityType} ${JSON.stringify(ex.text.slice(p.start, p.end))} in ${JSON.stringify(ex.text)}`);
    for (const s of ex.spans) if (!got.has(key(s.start, s.type, s.end))) console.log(`  FN ${s.type} ${JSON.stringify(ex.text.slice(s.start, s.end))} in ${JSON.stringify(ex.text)}`);
  }
}
const perType = Object.fromEntries(Object.entries(report.exact.perType).map(([t, s]) => [t, pick(s)]));
console.log(JSON.stringify({ overall: pick(report.exact.overall), perType }));
