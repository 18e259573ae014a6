import { fail, show } from '../internal/errors.js';
import { renderSvg, type VegaLiteSpec } from './render_svg.js';

/**
 * Options for {@link confusionMatrixSpec} and {@link plotConfusionMatrix}.
 *
 * @example
 * ```ts
 * await plotConfusionMatrix(cm, { labels: ['cat', 'dog'], title: 'Validation', size: 300 });
 * ```
 */
export interface ConfusionMatrixPlotOptions {
  /** Class names for the axes. Default `0 .. k-1`. */
  labels?: readonly string[];
  title?: string;
  /** Plot size in pixels. Default 60 per class, at least 240. */
  size?: number;
  /** Decimal places of the cell text (useful for normalised matrices). Default: integers as-is, others 2. */
  digits?: number;
}

function checkMatrix(fn: string, matrix: readonly (readonly number[])[]): number {
  if (!Array.isArray(matrix) || matrix.length === 0) fail(fn, 'matrix', 'be a non-empty square array of rows', show(matrix));
  const k = matrix.length;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) fail(fn, `matrix[${i}]`, `have ${k} entries (a square matrix)`, show(row));
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `matrix[${i}][${j}]`, 'be a finite number', show(v));
    });
  });
  return k;
}

/**
 * A Vega-Lite heatmap of a confusion matrix (true class down, predicted class across), each
 * cell labelled with its value.
 *
 * @example
 * ```ts
 * const spec = confusionMatrixSpec(confusionMatrix(yTrue, yPred), { labels: ['cat', 'dog'] });
 * ```
 */
export function confusionMatrixSpec(matrix: readonly (readonly number[])[], options: ConfusionMatrixPlotOptions = {}): VegaLiteSpec {
  const fn = 'confusionMatrixSpec';
  const k = checkMatrix(fn, matrix);
  const names = options.labels ?? Array.from({ length: k }, (_, i) => String(i));
  if (names.length !== k) fail(fn, 'options.labels', `have one name per class (${k})`, `${names.length}`);
  const allIntegers = matrix.every((row) => row.every((v) => Number.isInteger(v)));
  const digits = options.digits ?? (allIntegers ? 0 : 2);
  const values = matrix.flatMap((row, i) =>
    row.map((v, j) => ({ true: names[i], predicted: names[j], value: v, text: v.toFixed(digits) })),
  );
  const max = Math.max(...values.map((v) => v.value));
  const size = options.size ?? Math.max(240, 60 * k);
  const order = [...names];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? 'Confusion matrix',
    width: size,
    height: size,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: order, title: 'Predicted label', axis: { labelAngle: 0 } },
      y: { field: 'true', type: 'nominal', sort: order, title: 'True label' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: { color: { field: 'value', type: 'quantitative', title: null, scale: { scheme: 'blues' } } },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          // Dark text on light cells, light text on dark cells.
          color: { condition: { test: `datum.value > ${max / 2}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}

/**
 * Renders a confusion matrix to SVG.
 *
 * @example
 * ```ts
 * const svg = await plotConfusionMatrix(confusionMatrix(yTrue, yPred, { normalize: 'true' }));
 * await fs.writeFile('confusion.svg', svg);
 * ```
 */
export async function plotConfusionMatrix(matrix: readonly (readonly number[])[], options: ConfusionMatrixPlotOptions = {}): Promise<string> {
  return renderSvg(confusionMatrixSpec(matrix, options));
}
