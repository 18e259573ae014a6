import type { PrecisionRecallCurve } from '../curves/precision_recall_curve.js';
import { curvePoints, lineChartSpec, namedCurves, type CurvePlotOptions, type Curves } from './line_chart.js';
import { renderSvg, type VegaLiteSpec } from './render_svg.js';

/**
 * A Vega-Lite line chart of one or more precision-recall curves (recall across, precision up).
 *
 * @example
 * ```ts
 * const spec = precisionRecallCurveSpec(precisionRecallCurve(yTrue, yScore), { title: 'PR' });
 * ```
 */
export function precisionRecallCurveSpec(curves: Curves<PrecisionRecallCurve>, options: CurvePlotOptions = {}): VegaLiteSpec {
  const fn = 'precisionRecallCurveSpec';
  const list = namedCurves(fn, curves, 'precision');
  const values = list.flatMap(([name, c]) => curvePoints(fn, name, c.recall, c.precision, 'recall', 'precision'));
  return lineChartSpec(values, list.length > 1, options, { x: 'Recall', y: 'Precision', title: 'Precision-recall curve' }, []);
}

/**
 * Renders precision-recall curves to SVG.
 *
 * @example
 * ```ts
 * await fs.writeFile('pr.svg', await plotPrecisionRecallCurve(precisionRecallCurve(yTrue, yScore)));
 * ```
 */
export async function plotPrecisionRecallCurve(curves: Curves<PrecisionRecallCurve>, options: CurvePlotOptions = {}): Promise<string> {
  return renderSvg(precisionRecallCurveSpec(curves, options));
}
