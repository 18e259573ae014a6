import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VARIED_CORPUS } from '../../test/fixtures/varied_corpus.js';
import { Analyzer } from '../analyzer.js';
import { parseLabelledCorpus } from './corpus.js';
import { evaluate } from './evaluate.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusPath = process.env['TESSERA_PII_CORPUS'] ?? resolve(packageDir, '../../../shared/fixtures/pii/dev.jsonl');
const analyzer = new Analyzer();

describe('labelled corpora (exact-span level)', () => {
  it('the shared dev corpus: recall >= 0.97 and precision >= 0.95', () => {
    if (!existsSync(corpusPath)) {
      throw new Error(`PII dev corpus not found at ${corpusPath}; it ships in ../shared/fixtures/pii beside the repository (or set TESSERA_PII_CORPUS)`);
    }
    const corpus = parseLabelledCorpus(readFileSync(corpusPath, 'utf8'));
    expect(corpus.length).toBeGreaterThan(0);
    const report = evaluate(analyzer, corpus);
    expect(report.exact.overall.recall).toBeGreaterThanOrEqual(0.97);
    expect(report.exact.overall.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('a hand-written corpus with other templates, names and formats (generalization check)', () => {
    const report = evaluate(analyzer, VARIED_CORPUS);
    expect(report.exact.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.exact.overall.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('flags no look-alikes: Luhn-invalid cards, order and reference numbers, versions, amounts', () => {
    const lookAlikes = [
      'Please charge card for $4680.81; do not use the old number 4351819093786570.',
      'The test card 4111 1111 1111 1112 is declined because its checksum is wrong.',
      'Reference 4000 1234 5678 9011 and 5500-0000-0000-0005 fail the checksum.',
      'Hi, your order #7624039 ships today; order 8028755 and invoice INV-2024-00017 too.',
      'Order no. 555-234-5678 was merged into shipment 7731-2209.',
      'No personal data in this line, just 287 widgets and build v7.11.24.',
      'Upgrade to version 4.2.1, release 2.10.2024, build 10.0.19045 or v8.9.24.',
      'Firmware 1.0.12 fixes issue 4521; version 10.2.0.1 of the agent runs on 40 hosts.',
      'The package weighs 2.5 kg, costs $19.99 plus 7.5% tax, ratio 3:1.',
      'Server 103 returned 142 errors; 12 files changed, 0 errors.',
    ];
    for (const text of lookAlikes) expect(analyzer.analyze(text).map((r) => [r.entityType, text.slice(r.start, r.end)])).toEqual([]);
  });
});
