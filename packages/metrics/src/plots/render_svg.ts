/**
 * Headless rendering of Vega-Lite specs to SVG. `vega` and `vega-lite` are imported
 * dynamically here and nowhere else, so programs that never plot never load them.
 */

/**
 * A Vega-Lite specification (plain JSON). Build one with the `*Spec` functions, adjust it, and
 * render it with {@link renderSvg}.
 *
 * @example
 * ```ts
 * const spec: VegaLiteSpec = { mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } };
 * ```
 */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Renders a Vega-Lite spec to an SVG string (vega-lite compiles it to Vega, and a Vega view
 * with no DOM renders the SVG; text widths are estimated since Node has no canvas).
 *
 * @example
 * ```ts
 * const svg = await renderSvg(rocCurveSpec(rocCurve(yTrue, yScore)));
 * await fs.writeFile('roc.svg', svg);
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
