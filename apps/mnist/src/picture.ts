/**
 * Writes a chart as SVG and as PNG. The SVG comes from Vega-Lite (through `@tessera/metrics` and
 * `@tessera/trainer`); resvg turns it into a PNG with a prebuilt binary that ships inside its npm
 * package, so there is no native build and nothing to download.
 */
import { writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';

/**
 * Renders an SVG string to PNG bytes at `scale` times its size (2 keeps text sharp on
 * high-density screens). Text uses the system's sans-serif fonts (DejaVu or Liberation on Debian).
 *
 * @example
 * ```ts
 * const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
 * png.subarray(1, 4).toString(); // 'PNG'
 * ```
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  if (typeof svg !== 'string' || !svg.includes('<svg')) throw new Error(`svgToPng: svg must be SVG markup, got ${typeof svg === 'string' ? `text of ${svg.length} characters without <svg` : typeof svg}`);
  if (!(scale > 0 && scale <= 8)) throw new Error(`svgToPng: scale must be in (0, 8], got ${scale}`);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)/.exec(svg)?.[1] ?? 0);
  const resvg = new Resvg(svg, {
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    ...(width > 0 ? { fitTo: { mode: 'width' as const, value: Math.round(width * scale) } } : {}),
  });
  return resvg.render().asPng();
}

/**
 * Writes `<base>.svg` and `<base>.png` and returns both paths.
 *
 * @example
 * ```ts
 * await writePicture('runs/x/confusion-matrix', svg); // { svg: '...svg', png: '...png' }
 * ```
 */
export async function writePicture(base: string, svg: string): Promise<{ svg: string; png: string }> {
  const paths = { svg: `${base}.svg`, png: `${base}.png` };
  await writeFile(paths.svg, svg);
  await writeFile(paths.png, svgToPng(svg));
  return paths;
}
