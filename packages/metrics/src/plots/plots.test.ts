import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../test/helpers/xml.js';
import {
  confusionMatrix,
  confusionMatrixSpec,
  plotConfusionMatrix,
  plotPrecisionRecallCurve,
  plotRocCurve,
  precisionRecallCurve,
  rocCurve,
} from '../index.js';

const yTrue = [0, 0, 1, 1, 2, 2, 1, 0];
const yPred = [0, 1, 1, 1, 2, 0, 2, 0];
const yBin = [0, 0, 1, 1, 0, 1, 1, 0];
const yScore = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.55];

/** Parses the SVG and returns the classes of its mark groups. */
function markClasses(svg: string): { classes: string[]; elements: ReturnType<typeof parseXml>['elements'] } {
  const doc = parseXml(svg);
  expect(doc.root).toBe('svg');
  const root = doc.elements[0];
  expect(root?.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(Number(root?.attrs.width)).toBeGreaterThan(0);
  const classes = doc.elements.map((e) => e.attrs.class ?? '').filter((c) => c.includes('mark-'));
  return { classes, elements: doc.elements };
}

describe('plots render to valid SVG with vega-lite', () => {
  it('confusion matrix: one rect and one text per cell', async () => {
    const cm = confusionMatrix(yTrue, yPred);
    const svg = await plotConfusionMatrix(cm, { labels: ['ant', 'bird', 'cat'], title: 'Pets' });
    const { classes, elements } = markClasses(svg);
    expect(classes.some((c) => c.includes('mark-rect'))).toBe(true);
    expect(classes.some((c) => c.includes('mark-text'))).toBe(true);
    // Each cell is one rect symbol and one text symbol.
    const symbols = (kind: string): number => elements.filter((e) => e.attrs['aria-roledescription'] === kind).length;
    expect(symbols('rect mark')).toBe(9);
    expect(symbols('text mark')).toBe(9);
    expect(svg).toContain('Pets');
    expect(svg).toContain('>ant<');
    expect(svg).toContain('Predicted label');
    const cellTexts = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
    for (const v of cm.flat()) expect(cellTexts).toContain(String(v));
  });

  it('normalised matrices print fractions', () => {
    const spec = confusionMatrixSpec(confusionMatrix(yTrue, yPred, { normalize: 'true' }));
    const values = (spec.data as { values: { text: string }[] }).values;
    expect(values.map((v) => v.text)).toContain('0.67');
  });

  it('ROC and PR curves: line marks, one per curve, plus the chance diagonal for ROC', async () => {
    const roc = rocCurve(yBin, yScore);
    const svg = await plotRocCurve({ model: roc, shuffled: rocCurve(yBin, [...yScore].reverse()) });
    const { classes } = markClasses(svg);
    // the chance diagonal, then one line mark per coloured curve
    expect(classes.filter((c) => c.includes('mark-line role-mark')).length).toBe(3);
    expect(svg).toContain('False positive rate');
    expect(svg).toContain('model');
    expect((svg.match(/<path[^>]*stroke-dasharray/g) ?? []).length).toBeGreaterThanOrEqual(1);
    const single = markClasses(await plotRocCurve(roc)).classes;
    expect(single.filter((c) => c.includes('mark-line role-mark')).length).toBe(2);
    const pr = await plotPrecisionRecallCurve(precisionRecallCurve(yBin, yScore));
    expect(markClasses(pr).classes.filter((c) => c.includes('mark-line role-mark')).length).toBe(1);
    expect(pr).toContain('Recall');
  });

  it('spec builders reject bad input', () => {
    expect(() => confusionMatrixSpec([[1, 2]])).toThrow('confusionMatrixSpec: matrix[0] must have 1 entries (a square matrix); got [1, 2]');
    expect(() => confusionMatrixSpec([[1]], { labels: ['a', 'b'] })).toThrow('confusionMatrixSpec: options.labels must have one name per class (1); got 2');
  });

  it('vega and vega-lite are imported lazily, only by the renderer', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of files) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      expect(text, f).not.toMatch(/from\s+['"]vega(-lite)?['"]/);
      expect(text, f).not.toMatch(/require\(['"]vega/);
      if (text.includes("import('vega")) expect(f).toBe(path.join('plots', 'render_svg.ts'));
    }
  });
});
