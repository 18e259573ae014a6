/** The shared Vega-Lite line chart behind the ROC and precision-recall plots. */
import { fail, show } from '../internal/errors.js';
import type { VegaLiteSpec } from './render_svg.js';

/**
 * Options for the curve plots.
 *
 * @example
 * ```ts
 * await plotRocCurve(curve, { title: 'ROC (validation)', size: 400 });
 * ```
 */
export interface CurvePlotOptions {
  title?: string;
  /** Plot size in pixels. Default 320. */
  size?: number;
}

/**
 * One curve, or several by legend name (e.g. one per class or per model).
 *
 * @example
 * ```ts
 * const curves: Curves<RocCurve> = { modelA: rocCurve(y, a), modelB: rocCurve(y, b) };
 * ```
 */
export type Curves<C> = C | Readonly<Record<string, C>>;

/** Normalises `curves` to `[name, curve]` pairs; a single curve is detected by `probe`. */
export function namedCurves<C extends object>(fn: string, curves: Curves<C>, probe: keyof C): [string, C][] {
  if (typeof curves !== 'object' || curves === null) fail(fn, 'curves', 'be a curve or a record of curves', show(curves));
  if (probe in curves) return [['', curves as C]];
  const entries = Object.entries(curves as Record<string, C>);
  if (entries.length === 0) fail(fn, 'curves', 'hold at least one curve', 'an empty record');
  return entries;
}

/** Data rows for one curve. */
export function curvePoints(fn: string, name: string, xs: readonly number[], ys: readonly number[], xArg: string, yArg: string): object[] {
  if (!Array.isArray(xs) || !Array.isArray(ys) || xs.length !== ys.length || xs.length === 0) {
    fail(fn, `${name || 'curve'}.${xArg}/${yArg}`, 'be non-empty arrays of equal length', `${show(xs)} / ${show(ys)}`);
  }
  // `order` keeps the line in curve order even where x repeats.
  return xs.map((x, i) => ({ curve: name, x, y: ys[i], order: i }));
}

/** A unit-square line chart of the rows, coloured by curve when there are several. */
export function lineChartSpec(
  values: object[],
  multiple: boolean,
  options: CurvePlotOptions,
  axes: { x: string; y: string; title: string },
  extraLayers: object[],
): VegaLiteSpec {
  const size = options.size ?? 320;
  const scale = { domain: [0, 1] };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? axes.title,
    width: size,
    height: size,
    layer: [
      ...extraLayers,
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axes.x, scale },
          y: { field: 'y', type: 'quantitative', title: axes.y, scale },
          order: { field: 'order', type: 'quantitative' },
          ...(multiple ? { color: { field: 'curve', type: 'nominal', title: null } } : {}),
        },
      },
    ],
  };
}
