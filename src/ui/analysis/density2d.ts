/**
 * The joint density of two components from the long-term statistics (METHOD.md §11): the true
 * system's and the RNN's free run side by side on the same bins and the same colour scale, so a
 * surrogate on the right attractor shows the same shape. Pure: analysis in, Plotly figure out.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { StatsAnalysis } from '../../run/analysis';
import { colorImageUrl, VIRIDIS } from '../explain/eigen/colorImage';
import { formatSig } from '../format';
import { axis, baseLayout } from '../plots/layout';
import { plotText } from '../plots/plotText';
import type { Figure } from '../plots/types';

/** Viridis with empty bins white (density exactly 0 maps to t = 0). */
const DENSITY_SCALE: Array<[number, string]> = [
  [0, '#ffffff'],
  [1e-9, VIRIDIS[0][1]],
  ...VIRIDIS.slice(1),
];

/**
 * Side-by-side images of √density (the square root keeps the thin, rarely visited parts visible),
 * scaled to the larger of the two maxima.
 */
export function density2dFigure(a: StatsAnalysis): Figure {
  const d = a.stats.density2d;
  const n = d.bins;
  const names = a.stateNames;
  // The histogram is row = x bin, column = y bin; the image wants rows of y.
  const asImage = (h: Float64Array) => {
    const v = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[j * n + i] = Math.sqrt(h[i * n + j]);
    return v;
  };
  const t = asImage(d.truth);
  const s = asImage(d.surrogate);
  let top = 0;
  for (const v of [t, s]) for (const x of v) top = Math.max(top, x);
  if (!(top > 0)) top = 1;
  const image = (v: Float64Array, xref: string, yref: string): PlotLayout => ({
    source: colorImageUrl(v, n, n, DENSITY_SCALE, 0, top),
    xref,
    yref,
    x: d.xlo,
    y: d.yhi,
    sizex: d.xhi - d.xlo,
    sizey: d.yhi - d.ylo,
    sizing: 'stretch',
    xanchor: 'left',
    yanchor: 'top',
    layer: 'below',
  });
  const xName = plotText(names[d.i]);
  const yName = plotText(names[d.j]);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: '√density',
      x: [d.xlo],
      y: [d.ylo],
      marker: {
        opacity: 0,
        color: [0],
        cmin: 0,
        cmax: top,
        colorscale: DENSITY_SCALE,
        showscale: true,
        colorbar: { title: { text: '√density', side: 'right' }, thickness: 10, len: 0.85 },
      },
      hoverinfo: 'skip',
      showlegend: false,
    },
    {
      type: 'scatter',
      mode: 'markers',
      x: [d.xlo],
      y: [d.ylo],
      xaxis: 'x2',
      yaxis: 'y2',
      marker: { opacity: 0 },
      hoverinfo: 'skip',
      showlegend: false,
    },
  ];
  const layout = baseLayout(
    `Joint density ${xName}–${yName}: Hellinger ${formatSig(d.hellinger)} (floor ${formatSig(a.floor.density2dHellinger)})`,
    0,
    {
      xaxis: axis(`${xName} (true system)`, { domain: [0, 0.44], range: [d.xlo, d.xhi] }),
      yaxis: axis(yName, { range: [d.ylo, d.yhi] }),
      xaxis2: axis(`${xName} (RNN free run)`, {
        domain: [0.5, 0.94],
        range: [d.xlo, d.xhi],
        anchor: 'y2',
      }),
      yaxis2: axis(yName, { range: [d.ylo, d.yhi], anchor: 'x2' }),
      images: [image(t, 'x', 'y'), image(s, 'x2', 'y2')],
      showlegend: false,
    },
  );
  return { data, layout };
}
