import { Resvg } from '@resvg/resvg-js';

/**
 * Renders an SVG to PNG with resvg, using the system fonts (DejaVu Sans by default).
 *
 * @example
 * writeFileSync('curve.png', renderPng(svg, 1800));
 */
export function renderPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return resvg.render().asPng();
}
