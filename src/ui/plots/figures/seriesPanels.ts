/**
 * Shared pieces of the measured-series figures: one panel per variable (at most MAX_PANELS),
 * stacked on a shared x axis (dates for dated data), and a line of one variable in its panel.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult, SeriesResult } from '../../../run/result';
import { axis, figureLayout } from '../layout';
import { methodRows, variableLabel, xValues } from '../seriesData';
import { stackRows, yRef } from '../stack';
import type { Figure } from '../types';

/** At most this many variables get a panel of their own (the table lists all of them). */
export const MAX_PANELS = 4;

/** The series parts of a measured-series run (its builders are only ever given such runs). */
export function seriesParts(r: RunResult): {
  s: SeriesResult;
  m: NonNullable<RunResult['metrics']['series']>;
} {
  if (!r.series || !r.metrics.series) throw new Error(`a ${r.family} run has no measured series`);
  return { s: r.series, m: r.metrics.series };
}

/** Number of variable panels drawn. */
export const panelCount = (s: SeriesResult): number => Math.min(s.variables.length, MAX_PANELS);

/** climatology's name in legends: "climatology" or "training mean". */
export const baselineName = (s: SeriesResult): string => methodRows(s)[2].label.toLowerCase();

/** One forecast of variable i over the test targets, in panel i. */
export function seriesLine(
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
    yaxis: yRef(i),
    legendgroup: name,
    showlegend: i === 0,
    line: { color, width: 1.5 },
    hovertemplate: `%{y:.3g}`,
    ...extra,
  };
}

/**
 * The figure of `data` with one panel per variable: the unit as the (short) y-axis title and the
 * variable's name in the panel's top left corner, a date x axis for dated data.
 */
export function stackedFigure(
  r: RunResult,
  s: SeriesResult,
  title: string,
  data: PlotData[],
): Figure {
  const layout = figureLayout(title, data);
  const rows = s.variables.slice(0, MAX_PANELS).map((_, i) => ({
    title: s.units[i] || 'value',
    label: variableLabel(s, i),
  }));
  stackRows(
    layout,
    rows,
    axis(s.dates ? 'date' : 'data row', { type: s.dates ? 'date' : 'linear' }),
    0.07,
  );
  layout.hovermode = 'x unified';
  layout.uirevision = r.query;
  return { data, layout };
}
