import type { RocCurve } from '../curves/roc_curve.js';
import { curvePoints, lineChartSpec, namedCurves, type CurvePlotOptions, type Curves } from './line_chart.js';
import { renderSvg, type VegaLiteSpec } from './render_svg.js';

/**
 * A Vega-Lite line chart of one or more ROC curves with the chance diagonal.
 *
 * @example
 * ```ts
 * const spec = rocCurveSpec({ model: rocCurve(yTrue, yScore), baseline: rocCurve(yTrue, yBase) });
 * ```
 */
export function rocCurveSpec(curves: Curves<RocCurve>, options: CurvePlotOptions = {}): VegaLiteSpec {
  const fn = 'rocCurveSpec';
  const list = namedCurves(fn, curves, 'fpr');
  const values = list.flatMap(([name, c]) => curvePoints(fn, name, c.fpr, c.tpr, 'fpr', 'tpr'));
  const diagonal = {
    data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
    mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  };
  return lineChartSpec(values, list.length > 1, options, { x: 'False positive rate', y: 'True positive rate', title: 'ROC curve' }, [diagonal]);
}

/**
 * Renders ROC curves to SVG.
 *
 * @example
 * ```ts
 * await fs.writeFile('roc.svg', await plotRocCurve(rocCurve(yTrue, yScore)));
 * ```
 */
export async function plotRocCurve(curves: Curves<RocCurve>, options: CurvePlotOptions = {}): Promise<string> {
  return renderSvg(rocCurveSpec(curves, options));
}
