/**
 * Layout of the controlled view's figures: the shared title-and-legend band, and stacked panels
 * sharing one time axis (state components on top, the input in a shorter panel at the bottom).
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { axis, baseLayout, legendNames, legendRows } from '../plots/layout';
import { steppedInput } from './controlData';

export interface Figure {
  data: PlotData[];
  layout: PlotLayout;
}

/** Legend rows are estimated for a plot area this wide (px): a half-width cell at 1280×720. */
const LEGEND_WIDTH = 440;

/**
 * The shared title-and-legend layout (../plots/layout.ts) for `data`, with a few px more between
 * title and legend: a two-row legend otherwise touches the title.
 */
export function figureLayout(title: string, data: PlotData[], extra: PlotLayout = {}): PlotLayout {
  const layout = baseLayout(title, legendRows(legendNames(data), LEGEND_WIDTH), extra);
  const margin = layout.margin as { t: number };
  layout.margin = { ...margin, t: margin.t + 6 };
  return layout;
}

/** Plotly's name of the k-th y axis as a trace reference ('y', 'y2', …) and as a layout key. */
export const yRef = (k: number): string => (k === 0 ? 'y' : `y${k + 1}`);
export const yKey = (k: number): string => (k === 0 ? 'yaxis' : `yaxis${k + 1}`);

/**
 * Domains [bottom, top] of rows listed top to bottom, heights ∝ weights, `gap` (paper fraction)
 * between neighbours.
 */
export function rowDomains(weights: number[], gap = 0.05): [number, number][] {
  const usable = 1 - gap * (weights.length - 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: [number, number][] = [];
  let top = 1;
  for (const w of weights) {
    const bottom = Math.max(0, top - (usable * w) / total);
    out.push([bottom, top]);
    top = bottom - gap;
  }
  // Rounding must not leave the last row a hair above or below the axis line.
  out[out.length - 1][0] = 0;
  return out;
}

/**
 * Adds one y axis per row (titles top to bottom) and the shared time axis to `layout`.
 * `extra[k]` is merged into row k's axis (log type, ranges, …).
 */
export function stackRows(
  layout: PlotLayout,
  titles: string[],
  weights: number[],
  xTitle: string,
  xRange: [number, number],
  extra: PlotLayout[] = [],
  gap = 0.05,
): void {
  const domains = rowDomains(weights, gap);
  titles.forEach((title, k) => {
    layout[yKey(k)] = axis(title, {
      domain: domains[k],
      anchor: 'x',
      nticks: titles.length > 2 ? 4 : 5,
      ...(extra[k] ?? {}),
    });
  });
  layout.xaxis = axis(xTitle, { anchor: yRef(titles.length - 1), range: xRange });
}

/**
 * A log axis over whole decades [lo, hi] (log10) with at most `maxTicks` labelled decades, so
 * stacked panels never print labels on top of each other.
 */
export function logAxis(range: [number, number], maxTicks = 4): PlotLayout {
  return {
    type: 'log',
    range,
    exponentformat: 'power',
    dtick: Math.max(1, Math.ceil((range[1] - range[0]) / maxTicks)),
  };
}

/**
 * The input traces of a figure: each of the p inputs (u: n×p, zero-order hold) as a stepped line
 * in the bottom panel `panel`, after the figure's other legend entries (from `rankFrom`).
 */
export function inputTraces(
  u: ArrayLike<number>,
  names: string[],
  dt: number,
  panel: number,
  rankFrom: number,
  color: string,
): PlotData[] {
  const p = Math.max(1, names.length);
  return Array.from({ length: p }, (_, q): PlotData => {
    const s = steppedInput(u, p, q, dt);
    const name = `input ${names[q] ?? `u${q + 1}`}`;
    return {
      type: 'scatter',
      mode: 'lines',
      name,
      x: s.x,
      y: s.y,
      xaxis: 'x',
      yaxis: yRef(panel),
      legendrank: rankFrom + q,
      line: { color, width: 2, shape: 'hv', dash: q ? 'dot' : 'solid' },
      hovertemplate: `${name}<br>t = %{x:.2f}<br>u = %{y:.4g}<extra></extra>`,
    };
  });
}
