/**
 * Measured series: the test MSE of the RNN and of persistence at horizons 1 and H divided by the
 * climatology baseline's MSE, one marker per method, variable and horizon (below 1: better than
 * the baseline). Markers only: a line from the 1-day to the 7-day point would suggest values in
 * between that were never computed (issue 11). Colour = method, marker shape = variable.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { axis, baseLayout, hline, legendNames, legendRows } from '../layout';
import { COLORS } from '../palette';
import { methodRows, variableName } from '../seriesData';
import type { Figure } from '../types';
import { baselineName, MAX_PANELS, seriesParts } from './seriesPanels';

/** Marker shape per variable (colour = method). */
const SYMBOLS = ['circle', 'diamond', 'square', 'triangle-up'];

export function skillFigure(r: RunResult): Figure {
  const { s, m } = seriesParts(r);
  const clim = m.climatology[0];
  const data: PlotData[] = [];
  const rows = methodRows(s).slice(0, 2);
  m.variables.slice(0, MAX_PANELS).forEach((_, i) => {
    const v = variableName(s, i);
    for (const row of rows) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${row.key === 'rnn' ? 'RNN' : 'persistence'} · ${v}`,
        x: m.horizons,
        y: m.horizons.map((_, k) => {
          const mse = m[row.key][k][i];
          return mse === null ? null : mse / clim[i];
        }),
        marker: {
          color: row.color,
          size: 12,
          symbol: SYMBOLS[i % SYMBOLS.length],
          line: { color: '#ffffff', width: 1 },
        },
        hovertemplate: `${v}, %{x} ${s.step}s: %{y:.3f}<extra>${row.label}</extra>`,
      });
    }
  });
  const base = baselineName(s);
  // Long legend names: Plotly wraps them on a row narrower than the other figures' estimate.
  const layout = baseLayout(`MSE ÷ ${base}’s MSE`, legendRows(legendNames(data), 360), {
    xaxis: axis(`${s.step}s ahead`, {
      tickvals: m.horizons,
      range: [0.5, m.horizons[m.horizons.length - 1] + 0.5],
    }),
    yaxis: axis(`relative MSE (1 = ${base})`, { rangemode: 'tozero' }),
    shapes: [hline(1, COLORS.climatology)],
    uirevision: r.query,
  });
  return { data, layout };
}
