/**
 * Plotly figures of a measured-series run (plain objects, unit-tested): the test period's truth
 * against the 1-step and H-step forecasts, the rolling error per variable, and the MSE of every
 * method relative to climatology. Dated data get a date x axis.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult, SeriesResult } from '../../run/result';
import { axis, baseLayout, hline, legendNames, legendRows, note } from '../plots/layout';
import {
  SERIES_COLORS,
  methodRows,
  rollingRmse,
  stepWord,
  variable,
  xValues,
} from './seriesPlotData';

/** At most this many variables get a panel of their own (the table lists all of them). */
export const MAX_PANELS = 4;
/** Half-width of the rolling RMSE window (targets): ±7 → 15 days for weather. */
export const ROLLING_HALF = 7;

interface Figure {
  data: PlotData[];
  layout: PlotLayout;
}

/**
 * One y axis per variable, stacked, sharing the x axis (a date axis for dated data); each panel is
 * named by a label in its top left corner (stacked axis titles would collide).
 */
function stacked(s: SeriesResult, title: string, data: PlotData[]) {
  const panels = Math.min(s.variables.length, MAX_PANELS);
  const layout = baseLayout(title, legendRows(legendNames(data), 460));
  const gap = panels > 1 ? 0.07 : 0;
  const annotations: PlotLayout[] = [];
  for (let i = 0; i < panels; i++) {
    const top = 1 - i / panels - (i > 0 ? gap / 2 : 0);
    const bottom = 1 - (i + 1) / panels + (i < panels - 1 ? gap / 2 : 0);
    layout[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = axis('', {
      domain: [bottom, top],
      anchor: 'x',
      nticks: panels > 2 ? 4 : 5,
    });
    const unit = s.units[i] ? ` (${s.units[i]})` : '';
    annotations.push(
      note(`${s.variables[i]}${unit}`, 0.005, top, { xanchor: 'left', yanchor: 'top' }),
    );
  }
  layout.annotations = annotations;
  layout.xaxis = axis(s.dates ? 'date' : 'data row', {
    anchor: panels === 1 ? 'y' : `y${panels}`,
    type: s.dates ? 'date' : 'linear',
  });
  layout.hovermode = 'x unified';
  return layout;
}

function line(
  s: SeriesResult,
  i: number,
  name: string,
  y: number[],
  color: string,
  extra: PlotLayout = {},
): PlotData {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x: xValues(s),
    y,
    xaxis: 'x',
    yaxis: i === 0 ? 'y' : `y${i + 1}`,
    legendgroup: name,
    showlegend: i === 0,
    line: { color, width: 1.5 },
    hovertemplate: `%{y:.3g}`,
    ...extra,
  };
}

/** Truth and forecasts over the test targets; persistence starts hidden (click its legend entry). */
export function forecastFigure(r: RunResult): Figure {
  const s = r.series!;
  const d = s.variables.length;
  const H = s.horizons[s.horizons.length - 1];
  const data: PlotData[] = [];
  for (let i = 0; i < Math.min(d, MAX_PANELS); i++) {
    data.push(
      line(s, i, 'truth', variable(s.truth, d, i), SERIES_COLORS.truth, {
        line: { color: SERIES_COLORS.truth, width: 2 },
      }),
    );
    data.push(
      line(s, i, `RNN, ${stepWord(s, 1)} ahead`, variable(s.rnn[0], d, i), SERIES_COLORS.rnn1),
    );
    if (s.horizons.length > 1)
      data.push(
        line(s, i, `RNN, ${stepWord(s, H)} ahead`, variable(s.rnn[1], d, i), SERIES_COLORS.rnnH),
      );
    data.push(
      line(
        s,
        i,
        methodRows(s)[2].label.toLowerCase(),
        variable(s.climatology, d, i),
        SERIES_COLORS.climatology,
        {
          line: { color: SERIES_COLORS.climatology, width: 2, dash: 'dash' },
        },
      ),
    );
    data.push(
      line(
        s,
        i,
        `persistence, ${stepWord(s, 1)}`,
        variable(s.persistence[0], d, i),
        SERIES_COLORS.persistence,
        {
          visible: 'legendonly',
        },
      ),
    );
  }
  const layout = stacked(s, `Test forecasts · ${s.title}`, data);
  layout.uirevision = r.query;
  return { data, layout };
}

/** Rolling RMSE (±ROLLING_HALF targets) of each forecast, per variable, in physical units. */
export function seriesErrorFigure(r: RunResult): Figure {
  const s = r.series!;
  const d = s.variables.length;
  const H = s.horizons[s.horizons.length - 1];
  const data: PlotData[] = [];
  for (let i = 0; i < Math.min(d, MAX_PANELS); i++) {
    const rm = (f: Float64Array) => rollingRmse(f, s.truth, d, i, ROLLING_HALF);
    data.push(line(s, i, `RNN, ${stepWord(s, 1)}`, rm(s.rnn[0]), SERIES_COLORS.rnn1));
    if (s.horizons.length > 1)
      data.push(line(s, i, `RNN, ${stepWord(s, H)}`, rm(s.rnn[1]), SERIES_COLORS.rnnH));
    data.push(
      line(s, i, `persistence, ${stepWord(s, 1)}`, rm(s.persistence[0]), SERIES_COLORS.persistence),
    );
    data.push(
      line(
        s,
        i,
        methodRows(s)[2].label.toLowerCase(),
        rm(s.climatology),
        SERIES_COLORS.climatology,
        {
          line: { color: SERIES_COLORS.climatology, width: 2, dash: 'dash' },
        },
      ),
    );
  }
  const span = 2 * ROLLING_HALF + 1;
  const title = `Error per variable · RMSE over ${span} ${s.step === 'day' ? 'days' : 'rows'}`;
  const layout = stacked(s, title, data);
  layout.uirevision = r.query;
  return { data, layout };
}

/** Dash style per variable in the skill plot (colour = method). */
const DASHES = ['solid', 'dot', 'dash', 'dashdot'];

/**
 * Test MSE of the RNN and persistence at horizons 1 and H divided by climatology's MSE, one line
 * per method and variable (below 1: better than climatology). Plotly's partial bundle has no bar
 * trace, so it is a line plot over the horizon.
 */
export function skillFigure(r: RunResult): Figure {
  const m = r.metrics.series!;
  const s = r.series!;
  const clim = m.climatology[0];
  const data: PlotData[] = [];
  const rows = methodRows(s).slice(0, 2);
  m.variables.slice(0, MAX_PANELS).forEach((v, i) => {
    for (const row of rows) {
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: `${row.key === 'rnn' ? 'RNN' : 'persistence'} · ${v}`,
        x: m.horizons,
        y: m.horizons.map((_, k) => {
          const mse = m[row.key][k][i];
          return mse === null ? null : mse / clim[i];
        }),
        line: { color: row.color, width: 2, dash: DASHES[i] },
        marker: { color: row.color, size: 9 },
        hovertemplate: `${v}, %{x} ${s.step}s: %{y:.3f}<extra>${row.label}</extra>`,
      });
    }
  });
  const climName = methodRows(s)[2].label.toLowerCase();
  const layout = baseLayout(`MSE ÷ ${climName}’s MSE`, legendRows(legendNames(data), 460), {
    xaxis: axis(`${s.step}s ahead`, {
      tickvals: m.horizons,
      range: [0.5, m.horizons[m.horizons.length - 1] + 0.5],
    }),
    yaxis: axis(`relative MSE (1 = ${climName})`, { rangemode: 'tozero' }),
    shapes: [hline(1, SERIES_COLORS.climatology)],
    uirevision: r.query,
  });
  return { data, layout };
}
