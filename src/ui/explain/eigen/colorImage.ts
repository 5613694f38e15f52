/**
 * A grid of values as a PNG data URL through a colour scale, for colour maps drawn as a Plotly
 * layout image (the app's Plotly bundle, plotly.js-gl3d-dist-min, has no heatmap trace). Pure: no
 * DOM, no canvas; the PNG writer and the colour interpolation are ../rasterPng.ts's.
 */
import { colorAt, pngDataUrl } from '../rasterPng';

/** Plotly's Viridis (matplotlib's), as [position, #rrggbb] stops. */
export const VIRIDIS: Array<[number, string]> = [
  [0, '#440154'],
  [0.06274509803921569, '#48186a'],
  [0.12549019607843137, '#472d7b'],
  [0.18823529411764706, '#424086'],
  [0.25098039215686274, '#3b528b'],
  [0.3137254901960784, '#33638d'],
  [0.3764705882352941, '#2c728e'],
  [0.4392156862745098, '#26828e'],
  [0.5019607843137255, '#21918c'],
  [0.5647058823529412, '#1fa088'],
  [0.6274509803921569, '#28ae80'],
  [0.6901960784313725, '#3fbc73'],
  [0.7529411764705882, '#5ec962'],
  [0.8156862745098039, '#84d44b'],
  [0.8784313725490196, '#addc30'],
  [0.9411764705882353, '#d8e219'],
  [1, '#fde725'],
];

/**
 * A data URL of the grid `values` (ny×nx row-major, row 0 = smallest y) coloured by `scale` over
 * [lo, hi]; the image's top row is the largest y, as a plot shows it.
 */
export function colorImageUrl(
  values: Float64Array,
  nx: number,
  ny: number,
  scale: ReadonlyArray<[number, string]>,
  lo: number,
  hi: number,
): string {
  const rgb = new Uint8Array(nx * ny * 3);
  for (let i = 0; i < ny; i++)
    for (let j = 0; j < nx; j++) {
      const c = colorAt(scale, (values[i * nx + j] - lo) / (hi - lo));
      rgb.set(c, ((ny - 1 - i) * nx + j) * 3);
    }
  return pngDataUrl(nx, ny, rgb);
}
